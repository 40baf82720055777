"""Code shared by the Accord services: contracts, runtime, extraction, infrastructure."""
