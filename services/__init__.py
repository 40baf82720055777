"""The Accord services: fetcher (produce), extractor (transform), store (persist and serve)."""
