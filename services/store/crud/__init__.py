"""Read queries of the API (the template's `crud`): one module per resource, filters shared by all.

* `filters`: `EventFilter`, the common filters of every event list, export and aggregate.
* `events`: keyset-paged listings, single events, export rows.
* `articles`: article listings and single articles.
* `stats`: aggregates (types, sectors, timeline, pairs, graph, country profile), from
  `event_rollup` when the filters allow, else from `events`.
* `totals`: `total` counts, exact up to a cap and estimated beyond.
"""
