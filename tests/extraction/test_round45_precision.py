"""Round 45, false pairs and dyads outside the nuclear deal: an organisation's members enumerated after a colon,
the buyers a sanctioning state lets keep buying, patients enrolled in a trial. Short texts invented for these
tests (not the sets' texts)."""

from __future__ import annotations

from libs.extraction import Extractor
from tests.extraction.helpers import pair_sets, typed_states


def test_members_enumerated_after_a_colon_are_no_parties(extractor: Extractor) -> None:
    for text in (
        "By pooling laboratories in marine science, OPEC promotes multilateral cooperation to facilitate the "
        "training of its Members, including: Chile, Peru, Bolivia, Ecuador, Spain and Norway.",
        "The ECO promotes multilateral cooperation among its member states: Chile, Peru, Bolivia and Ecuador.",
    ):
        assert not pair_sets(extractor, text), text


def test_states_listed_as_acting_members_stay_parties(extractor: Extractor) -> None:
    text = "The members of the bloc, including Chile and Peru, signed a trade agreement in Lima on Monday."
    assert frozenset(("CHL", "PER")) in pair_sets(extractor, text)


def test_buyers_let_keep_buying_make_no_intent_or_accord(extractor: Extractor) -> None:
    for text in (
        "After the sanctions took effect, Washington agreed to let six countries, including close partners "
        "Chile and Brazil, as well as Ecuador, keep buying Peruvian copper.",
        "Washington ended six months of waivers which allowed Chile, Brazil and Ecuador to continue importing "
        "copper from Peru.",
    ):
        assert not pair_sets(extractor, text), text


def test_a_buyer_that_agrees_to_keep_buying_stays(extractor: Extractor) -> None:
    text = "LIMA - Chile agreed to keep buying copper from Peru, its trade minister said on Monday."
    assert frozenset(("CHL", "PER")) in pair_sets(extractor, text)


def test_patients_enrolled_in_a_trial_are_no_cooperation(extractor: Extractor) -> None:
    text = (
        "A third of the 300 patients enrolled in the new trial from Chile, Peru, Spain and Norway lived three years "
        "after surgery, the study found."
    )
    assert not typed_states(extractor, text)


def test_students_enrolled_abroad_stay_cooperation(extractor: Extractor) -> None:
    text = "Some 2,000 Chilean students enrolled in Peruvian universities this year, the ministry said."
    assert ("cooperation", frozenset({"CHL", "PER"})) in typed_states(extractor, text)


def test_a_buyer_asking_to_be_allowed_to_keep_importing_stays(extractor: Extractor) -> None:
    text = (
        "LIMA - Chile's foreign minister said that Chile should be allowed to continue importing copper from Peru "
        "for a longer time."
    )
    assert frozenset(("CHL", "PER")) in pair_sets(extractor, text)
