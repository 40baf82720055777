"""`CooperationEvent` v1: the public contract of the `events.cooperation` topic.

Defined by `shared/spec/cooperation-event.md`. Fields may be added in a minor
version (consumers ignore unknown fields); renaming or removing one needs a new
major version. Producers may send lists unsorted: the model sorts and
de-duplicates `countries`, `igos` and `sectors`, so what is serialised is
canonical.
"""

from __future__ import annotations

from datetime import datetime
from enum import StrEnum
from typing import Annotated, Literal

from pydantic import ConfigDict, Field, field_validator, model_validator

from libs.contracts.storable import StorableModel

EVENT_SCHEMA_VERSION = "1.0"

Alpha3 = Annotated[str, Field(pattern=r"^[A-Z]{3}$", description="ISO 3166-1 alpha-3 code")]
PartialIsoDate = Annotated[
    str,
    Field(
        pattern=r"^\d{4}(-\d{2}(-\d{2})?)?$",
        description="ISO date at the stated precision: YYYY, YYYY-MM or YYYY-MM-DD",
    ),
]


class EventType(StrEnum):
    """The six cooperation event types."""

    meeting = "meeting"
    conference = "conference"
    agreement = "agreement"
    intent = "intent"
    cooperation = "cooperation"
    aid = "aid"


#: PLOVER and CAMEO codes per event type (spec table).
EVENT_CODES: dict[EventType, tuple[str, str]] = {
    EventType.meeting: ("CONSULT", "040"),
    EventType.conference: ("CONSULT", "040"),
    EventType.agreement: ("SUPPORT", "057"),
    EventType.intent: ("AGREE", "030"),
    EventType.cooperation: ("COOPERATE", "060"),
    EventType.aid: ("AID", "070"),
}


class Sector(StrEnum):
    """The sector vocabulary."""

    science_research = "science_research"
    higher_education = "higher_education"
    health_medicine = "health_medicine"
    artificial_intelligence = "artificial_intelligence"
    ict = "ict"
    cybersecurity = "cybersecurity"
    nanotechnology = "nanotechnology"
    biotechnology = "biotechnology"
    space_aerospace = "space_aerospace"
    energy = "energy"
    environment = "environment"
    agriculture = "agriculture"
    transport = "transport"
    trade_economy = "trade_economy"
    innovation_startups = "innovation_startups"
    culture_language = "culture_language"
    defense_security = "defense_security"


class DatePrecision(StrEnum):
    day = "day"
    month = "month"
    year = "year"


class ParticipantKind(StrEnum):
    person = "person"
    organization = "organization"


_PRECISION_LEN = {DatePrecision.year: 4, DatePrecision.month: 7, DatePrecision.day: 10}


class _Model(StorableModel):
    model_config = ConfigDict(extra="ignore", frozen=True, use_enum_values=False)


class Participant(_Model):
    """A named person or institution acting in the event."""

    name: str = Field(min_length=1)
    kind: ParticipantKind
    title: str | None = None
    organization: str | None = None
    country: Alpha3 | None = None


class EventDate(_Model):
    """When the event took place; `start`/`end` carry exactly `precision`."""

    start: PartialIsoDate
    end: PartialIsoDate | None = None
    precision: DatePrecision
    text: str = Field(description="the phrase the date was resolved from")

    @model_validator(mode="after")
    def _check_precision(self) -> EventDate:
        want = _PRECISION_LEN[self.precision]
        for value in (self.start, self.end):
            if value is not None and len(value) != want:
                raise ValueError(f"date {value!r} does not have precision {self.precision.value}")
        if self.end is not None and self.end < self.start:
            raise ValueError("date end is before start")
        return self


class Location(_Model):
    """Where the event took place."""

    name: str = Field(min_length=1)
    country: Alpha3 | None = None


class Quantity(_Model):
    """An amount the event mentions: "200 scholarships", "20 billion dollars"."""

    value: float
    unit: str
    text: str


class Evidence(_Model):
    """A sentence the event rests on; `start`/`end` are character offsets into the article text."""

    text: str = Field(min_length=1)
    start: int = Field(ge=0)
    end: int = Field(ge=0)

    @model_validator(mode="after")
    def _check_span(self) -> Evidence:
        if self.end <= self.start:
            raise ValueError("evidence end must be after start")
        return self


class ArticleRef(_Model):
    """What the event's source article is."""

    url: str | None = None
    title: str | None = None
    published_at: datetime | None = None
    publisher: str | None = None
    cited_agencies: list[str] = Field(default_factory=list)


class ExtractorInfo(_Model):
    name: str
    version: str


class CooperationEvent(_Model):
    """One cooperation event between two or more international parties."""

    schema_version: Literal["1.0"] = EVENT_SCHEMA_VERSION
    event_id: str = Field(
        min_length=8,
        max_length=128,
        pattern=r"^[A-Za-z0-9_.:-]+$",
        description="deterministic: same article and extraction result give the same id",
    )
    article_id: str = Field(min_length=1, max_length=128)
    type: EventType
    plover: str
    cameo: str
    countries: list[Alpha3] = Field(default_factory=list, description="state parties, sorted, unique")
    igos: list[str] = Field(default_factory=list, description="intergovernmental parties, short names")
    participants: list[Participant] = Field(default_factory=list)
    sectors: list[Sector] = Field(default_factory=list)
    date: EventDate | None = None
    location: Location | None = None
    quantities: list[Quantity] = Field(default_factory=list)
    evidence: list[Evidence] = Field(min_length=1)
    confidence: float = Field(ge=0.0, le=1.0)
    article: ArticleRef = Field(default_factory=ArticleRef)
    extractor: ExtractorInfo
    extracted_at: datetime | None = Field(
        default=None, description="when the extractor produced the event (added field, optional)"
    )

    @field_validator("countries", "igos", mode="after")
    @classmethod
    def _sorted_unique(cls, value: list[str]) -> list[str]:
        return sorted(set(value))

    @field_validator("sectors", mode="after")
    @classmethod
    def _sorted_unique_sectors(cls, value: list[Sector]) -> list[Sector]:
        return sorted(set(value), key=lambda s: s.value)

    @model_validator(mode="before")
    @classmethod
    def _default_codes(cls, data: object) -> object:
        """Fill `plover`/`cameo` from `type` when a producer leaves them out."""
        if isinstance(data, dict) and "type" in data:
            try:
                plover, cameo = EVENT_CODES[EventType(data["type"])]
            except ValueError:
                return data  # the field validator reports the bad type
            data = dict(data)
            data.setdefault("plover", plover)
            data.setdefault("cameo", cameo)
        return data

    @model_validator(mode="after")
    def _check_invariants(self) -> CooperationEvent:
        plover, cameo = EVENT_CODES[self.type]
        if (self.plover, self.cameo) != (plover, cameo):
            raise ValueError(
                f"type {self.type.value} has PLOVER {plover} / CAMEO {cameo}, not {self.plover} / {self.cameo}"
            )
        if len(self.countries) + len(self.igos) < 2:
            raise ValueError("an event needs two or more distinct international parties (countries + igos)")
        return self
