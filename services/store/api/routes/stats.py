"""`/v1/stats/*`: counts over the filtered events (pairs, timeline, sectors, types).

Every route takes the common event filters. Counts come from the rollup when
the filters allow (see `services.store.crud.stats`), exact either way.
"""

from __future__ import annotations

from typing import Annotated

import orjson
from fastapi import APIRouter, Query, Response

from services.store.api.deps import ConnDep, SettingsDep, StatsFiltersDep
from services.store.api.problems import invalid_parameter
from services.store.api.schemas import (
    PairStats,
    SectorStat,
    SectorStats,
    Timeline,
    TimelineBucket,
    TypeStat,
    TypeStats,
)
from services.store.crud import stats
from services.store.crud.filters import EventFilter

router = APIRouter(prefix="/v1/stats", tags=["stats"])


def checked_limit(limit: int, settings_max: int, name: str = "limit") -> int:
    if limit > settings_max:
        raise invalid_parameter(name, f"{name} must be between 1 and {settings_max}, got {limit}")
    return limit


@router.get("/pairs", response_model=PairStats, summary="Events per country pair")
def pairs(
    conn: ConnDep,
    settings: SettingsDep,
    flt: StatsFiltersDep,
    limit: Annotated[int, Query(ge=1, le=5000, description="most pairs returned (maximum configured)")] = 50,
) -> Response:
    """Pairs of countries taking part in the same events, most events first, with counts per type."""
    found = stats.country_pairs(conn, flt, checked_limit(limit, settings.api_stats_limit_max))
    items = [{"countries": [p.a, p.b], "count": p.count, "types": p.types} for p in found]
    return Response(orjson.dumps({"items": items}), media_type="application/json")


def _check_span(flt: EventFilter, interval: stats.Interval, max_buckets: int) -> None:
    """Day and week timelines need a bounded date range (at most `max_buckets` buckets)."""
    if interval == "month":
        return
    if flt.date_from is None or flt.date_to is None:
        raise invalid_parameter("interval", f"interval={interval} needs date_from and date_to")
    days = (flt.date_to - flt.date_from).days + 1
    buckets = days if interval == "day" else days // 7 + 2
    if buckets > max_buckets:
        raise invalid_parameter(
            "interval", f"interval={interval} over {days} days gives {buckets} buckets; at most {max_buckets}"
        )


@router.get("/timeline", response_model=Timeline, summary="Events over time")
def timeline(
    conn: ConnDep,
    settings: SettingsDep,
    flt: StatsFiltersDep,
    interval: Annotated[
        stats.Interval, Query(description="bucket size; day and week need date_from and date_to")
    ] = "month",
    by: Annotated[stats.TimelineBy, Query(description="split each bucket by type or by sector")] = "type",
) -> Timeline:
    """Dated events per bucket of their start date, ascending, split by type or sector."""
    _check_span(flt, interval, settings.api_timeline_max_buckets)
    buckets = stats.timeline(conn, flt, interval, by)
    return Timeline(
        interval=interval,
        by=by,
        buckets=[TimelineBucket(start=b.start, total=b.total, counts=b.counts) for b in buckets],
    )


@router.get("/sectors", response_model=SectorStats, summary="Events per sector")
def sectors(conn: ConnDep, flt: StatsFiltersDep) -> SectorStats:
    """Events per sector, most first (an event counts for each of its sectors)."""
    return SectorStats(items=[SectorStat(sector=s, count=n) for s, n in stats.sector_counts(conn, flt)])


@router.get("/types", response_model=TypeStats, summary="Events per type")
def types(conn: ConnDep, flt: StatsFiltersDep) -> TypeStats:
    """Events per type, most first."""
    return TypeStats(items=[TypeStat(type=t, count=n) for t, n in stats.type_counts(conn, flt)])
