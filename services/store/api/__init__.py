"""The store's HTTP API (FastAPI): `/v1/events`, `/healthz`, `/readyz`, `/metrics`, docs at `/docs`."""
