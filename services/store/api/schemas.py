"""Response bodies of the API: the shapes the OpenAPI document declares (`services/store/README.md`, API)."""

from __future__ import annotations

from datetime import date, datetime
from typing import Literal

from pydantic import BaseModel, Field

from libs.contracts.events import CooperationEvent, ExtractorInfo

PartyKind = Literal["country", "igo"]


class StoredEvent(CooperationEvent):
    """A `CooperationEvent` (v1 contract) as stored, with its status in the store."""

    status: Literal["current", "retracted"] = Field(
        description="current, or retracted: a newer extraction of its article no longer lists it"
    )


class EventList(BaseModel):
    """A page of events. Follow `next_cursor` (null on the last page) with the same filters."""

    items: list[StoredEvent]
    next_cursor: str | None = Field(description="opaque; pass as `cursor` to get the next page")
    total: int = Field(description="events matching the filters over all pages (see total_is_estimate)")
    total_is_estimate: bool = Field(
        description="true when more than ACCORD_API_TOTAL_EXACT_MAX match: total is the planner's estimate"
    )


class Article(BaseModel):
    """An article as its newest extraction summary describes it."""

    article_id: str
    url: str | None
    title: str | None
    publisher: str | None
    published_at: datetime | None
    language: str | None
    status: Literal["extracted", "no_events", "skipped"] = Field(
        description="extracted (one or more events), no_events (extracted, none found), skipped (see skip_reason)"
    )
    skip_reason: str | None
    event_count: int
    extracted_at: datetime
    extractor: ExtractorInfo


class ArticleList(BaseModel):
    items: list[Article]
    next_cursor: str | None
    total: int
    total_is_estimate: bool


class ArticleWithEvents(Article):
    events: list[StoredEvent] = Field(description="the article's current events, newest date first")


class PairStat(BaseModel):
    countries: list[str] = Field(min_length=2, max_length=2, description="the two countries, sorted")
    count: int
    types: dict[str, int] = Field(description="events per type")


class PairStats(BaseModel):
    items: list[PairStat] = Field(description="most events first")


class TimelineBucket(BaseModel):
    start: date = Field(description="first day of the bucket (weeks start on Monday)")
    total: int = Field(description="events whose date starts in the bucket")
    counts: dict[str, int] = Field(description="per type or sector (an event counts for each of its sectors)")


class Timeline(BaseModel):
    interval: Literal["month", "week", "day"]
    by: Literal["type", "sector"]
    buckets: list[TimelineBucket] = Field(description="ascending; empty buckets between filled ones included")


class SectorStat(BaseModel):
    sector: str
    count: int


class SectorStats(BaseModel):
    items: list[SectorStat]


class TypeStat(BaseModel):
    type: str
    count: int


class TypeStats(BaseModel):
    items: list[TypeStat]


class Partner(BaseModel):
    id: str
    kind: PartyKind
    name: str
    count: int


class CountryProfile(BaseModel):
    iso3: str
    name: str
    event_count: int
    first_event_date: date | None
    last_event_date: date | None
    partners: list[Partner] = Field(description="parties of its events, most shared events first")
    sectors: list[SectorStat]
    types: list[TypeStat]
    recent_events: list[StoredEvent] = Field(description="its newest events (by event date)")


class GraphNode(BaseModel):
    id: str
    kind: PartyKind
    label: str
    count: int = Field(description="events the party takes part in")


class GraphEdge(BaseModel):
    source: str = Field(description="the smaller id of the two")
    target: str
    count: int = Field(description="events both parties take part in")
    types: dict[str, int]


class Graph(BaseModel):
    nodes: list[GraphNode]
    edges: list[GraphEdge]


class CountryName(BaseModel):
    iso3: str
    name: str
    numeric: str = Field(description="ISO 3166 numeric code (what world-map topologies use)")


class IgoName(BaseModel):
    id: str = Field(description="the short name events carry in `igos`")
    name: str


class Vocabularies(BaseModel):
    types: list[str]
    sectors: list[str]
    countries: list[CountryName]
    igos: list[IgoName]
