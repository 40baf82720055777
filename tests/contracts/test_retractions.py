"""`EventRetraction` invariants and the body discriminator of the events topic."""

from datetime import UTC, datetime, timedelta, timezone

import pytest
from pydantic import ValidationError

from libs.contracts.events import CooperationEvent
from libs.contracts.retractions import EventRetraction, EventsTopicValue, RetractionReason
from libs.contracts.samples import sample_event, sample_retraction


def _retraction(**over: object) -> EventRetraction:
    data: dict[str, object] = {
        "event_id": "ev-0123456789abcdef",
        "article_id": "t0123",
        "retracted_at": datetime(2026, 1, 2, tzinfo=UTC),
        "reason": "superseded",
        "extractor": {"name": "accord-rules", "version": "1.2.0"},
    }
    data.update(over)
    return EventRetraction.model_validate(data)


def test_retraction_carries_its_discriminator_and_version() -> None:
    r = _retraction()
    body = r.model_dump(mode="json")
    assert body["kind"] == "retraction"
    assert body["schema_version"] == "1.0"
    assert r.reason is RetractionReason.superseded


def test_retraction_invariants() -> None:
    with pytest.raises(ValidationError):
        _retraction(event_id="short")
    with pytest.raises(ValidationError):
        _retraction(event_id="ev with spaces")
    with pytest.raises(ValidationError):
        _retraction(retracted_at=datetime(2026, 1, 2))  # naive: ambiguous instant
    with pytest.raises(ValidationError):
        _retraction(reason="because")
    with pytest.raises(ValidationError):
        _retraction(kind="event")
    with pytest.raises(ValidationError):
        _retraction(article_id="")


def test_retraction_is_frozen_and_ignores_unknown_fields() -> None:
    r = _retraction()
    with pytest.raises(ValidationError):
        r.reason = RetractionReason.manual  # type: ignore[misc]
    data = r.model_dump(mode="json") | {"added_later": 1}
    assert EventRetraction.model_validate(data) == r


def test_retraction_keeps_the_instant_of_other_time_zones() -> None:
    tehran = timezone(timedelta(hours=3, minutes=30))
    r = _retraction(retracted_at=datetime(2026, 1, 2, 3, 30, tzinfo=tehran))
    assert r.retracted_at == datetime(2026, 1, 2, tzinfo=UTC)


def test_events_topic_value_tells_events_from_retractions_by_the_body() -> None:
    ev, rt = sample_event(), sample_retraction()
    assert isinstance(EventsTopicValue.model_validate_json(ev.model_dump_json()).root, CooperationEvent)
    assert isinstance(EventsTopicValue.model_validate_json(rt.model_dump_json()).root, EventRetraction)
    with pytest.raises(ValidationError):  # a retraction body missing its fields is not read as an event
        EventsTopicValue.model_validate_json(b'{"kind": "retraction", "event_id": "ev-0123456789abcdef"}')
