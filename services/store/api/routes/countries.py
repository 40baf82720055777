"""`/v1/countries/{iso3}`: one country's profile over the filtered events."""

from __future__ import annotations

from typing import Annotated

from fastapi import APIRouter, Path

from services.store.api.deps import ALPHA3, ConnDep, StatsFiltersDep
from services.store.api.problems import NOT_FOUND, ApiProblem
from services.store.api.schemas import CountryProfile, Partner, SectorStat, StoredEvent, TypeStat
from services.store.crud import stats
from services.store.crud.events import recent_events
from services.store.vocabularies import countries, label

router = APIRouter(prefix="/v1/countries", tags=["countries"])

PARTNERS = 50
RECENT = 10


@router.get("/{iso3}", response_model=CountryProfile, summary="A country's profile", responses=NOT_FOUND)
def country_profile(
    conn: ConnDep,
    flt: StatsFiltersDep,
    iso3: Annotated[str, Path(pattern=ALPHA3, description="ISO 3166-1 alpha-3 (any case)")],
) -> CountryProfile:
    """Events of the country among the filtered ones: partners ranked, sectors, types, first and last
    event dates, and its most recent events."""
    code = iso3.upper()
    known = countries().get(code)
    if known is None:
        raise ApiProblem(404, "not-found", f"{iso3!r} is not an ISO 3166-1 alpha-3 country code")
    mine = flt.with_country(code)
    first, last = stats.date_bounds(conn, mine)
    recent = recent_events(conn, mine, RECENT)
    return CountryProfile(
        iso3=code,
        name=known["name"],
        event_count=stats.event_count(conn, mine),
        first_event_date=first,
        last_event_date=last,
        partners=[
            Partner(id=n.id, kind=n.kind, name=label(n.id), count=n.count)
            for n in stats.partner_counts(conn, mine, code, PARTNERS)
        ],
        sectors=[SectorStat(sector=s, count=n) for s, n in stats.sector_counts(conn, mine)],
        types=[TypeStat(type=t, count=n) for t, n in stats.type_counts(conn, mine)],
        recent_events=[StoredEvent.model_validate_json(doc) for doc in recent],
    )
