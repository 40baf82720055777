"""Contract invariants of the message models."""

from datetime import UTC, datetime

import pytest
from pydantic import ValidationError

from libs.contracts import (
    ArticleExtraction,
    CooperationEvent,
    RawArticle,
    article_id_for,
    content_hash,
    encode,
    headers_to_dict,
)
from libs.contracts.extractions import ExtractionStatus


def _event(**over):
    data = {
        "event_id": "ev-0123456789abcdef",
        "article_id": "t0123",
        "type": "agreement",
        "countries": ["IRQ", "IRN", "IRQ"],
        "sectors": ["science_research", "higher_education"],
        "date": {"start": "2025-01-18", "end": "2025-01-20", "precision": "day", "text": "January 18 to 20"},
        "evidence": [{"text": "Iran and Iraq signed an action plan.", "start": 0, "end": 36}],
        "confidence": 0.8,
        "extractor": {"name": "accord-rules", "version": "1.0.0"},
    }
    data.update(over)
    return CooperationEvent.model_validate(data)


def test_event_fills_codes_and_sorts_parties() -> None:
    ev = _event()
    assert (ev.plover, ev.cameo) == ("SUPPORT", "057")
    assert ev.countries == ["IRN", "IRQ"]
    assert [s.value for s in ev.sectors] == ["higher_education", "science_research"]


def test_event_rejects_wrong_codes() -> None:
    with pytest.raises(ValidationError, match="PLOVER"):
        _event(plover="CONSULT", cameo="040")


def test_event_needs_two_parties() -> None:
    with pytest.raises(ValidationError, match="two or more"):
        _event(countries=["IRN"])
    assert _event(countries=["IRN"], igos=["UNESCO"]).igos == ["UNESCO"]


def test_event_date_precision_is_checked() -> None:
    with pytest.raises(ValidationError, match="precision"):
        _event(date={"start": "2025-01", "precision": "day", "text": "January"})
    assert _event(date={"start": "2025-01", "precision": "month", "text": "January"}).date.start == "2025-01"


def test_event_rejects_unknown_type_and_sector() -> None:
    with pytest.raises(ValidationError):
        _event(type="war")
    with pytest.raises(ValidationError):
        _event(sectors=["astrology"])


def test_event_roundtrips_and_ignores_unknown_fields() -> None:
    ev = _event()
    data = ev.model_dump(mode="json")
    data["added_in_v1_1"] = "ignored"
    assert CooperationEvent.model_validate(data) == ev


def test_article_ids_are_stable_and_tell_their_rule() -> None:
    text = "Iran and  Iraq\nsigned an MoU."
    assert article_id_for(None, text) == article_id_for(None, "Iran and Iraq signed an MoU.")
    assert article_id_for(None, text).startswith("t")
    assert article_id_for("https://example.org/a", text).startswith("u")
    assert article_id_for("https://example.org/a", text) != article_id_for("https://example.org/b", text)
    assert len(content_hash(text)) == 64


def test_record_format_follows_cloudevents_binding() -> None:
    text = "Iran and Iraq signed an MoU."
    art = RawArticle(
        article_id=article_id_for(None, text),
        text=text,
        fetched_at=datetime(2025, 1, 1, tzinfo=UTC),
        source="test",
        content_hash=content_hash(text),
        fetch={"kind": "jsonl", "source_ref": "x.jsonl:1"},
    )
    rec = encode(art, topic="articles.raw", source="accord/fetcher")
    h = headers_to_dict(rec.headers)
    assert rec.key == art.article_id.encode()
    assert h["ce_specversion"] == "1.0"
    assert h["ce_type"] == "org.accord.article.raw.v1"
    assert h["ce_source"] == "accord/fetcher"
    assert h["content-type"] == "application/json"
    assert h["schema_version"] == "1.0"
    assert h["ce_time"].endswith("Z")
    assert RawArticle.model_validate_json(rec.value) == art

    ev = _event()
    assert encode(ev, topic="events.cooperation", source="accord/extractor").key == ev.event_id.encode()

    ex = ArticleExtraction(
        article_id=art.article_id,
        status=ExtractionStatus.extracted,
        event_ids=[ev.event_id],
        extractor={"name": "accord-rules", "version": "1.0.0"},
        extracted_at=datetime(2025, 1, 1, tzinfo=UTC),
    )
    assert (
        headers_to_dict(encode(ex, topic="t", source="s").headers)["ce_type"]
        == "org.accord.article.extracted.v1"
    )
