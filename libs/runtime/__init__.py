"""The Kafka runtime every service runs on: settings, consumer loop, producer, dead-lettering, metrics, logs."""
