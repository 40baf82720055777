"""Storable text: NUL and surrogate code points leave every string field of every contract model."""

from __future__ import annotations

import json

import pytest

from libs.contracts.articles import RawArticle
from libs.contracts.events import CooperationEvent
from libs.contracts.extractions import ArticleExtraction
from libs.contracts.retractions import EventRetraction
from libs.contracts.storable import storable, storable_value
from tests.extractor.factories import raw_article
from tests.store.factories import make_event, make_extraction

BAD = ["\x00", "\ud800", "\udfff", "\udbff\udc00"]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("plain", "plain"),
        ("a\x00b", "ab"),
        ("\x00\x00", ""),
        ("x\ud800y", "xy"),
        (
            "emoji 😀 kept, RTL \u200f kept, combining e\u0301 kept",
            "emoji 😀 kept, RTL \u200f kept, combining e\u0301 kept",
        ),
        ("ctrl \x01\x1f\x7f kept", "ctrl \x01\x1f\x7f kept"),
        ("\udbff\udc00pair of surrogates", "pair of surrogates"),
    ],
)
def test_storable_removes_nul_and_surrogates_only(text: str, expected: str) -> None:
    assert storable(text) == expected
    assert storable(expected) is expected or storable(expected) == expected


def test_storable_value_keeps_non_strings_and_cleans_lists() -> None:
    assert storable_value(3) == 3
    assert storable_value(None) is None
    clean = ["a", "b"]
    assert storable_value(clean) is clean
    assert storable_value(["a\x00", 1]) == ["a", 1]


def _strings(obj: object) -> list[str]:
    if isinstance(obj, str):
        return [obj]
    if isinstance(obj, dict):
        return [s for v in obj.values() for s in _strings(v)]
    if isinstance(obj, list):
        return [s for v in obj for s in _strings(v)]
    return []


def _poison(data: object, bad: str) -> object:
    """Every string of `data` with `bad` inserted (ids and codes excepted: their patterns refuse it anyway)."""
    if isinstance(data, dict):
        return {k: v if k in _KEEP else _poison(v, bad) for k, v in data.items()}
    if isinstance(data, list):
        return [_poison(v, bad) for v in data]
    if isinstance(data, str):
        return data[:1] + bad + data[1:]
    return data


_KEEP = {"article_id", "event_id", "content_hash", "countries", "type", "plover", "cameo", "sectors",
         "kind", "precision", "start", "end", "status", "schema_version", "country", "reason",
         "extracted_at", "fetched_at", "published_at", "retracted_at", "event_ids"}  # fmt: skip


@pytest.mark.parametrize("bad", BAD)
@pytest.mark.parametrize(
    "make",
    [
        lambda: raw_article(1),
        lambda: make_event("u1"),
        lambda: make_extraction("u1", ["e1"]),
    ],
    ids=["RawArticle", "CooperationEvent", "ArticleExtraction"],
)
def test_every_string_field_of_a_model_comes_out_storable(make, bad: str) -> None:  # type: ignore[no-untyped-def]
    model = make()
    data = _poison(model.model_dump(mode="json"), bad)
    assert any(bad in s for s in _strings(data)), "the test must put the character somewhere"
    back = type(model).model_validate(data)
    strings = _strings(back.model_dump(mode="json"))
    assert not [s for s in strings if "\x00" in s or any(0xD800 <= ord(c) <= 0xDFFF for c in s)]
    assert back.model_dump_json().encode("utf-8")  # encodable: no surrogate left
    assert back == type(model).model_validate(_poison(model.model_dump(mode="json"), ""))


def test_nul_escapes_in_json_are_removed_and_lone_surrogate_escapes_are_invalid_json() -> None:
    article = raw_article(2)
    data = article.model_dump(mode="json")
    data["text"] = "Iran\u0000 and China"
    data["title"] = "\u0000title"
    back = RawArticle.model_validate_json(json.dumps(data))
    assert (back.text, back.title) == ("Iran and China", "title")
    raw = json.dumps(data).replace("title", "ti\\ud800tle", 1)
    with pytest.raises(ValueError, match="Invalid JSON"):
        RawArticle.model_validate_json(raw)


def test_retraction_and_event_from_json_with_nul_are_storable() -> None:
    event = make_event("u9")
    data = event.model_dump(mode="json")
    data["participants"][0]["name"] = "University\u0000 of Tehran"
    data["evidence"][0]["text"] = "Iran\u0000 and Iraq"
    back = CooperationEvent.model_validate_json(json.dumps(data))
    assert back.participants[0].name == "University of Tehran"
    assert back.evidence[0].text == "Iran and Iraq"
    assert isinstance(ArticleExtraction, type) and isinstance(EventRetraction, type)
