"""Named people: the surname index, well-known people, indexed lookups."""

from __future__ import annotations

from libs.extraction.named_people import Person, PersonIndex, people_between


def _person(name: str, start: int, country: str | None = None) -> Person:
    return Person(name, start, start + len(name), None, country, country is not None, False)


def test_people_between_finds_overlapping_names_in_order() -> None:
    people = [_person("Ana Lima", 0), _person("Rui Costa", 20), _person("Eva Maia", 40)]
    starts = [p.start for p in people]
    assert [p.name for p in people_between(people, starts, 5, 25)] == ["Ana Lima", "Rui Costa"]
    assert people_between(people, starts, 30, 35) == []


def test_known_people_are_whole_word_mentions() -> None:
    index = PersonIndex([], None, known={"Lavrov": "RUS", "Guterres": "UN"}, igo_codes={"UN"})
    text = "Lavrov and Guterres spoke; Lavrovsky did not."
    found = index.mentions(text, 0, len(text))
    assert [(text[s:e], code, igo) for s, e, code, igo, _ in found] == [
        ("Lavrov", "RUS", False),
        ("Guterres", "UN", True),
    ]


def test_the_text_overrules_nothing_it_contradicts() -> None:
    # a surname the text ties to another state than the table: the two votes cancel out
    people = [_person("Ali Lavrov", 0, "KAZ")]
    index = PersonIndex(people, None, known={"Lavrov": "RUS"})
    assert index.state_of("Ali Lavrov") is None
