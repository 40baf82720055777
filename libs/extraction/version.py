"""Name and version of the extractor, stamped on every event (`extractor` field).

Bump `EXTRACTOR_VERSION` whenever a rule or data file change can change output.
Event ids do not include it: re-extraction yields new ids only where results change.
"""

EXTRACTOR_NAME = "accord-rules"
EXTRACTOR_VERSION = "1.41.0"
