"""The fetcher's web path: following news sites politely and safely.

`client` (HTTP with limits, robots, politeness, address policy), `extract` (main text and
metadata, article or not), `discovery`/`listings` (feeds, sitemaps, home pages), `state`
(per-URL and per-source state in Postgres), `context`/`source` (the poll of a web source).
The source kinds themselves live in `services.fetcher.sources` (`feed`, `sitemap`, `page`, `site`).
"""
