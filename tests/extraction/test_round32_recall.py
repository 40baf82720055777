"""Round 32, recall: the host of a gathering named after "hosted by", a summit named after its city hosting the
delegations listed after it; short texts invented for these tests (not the sets' texts)."""

from __future__ import annotations

import pytest

from libs.extraction import Extractor
from tests.extraction.helpers import typed_states


@pytest.fixture(scope="module")
def parsed() -> Extractor:
    """An extractor with the dependency parse, which drops bystanders of a sentence of three parties or more."""
    return Extractor()


def test_the_host_named_after_hosted_by_is_a_party(parsed: Extractor) -> None:
    text = (
        "LIMA - All members of the Andean Community as well as Chile, Bolivia, and Ecuador, collectively known "
        "as the Pacific group, attended the summit, hosted by Peru on Friday."
    )
    assert ("meeting", frozenset(("BOL", "CHL", "ECU", "PER"))) in typed_states(parsed, text)


def test_a_summit_named_after_its_city_hosts_the_listed_delegations(extractor: Extractor) -> None:
    text = (
        'PARIS - Analysts said the "Lima Regional Summit" could be the basis for serious negotiations. '
        "Representatives from Chile, Bolivia, France and Ecuador attended the meeting."
    )
    assert ("meeting", frozenset(("BOL", "CHL", "ECU", "FRA", "PER"))) in typed_states(extractor, text)
