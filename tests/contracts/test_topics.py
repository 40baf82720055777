"""Topic specs: names, partitions and the production configs every topic is created with."""

from libs.contracts.topics import DLQ_HEADROOM_BYTES, TopicSettings, TopicSpec, all_topics


def test_topic_spec_configs_are_optional() -> None:
    assert TopicSpec("t", 3) == TopicSpec("t", 3, {})
    assert hash(TopicSpec("t", 3, {"cleanup.policy": "compact"})) == hash(TopicSpec("t", 3))


def test_all_topics_carry_production_configs() -> None:
    specs = {s.name: s for s in all_topics(TopicSettings.model_construct())}
    assert list(specs) == [
        "articles.raw",
        "events.cooperation",
        "articles.extracted",
        "articles.raw.dlq",
        "events.cooperation.dlq",
        "articles.extracted.dlq",
    ]
    assert specs["events.cooperation"].configs["cleanup.policy"] == "compact"
    assert specs["articles.extracted"].configs["cleanup.policy"] == "compact"
    assert "retention.ms" not in specs["events.cooperation"].configs  # compacted topics keep state forever
    for name in ("articles.raw", "articles.raw.dlq", "events.cooperation.dlq", "articles.extracted.dlq"):
        assert specs[name].configs["cleanup.policy"] == "delete"
        assert int(specs[name].configs["retention.ms"]) > 0
    assert specs["events.cooperation"].partitions == 6 and specs["events.cooperation.dlq"].partitions == 1
    assert all(v.isascii() and isinstance(v, str) for s in specs.values() for v in s.configs.values())


def test_topic_configs_follow_the_settings() -> None:
    s = TopicSettings(
        topic_events="ev.x",
        topic_partitions=3,
        topic_raw_retention_ms=-1,
        topic_dlq_retention_ms=1000,
        topic_max_message_bytes=2048,
    )
    specs = {t.name: t for t in all_topics(s)}
    assert specs["ev.x"].partitions == 3 and specs["ev.x"].configs["max.message.bytes"] == "2048"
    assert specs["articles.raw"].configs["retention.ms"] == "-1"
    assert specs["articles.raw.dlq"].configs["retention.ms"] == "1000"
    assert specs["articles.raw.dlq"].configs["max.message.bytes"] == str(2048 + DLQ_HEADROOM_BYTES)
