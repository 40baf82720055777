"""Store configuration."""
