"""`EventRetraction` v1: an event withdrawn, published on `events.cooperation` under the event's own key.

The events topic carries two kinds of values, told apart by the `ce_type`
header (`org.accord.cooperation.event.v1` / `org.accord.cooperation.event.retracted.v1`)
or, for a consumer that ignores headers, by the body: a retraction has
`"kind": "retraction"`, an event has no `kind` field.

Semantics (what the extractor guarantees, `services.extractor.step`; what consumers rely on):

* Key = `event_id`, so a retraction lands on the partition of the event it
  retracts and after it in the log. For every event id the LAST record wins:
  a `CooperationEvent` means current, an `EventRetraction` means retracted.
  An event that a later extraction yields again is re-published as a
  `CooperationEvent` after its retraction, which restores it.
* That rule is exactly what log compaction keeps (`cleanup.policy=compact`,
  keyed by event id): a consumer reading the compacted topic from the start
  ends with the same current/retracted sets as one that read every record.
  A retraction is an ordinary record, never a tombstone, so compaction keeps it
  forever; the retracted event's payload is compacted away.
* A record with a null value (tombstone) is reserved for purging an event id
  entirely; Accord does not publish tombstones today, consumers delete the key.
"""

from __future__ import annotations

from enum import StrEnum
from typing import Annotated, Any, Literal

from pydantic import AwareDatetime, ConfigDict, Discriminator, Field, RootModel, Tag

from libs.contracts.events import CooperationEvent, ExtractorInfo
from libs.contracts.storable import StorableModel

RETRACTION_SCHEMA_VERSION = "1.0"
RETRACTION_KIND = "retraction"


class RetractionReason(StrEnum):
    """Why an event was withdrawn. Consumers must accept values added in later minor versions."""

    superseded = "superseded"  # a newer extraction of the article no longer yields it
    article_withdrawn = "article_withdrawn"  # the article itself was removed from the record
    manual = "manual"  # an operator withdrew it


class EventRetraction(StorableModel):
    """The event `event_id` (of article `article_id`) is no longer current as of `retracted_at`."""

    model_config = ConfigDict(extra="ignore", frozen=True)

    kind: Literal["retraction"] = Field(
        default=RETRACTION_KIND, description="discriminator: events have no `kind`, retractions `retraction`"
    )
    schema_version: Literal["1.0"] = RETRACTION_SCHEMA_VERSION
    event_id: str = Field(
        min_length=8, max_length=128, pattern=r"^[A-Za-z0-9_.:-]+$", description="the retracted event's id"
    )
    article_id: str = Field(min_length=1, max_length=128, description="the article the event came from")
    retracted_at: AwareDatetime = Field(
        description="when it stopped being current: the `extracted_at` of the extraction that dropped it"
    )
    reason: RetractionReason
    extractor: ExtractorInfo = Field(description="the extractor whose extraction no longer yields the event")


def _events_topic_kind(value: Any) -> str:
    kind = value.get("kind") if isinstance(value, dict) else getattr(value, "kind", None)
    return RETRACTION_KIND if kind == RETRACTION_KIND else "event"


class EventsTopicValue(
    RootModel[
        Annotated[
            Annotated[CooperationEvent, Tag("event")] | Annotated[EventRetraction, Tag(RETRACTION_KIND)],
            Discriminator(_events_topic_kind),
        ]
    ]
):
    """Any value of the events topic, told apart by the body (`.root` is the event or the retraction).

    For readers that take one model per topic (`model_validate_json`); with headers at hand,
    `libs.contracts.records.parse_events_value` also checks `ce_type`.
    """

    model_config = ConfigDict(frozen=True)
