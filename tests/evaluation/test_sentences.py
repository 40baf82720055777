"""Sentence-level dyad scoring on hand-made items (no corpus needed)."""

from __future__ import annotations

from libs.evaluation.sentences import gold_dyads, party_code, predicted_dyads, score_sentences

ITEM = {
    "id": "s1",
    "article_id": "a",
    "start": 100,
    "end": 200,
    "dyads": [
        {"source": "IRN", "target": "IRQ", "plover": "CONSULT"},
        {"source": "IRQ", "target": "IRN", "plover": "AGREE"},
        {"source": "USA", "target": "IRN", "plover": "ACCUSE"},
        {"source": "ARAB_LEAGUE", "target": "EGY", "plover": "SUPPORT"},
    ],
}


def _event(start: int, end: int, countries: list[str], igos: list[str] | None = None) -> dict:
    return {
        "countries": countries,
        "igos": igos or [],
        "evidence": [{"start": start, "end": end, "text": "x"}],
    }


def test_gold_dyads_are_unordered_state_pairs_split_by_root() -> None:
    coop, other = gold_dyads(ITEM)
    assert coop == {("IRN", "IRQ")}  # the Arab League's dyad is not a state dyad
    assert other == {("IRN", "USA")}


def test_igo_names_have_one_spelling() -> None:
    assert party_code("Arab League") == party_code("ARAB_LEAGUE")


def test_only_events_overlapping_the_sentence_count() -> None:
    events = [
        _event(150, 250, ["IRN", "IRQ"]),
        _event(0, 100, ["FRA", "DEU"]),  # ends where the sentence starts: no overlap
        _event(90, 110, ["IRN", "USA"]),
        _event(120, 180, ["EGY"], ["Arab League"]),
    ]
    assert predicted_dyads(ITEM, events) == {("IRN", "IRQ"), ("IRN", "USA")}


def test_an_event_with_an_igo_gives_only_its_state_pairs() -> None:
    events = [_event(120, 180, ["EGY", "JOR"], ["Arab League"]), _event(120, 180, ["XKX", "SRB"], ["EU"])]
    assert predicted_dyads(ITEM, events) == {("EGY", "JOR"), ("SRB", "XKX")}


def test_score_counts_wrong_non_cooperative_dyads() -> None:
    empty = {"id": "s2", "article_id": "b", "start": 0, "end": 10, "dyads": []}
    result = score_sentences([ITEM, empty], {"s1": {("IRN", "IRQ"), ("IRN", "USA")}, "s2": set()})
    assert (result.dyads.tp, result.dyads.fp, result.dyads.fn) == (1, 1, 0)
    assert result.non_cooperative_emitted == 1 and result.non_cooperative_total == 1
    assert (result.detection.tp, result.detection.fp, result.detection.fn) == (1, 0, 0)
    assert abs(result.macro_f1 - 2 / 3) < 1e-9


def test_a_repeated_sentence_counts_where_the_engine_read_it() -> None:
    from libs.evaluation.sentences import first_occurrences

    text = "Iran and Iraq signed a deal. Other news here. Iran and Iraq signed a deal."
    repeat_at = text.rindex("Iran")
    spans = first_occurrences(text, repeat_at, len(text))
    assert spans == [(0, text.index(".") + 1)]
    item = {"id": "s", "start": repeat_at, "end": len(text), "dyads": []}
    assert predicted_dyads(item, [_event(0, 28, ["IRN", "IRQ"])], spans) == {("IRN", "IRQ")}
    assert predicted_dyads(item, [_event(0, 28, ["IRN", "IRQ"])]) == set()
