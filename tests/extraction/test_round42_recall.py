"""Round 42, missed pairs outside the nuclear deal (recall): a state's forces or advisers backing the forces of
others in the field ("armed forces in A and B, backed by militias and C's military advisors", "the army of A,
supported by C's air power") are a `cooperation` of the backer with each backed state, not of the backed with
each other; forces "in" a state named at the head of the clause are that state's own; "backed by ground troops"
with no state's name before the force makes nothing. Short texts invented for these tests (not the sets'
texts)."""

from __future__ import annotations

from libs.extraction import Extractor
from tests.extraction.helpers import typed_states


def _cooperations(text: str, extractor: Extractor) -> set[frozenset[str]]:
    """The state sets of the `cooperation` events of `text`."""
    return {states for t, states in typed_states(extractor, text) if t == "cooperation"}


def test_forces_in_two_states_backed_by_a_third_states_advisors_are_a_star_on_the_backer(
    extractor: Extractor,
) -> None:
    text = (
        "Armed forces in Burkina Faso and Mali, backed by local volunteer units and French military advisors, "
        "have driven the militants out of their last strongholds in both countries."
    )
    assert _cooperations(text, extractor) == {frozenset({"FRA", "BFA"}), frozenset({"FRA", "MLI"})}


def test_security_forces_in_a_state_backed_by_foreign_advisers_are_that_states(extractor: Extractor) -> None:
    text = "Security forces in Mali, backed by French military advisers, retook the northern town last week."
    assert _cooperations(text, extractor) == {frozenset({"FRA", "MLI"})}


def test_army_supported_by_a_states_air_power_is_a_cooperation(extractor: Extractor) -> None:
    text = "The Malian army, supported by French air power, recaptured the town of Gao on Sunday."
    assert _cooperations(text, extractor) == {frozenset({"FRA", "MLI"})}


def test_backing_by_unnamed_ground_troops_makes_nothing(extractor: Extractor) -> None:
    text = (
        "The group said that the French military was preparing massive aerial operations - backed by "
        "ground troops - against its bases in Mali."
    )
    assert not _cooperations(text, extractor)
