"""`ExtractorSettings`: what the extractor reads from `ACCORD_*` environment variables."""

from __future__ import annotations

from pydantic import Field

from libs.contracts.topics import TopicSettings
from libs.runtime.settings import CommonSettings

SERVICE_NAME = "extractor"
#: `ce_source` of every record the extractor publishes.
CE_SOURCE = "accord/extractor"


class ExtractorSettings(CommonSettings, TopicSettings):
    """Extractor settings (env prefix `ACCORD_`) on top of the common and topic settings."""

    extractor_group_id: str = Field(
        default="accord-extractor", description="consumer group; every extractor process joins it"
    )
    extractor_max_batch: int = Field(
        default=200,
        ge=1,
        le=5000,
        description="articles per fetch: outputs are flushed and offsets committed once per fetch",
    )
    extractor_record_budget_s: float = Field(
        default=60.0,
        ge=0,
        description="time budget of one article's extraction (0 = none): past it the article is "
        "dead-lettered (`RecordOverBudget`) and the partition goes on",
    )
    extractor_create_topics: bool = Field(
        default=True, description="create missing topics at start (partition counts from ACCORD_TOPIC_*)"
    )
