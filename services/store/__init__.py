"""The store service: consumes `events.cooperation` and `articles.extracted` into Postgres and serves the API.

Layout (after fastapi/full-stack-fastapi-template): `core/config.py` (settings),
`db/` (models, engine, Alembic migrations), `persist.py` (the pure batch step),
`sink.py` (the step wired onto the Kafka runtime), `api/` (FastAPI app),
`service.py` (process entry points), `cli.py` (`accord store ...`).
"""
