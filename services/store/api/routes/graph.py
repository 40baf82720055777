"""`/v1/graph`: the cooperation network of the filtered events (what a network view draws)."""

from __future__ import annotations

from typing import Annotated

import orjson
from fastapi import APIRouter, Query, Response

from services.store.api.deps import ConnDep, SettingsDep, StatsFiltersDep
from services.store.api.routes.stats import checked_limit
from services.store.api.schemas import Graph
from services.store.crud import stats
from services.store.vocabularies import label

router = APIRouter(prefix="/v1", tags=["graph"])

#: Most edges returned (the strongest), whatever `limit_nodes`.
MAX_EDGES = 5_000


@router.get("/graph", response_model=Graph, summary="Cooperation network")
def graph(
    conn: ConnDep,
    settings: SettingsDep,
    flt: StatsFiltersDep,
    min_count: Annotated[int, Query(ge=1, le=1_000_000, description="weakest edge kept (events)")] = 1,
    limit_nodes: Annotated[
        int, Query(ge=1, le=5000, description="the most active parties kept (maximum configured)")
    ] = 100,
) -> Response:
    """Nodes: countries and IGOs with their event counts (the `limit_nodes` most active). Edges: pairs of
    kept nodes in the same events, at least `min_count`, with counts per type (source < target; the
    5,000 strongest at most)."""
    nodes = stats.party_counts(
        conn, flt, checked_limit(limit_nodes, settings.api_stats_limit_max, "limit_nodes")
    )
    ids = [n.id for n in nodes]
    edges = stats.party_edges_json(conn, flt, ids, min_count, MAX_EDGES) if nodes else b"[]"
    node_docs = [{"id": n.id, "kind": n.kind, "label": label(n.id), "count": n.count} for n in nodes]
    # thousands of edges: their JSON comes from Postgres whole (no model pass, no Python object per edge)
    body = b'{"nodes":' + orjson.dumps(node_docs) + b',"edges":' + edges + b"}"
    return Response(body, media_type="application/json")
