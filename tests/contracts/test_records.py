"""Record helpers for the events topic: retractions built, encoded and told apart from events."""

from datetime import UTC, datetime

import pytest
from pydantic import ValidationError

from libs.contracts.errors import ContractError
from libs.contracts.events import CooperationEvent, ExtractorInfo
from libs.contracts.records import (
    CE_TYPES,
    cloudevent_id,
    encode,
    headers_to_dict,
    parse_events_value,
    record_key,
    retraction_for,
)
from libs.contracts.retractions import EventRetraction, RetractionReason
from libs.contracts.samples import sample_event, sample_retraction

NEW = ExtractorInfo(name="accord-rules", version="1.2.0")
WHEN = datetime(2026, 1, 2, 3, 4, 5, tzinfo=UTC)


def test_retraction_for_keeps_the_event_identity() -> None:
    ev = sample_event()
    r = retraction_for(ev, retracted_at=WHEN, extractor=NEW)
    assert (r.event_id, r.article_id, r.retracted_at, r.extractor) == (ev.event_id, ev.article_id, WHEN, NEW)
    assert r.reason is RetractionReason.superseded
    assert (
        retraction_for(ev, retracted_at=WHEN, extractor=NEW, reason=RetractionReason.manual).reason
        == "manual"
    )


def test_retraction_record_shares_the_event_key_and_has_its_own_type() -> None:
    ev = sample_event()
    r = retraction_for(ev, retracted_at=WHEN, extractor=NEW)
    ev_rec = encode(ev, topic="events.cooperation", source="accord/extractor")
    r_rec = encode(r, topic="events.cooperation", source="accord/extractor", time=WHEN)
    assert r_rec.key == ev_rec.key == ev.event_id.encode() == record_key(r).encode()
    h = headers_to_dict(r_rec.headers)
    assert h["ce_type"] == "org.accord.cooperation.event.retracted.v1" == CE_TYPES[EventRetraction]
    assert h["ce_id"] == f"{ev.event_id}:retracted:2026-01-02T03:04:05Z" == cloudevent_id(r)
    assert h["schema_version"] == "1.0"
    assert h["content-type"] == "application/json"


def test_parse_events_value_uses_ce_type_first() -> None:
    ev, rt = sample_event(), sample_retraction()
    ev_rec = encode(ev, topic="t", source="s")
    rt_rec = encode(rt, topic="t", source="s")
    assert parse_events_value(ev_rec.value, ev_rec.headers) == ev
    assert parse_events_value(rt_rec.value, headers_to_dict(rt_rec.headers)) == rt
    with pytest.raises(ValidationError):  # the header says retraction, the body is an event
        parse_events_value(ev_rec.value, rt_rec.headers)
    with pytest.raises(ContractError, match="ce_type"):
        parse_events_value(ev_rec.value, [("ce_type", b"org.accord.article.raw.v1")])


def test_parse_events_value_falls_back_to_the_body() -> None:
    ev, rt = sample_event(), sample_retraction()
    assert isinstance(parse_events_value(ev.model_dump_json().encode()), CooperationEvent)
    assert isinstance(parse_events_value(rt.model_dump_json().encode(), []), EventRetraction)
    assert parse_events_value(None) is None  # tombstone: purge the key
    with pytest.raises(ValidationError):
        parse_events_value(b"not json")
    with pytest.raises(ValidationError):
        parse_events_value(b"[1, 2]")
