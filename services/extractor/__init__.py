"""The extractor service: consumes `articles.raw`, publishes `events.cooperation` and `articles.extracted`."""
