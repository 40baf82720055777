"""Web sources through the real fetcher: a local site, the embedded broker and a real Postgres."""

from __future__ import annotations

import gzip
import time
from pathlib import Path

import pytest
from prometheus_client import REGISTRY

from libs.contracts.topics import TopicSettings
from services.fetcher.config import SourceConfig
from tests.fetcher.web.harness import by_url, poll, published, settings_for, url_rows
from tests.fetcher.web.site import Page, Site, article_html, atom, raw, rss, sitemap_index, urlset

pytestmark = pytest.mark.integration

DATE = "Sun, 09 Feb 2025 08:30:00 GMT"


def feed_source(site: Site, path: str = "/feed.xml", name: str = "daily", **kw: object) -> SourceConfig:
    return SourceConfig(
        name=name, kind="feed", url=site.url(path), language="en", publisher="Example Daily", **kw
    )


def add_articles(site: Site, n: int, prefix: str = "/news", partner: str = "Iraq") -> list[str]:
    """`n` article pages under `prefix`; their texts differ by number and by `partner`."""
    paths = []
    for i in range(1, n + 1):
        path = f"{prefix}/{i}"
        html = article_html(f"Story {i}: cooperation pact number {i}", b=partner, day=f"day {i}")
        site.add(path, Page(html, etag=f'"a{i}"'))
        paths.append(path)
    return paths


def test_a_feed_is_published_once_and_the_second_poll_is_a_304(
    kafka_bootstrap: str, unique_topics: TopicSettings, embedded_database_url: str, site: Site
) -> None:
    paths = add_articles(site, 3)
    site.add("/feed.xml", Page(rss([(site.url(p) + "?utm_source=rss", f"Story {p}", DATE) for p in paths]),
                               content_type="application/rss+xml", etag='"f1"'))  # fmt: skip
    settings = settings_for(kafka_bootstrap, embedded_database_url)
    report = poll(settings, [feed_source(site)], unique_topics)["daily"]
    assert report.published == 3 and report.error is None
    arts = by_url(published(kafka_bootstrap, unique_topics, 3))
    art = arts[site.url("/news/2")]  # tracking parameters stripped
    assert art.title == "Story 2: cooperation pact number 2" and art.language == "en"
    assert art.published_at is not None and art.published_at.isoformat() == "2025-02-09T08:30:00+00:00"
    assert art.publisher == "Example Daily" and art.fetch.kind == "feed" and art.fetch.http_status == 200
    assert "day 2" in art.text and "All rights reserved" not in art.text
    assert art.fetch.etag == '"a2"'

    second = poll(settings, [feed_source(site)], unique_topics)["daily"]
    assert second.published == 0 and second.error is None
    feed_hits = site.seen("/feed.xml")
    assert len(feed_hits) == 2 and feed_hits[1].headers.get("if-none-match") == '"f1"'
    assert site.count("/news/1") == 1, "a page seen before is not fetched again"
    assert len(published(kafka_bootstrap, unique_topics, 3)) == 3


def test_same_article_in_two_feeds_and_a_sitemap_is_fetched_and_published_once(
    kafka_bootstrap: str, unique_topics: TopicSettings, embedded_database_url: str, site: Site
) -> None:
    paths = add_articles(site, 2)
    site.add("/old/2", Page("", status=301, headers={"Location": "/news/2"}))
    site.add(
        "/a.xml", Page(rss([(site.url(p), "x", DATE) for p in paths]), content_type="application/rss+xml")
    )
    site.add("/b.xml", Page(atom([(site.url("/news/1"), "x", "2025-02-09T08:30:00Z"),
                                  (site.url("/old/2"), "x", "2025-02-09T08:30:00Z")]),
                            content_type="application/atom+xml"))  # fmt: skip
    child = urlset([(site.url("/news/1"), "2025-02-09"), (site.url("/news/3"), "2025-02-09")], news=True)
    site.add("/sitemap.xml", Page(sitemap_index([(site.url("/sitemap-news.xml.gz"), "2025-02-09")]),
                                  content_type="application/xml"))  # fmt: skip
    site.add("/sitemap-news.xml.gz", Page(gzip.compress(child.encode()), content_type="application/x-gzip"))
    add_articles(site, 3)
    sources = [
        feed_source(site, "/a.xml", "feed-a"),
        feed_source(site, "/b.xml", "feed-b"),
        SourceConfig(name="map", kind="sitemap", url=site.url("/sitemap.xml"), language="en"),
    ]
    settings = settings_for(kafka_bootstrap, embedded_database_url)
    reports = poll(settings, sources, unique_topics)
    assert sum(r.published for r in reports.values()) == 3
    arts = by_url(published(kafka_bootstrap, unique_topics, 3))
    assert set(arts) == {site.url(p) for p in ("/news/1", "/news/2", "/news/3")}
    assert site.count("/news/1") == 1 and site.count("/news/3") == 1
    assert site.count("/news/2") <= 2  # once directly, at most once more through the redirect
    rows = url_rows(embedded_database_url)
    assert (
        rows[site.url("/old/2")]["canonical_url"] == site.url("/news/2")
        or rows[site.url("/old/2")]["reason"] == "duplicate"
    )


def test_non_articles_are_rejected_with_reasons_and_a_lying_charset_is_read(
    kafka_bootstrap: str, unique_topics: TopicSettings, embedded_database_url: str, site: Site
) -> None:
    site.add("/ok", Page(article_html("A genuine article about a science pact")))
    site.add("/fr", Page(article_html("Un accord scientifique", lang="fr", paragraphs=[
        "Les ministres de la science de l'Iran et de l'Irak ont signé un protocole d'accord sur la recherche "
        "commune en médecine et en ingénierie lors d'une cérémonie dans la capitale dimanche.",
        "Selon l'accord, les universités des deux pays échangeront des professeurs et des doctorants pendant "
        "les trois prochaines années, et un comité mixte se réunira deux fois par an."])))  # fmt: skip
    teasers = "".join(
        f'<article><h2><a href="/news/{i}">Headline {i}</a></h2><p>Teaser text number {i} of the section.</p></article>'
        for i in range(12)
    )
    site.add(
        "/section/science", Page(f"<html><head><title>Science</title></head><body>{teasers}</body></html>")
    )
    site.add("/short", Page(article_html("Brief", paragraphs=["Iran and Iraq met."])))
    site.add("/consent", Page("<html><head><title>Before you continue</title></head><body><p>We use cookies. "
                              "Accept all cookies to continue.</p></body></html>"))  # fmt: skip
    site.add("/big", Page(article_html("Huge", paragraphs=["word " * 60_000])))
    site.add("/bomb", Page(gzip.compress(b"<p>" + b" " * 5_000_000), headers={"Content-Encoding": "gzip"}))
    arabic = [
        "وقع وزيرا العلوم في إيران والعراق مذكرة تفاهم للتعاون العلمي والبحثي في مجالات الطب والهندسة يوم الأحد.",
        "وبموجب الاتفاق ستتبادل جامعات البلدين الأساتذة وطلاب الدكتوراه خلال السنوات الثلاث المقبلة.",
        "وقال المسؤولون إن الدعوة الأولى لتقديم المقترحات المشتركة ستفتح الشهر المقبل مع صندوق مشترك.",
    ]
    site.add("/ar", Page(article_html("مذكرة تفاهم علمية", lang="ar", paragraphs=arabic).encode("cp1256"),
                         content_type="text/html; charset=utf-8"))  # fmt: skip
    site.add("/loop", Page("", status=302, headers={"Location": "/loop"}))
    site.add("/slow", raw("200 OK", [("Content-Length", "100")], b"x" * 100, trickle_s=0.5))
    paths = ["/ok", "/fr", "/section/science", "/short", "/consent", "/big", "/bomb", "/loop", "/slow"]
    site.add(
        "/feed.xml", Page(rss([(site.url(p), p, DATE) for p in paths]), content_type="application/rss+xml")
    )
    site.add("/ar.xml", Page(rss([(site.url("/ar"), "ar", DATE)]), content_type="application/rss+xml"))
    settings = settings_for(kafka_bootstrap, embedded_database_url, fetcher_web_max_attempts=1)
    sources = [feed_source(site), SourceConfig(name="arabic", kind="feed", url=site.url("/ar.xml"))]
    reports = poll(settings, sources, unique_topics)
    skipped = reports["daily"].skipped
    assert reports["daily"].published == 1 and reports["arabic"].published == 1
    assert skipped == {"wrong_language": 1, "listing_page": 1, "too_short": 1, "blocked_page": 1,
                       "too_large": 1, "decompression_bomb": 1, "redirect_loop": 1}, skipped  # fmt: skip
    arts = by_url(published(kafka_bootstrap, unique_topics, 2))
    assert "وقع وزيرا العلوم في إيران والعراق" in arts[site.url("/ar")].text
    assert arts[site.url("/ar")].language in ("ar", "fa")
    rows = url_rows(embedded_database_url)
    assert rows[site.url("/slow")]["outcome"] == "failed" and rows[site.url("/slow")]["reason"] == "timeout"
    assert rows[site.url("/section/science")]["reason"] == "listing_page"


def test_discovery_from_a_home_page_feeds_then_sitemaps_from_robots(
    kafka_bootstrap: str, unique_topics: TopicSettings, embedded_database_url: str, tmp_path: Path
) -> None:
    with Site() as a, Site() as b:
        add_articles(a, 2)
        a.add("/", Page('<html><head><link rel="alternate" type="application/rss+xml" href="/rss">'
                        "</head><body><h1>Home</h1></body></html>"))  # fmt: skip
        a.add("/rss", Page(rss([(a.url(p), "x", DATE) for p in ("/news/1", "/news/2")]),
                           content_type="application/rss+xml"))  # fmt: skip
        add_articles(b, 2, prefix="/story", partner="Oman")  # not the same texts as site a's
        b.add("/", Page("<html><body><h1>Home without feeds</h1></body></html>"))
        b.add(
            "/robots.txt",
            Page(f"User-agent: *\nAllow: /\nSitemap: {b.url('/map.xml')}\n", content_type="text/plain"),
        )
        b.add("/map.xml", Page(urlset([(b.url("/story/1"), "2025-02-09"), (b.url("/story/2"), "2024-01-01")]),
                               content_type="application/xml"))  # fmt: skip
        sources = [
            SourceConfig(name="site-a", kind="site", url=a.url("/"), language="en"),
            SourceConfig(
                name="site-b", kind="site", url=b.url("/"), language="en", options={"since": "2025-01-01"}
            ),
        ]
        reports = poll(settings_for(kafka_bootstrap, embedded_database_url), sources, unique_topics)
    assert reports["site-a"].published == 2 and reports["site-b"].published == 1, reports
    arts = by_url(published(kafka_bootstrap, unique_topics, 3))
    assert b.url("/story/2") not in arts, "older than `since`"


def test_an_updated_entry_is_refetched_conditionally_and_a_new_version_published(
    kafka_bootstrap: str, unique_topics: TopicSettings, embedded_database_url: str, site: Site,
    monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str],
) -> None:  # fmt: skip
    add_articles(site, 2)
    site.add(
        "/feed.xml",
        Page(rss([(site.url(f"/news/{i}"), "x", DATE) for i in (1, 2)]), content_type="application/rss+xml"),
    )
    settings = settings_for(kafka_bootstrap, embedded_database_url)
    assert poll(settings, [feed_source(site)], unique_topics)["daily"].published == 2
    # The feed says /news/1 changed (it did) and /news/2 changed (it did not: 304).
    later = "Mon, 10 Feb 2025 08:30:00 GMT"
    site.add(
        "/news/1",
        Page(
            article_html("Story 1: cooperation pact number 1", day="day 1, and again on Monday"),
            etag='"a1-v2"',
        ),
    )
    site.add(
        "/feed.xml",
        Page(rss([(site.url(f"/news/{i}"), "x", later) for i in (1, 2)]), content_type="application/rss+xml"),
    )
    again = poll(settings, [feed_source(site)], unique_topics)["daily"]
    assert again.published == 1
    assert site.seen("/news/1")[1].headers.get("if-none-match") == '"a1"'
    assert site.seen("/news/2")[1].headers.get("if-none-match") == '"a2"'
    records = published(kafka_bootstrap, unique_topics, 3)
    versions = [a for a in records if a.url == site.url("/news/1")]
    assert len(records) == 3 and len(versions) == 2 and len({a.article_id for a in versions}) == 1
    assert sum("again on Monday" in a.text for a in versions) == 1

    monkeypatch.setenv("ACCORD_DATABASE_URL", embedded_database_url)
    from app.cli import main

    capsys.readouterr()
    assert main(["fetcher", "status"]) == 0
    import json

    (row,) = [json.loads(line) for line in capsys.readouterr().out.splitlines()]
    assert row["source"] == "daily" and row["kind"] == "feed" and row["articles_found"] == 3
    assert row["last_poll_at"] and row["last_success_at"] and row["last_error"] is None
    last_success = REGISTRY.get_sample_value(
        "accord_source_last_success_timestamp_seconds", {"service": "fetcher", "source": "daily"}
    )
    assert last_success and abs(last_success - time.time()) < 120


def test_feed_entries_pointing_at_private_hosts_credentials_or_other_schemes_are_refused(
    kafka_bootstrap: str, unique_topics: TopicSettings, embedded_database_url: str, site: Site
) -> None:
    add_articles(site, 1)
    hostile = [f"http://localhost:{site.port}/news/1", "http://169.254.169.254/latest/meta-data/",
               "http://10.20.30.40/internal", f"http://user:pw@127.0.0.1:{site.port}/news/1",
               "file:///etc/passwd", "ftp://127.0.0.1/x", site.url("/news/1")]  # fmt: skip
    site.add("/feed.xml", Page(rss([(u, "x", DATE) for u in hostile]), content_type="application/rss+xml"))
    report = poll(settings_for(kafka_bootstrap, embedded_database_url), [feed_source(site)], unique_topics)[
        "daily"
    ]
    assert report.published == 1 and report.skipped == {"private_address": 3}, report.skipped
    assert site.count("/news/1") == 1, "only the source's own host was asked"
    assert not any(p.startswith("/latest") for p in site.paths())


def test_an_unreachable_feed_is_one_source_error_with_its_reason(
    kafka_bootstrap: str, unique_topics: TopicSettings, embedded_database_url: str
) -> None:
    from libs.infra.broker import free_port

    dead = SourceConfig(name="dead", kind="feed", url=f"http://127.0.0.1:{free_port()}/feed.xml")
    settings = settings_for(kafka_bootstrap, embedded_database_url, fetcher_web_max_attempts=2)
    labels = {"service": "fetcher", "source": "dead", "reason": "connect_error"}
    before = REGISTRY.get_sample_value("accord_source_errors_total", labels) or 0
    report = poll(settings, [dead], unique_topics)["dead"]
    assert report.error is not None and "connect_error" in report.error and report.published == 0
    rows = url_rows(embedded_database_url)
    assert rows == {}
    after = REGISTRY.get_sample_value("accord_source_errors_total", labels)
    assert after == before + 1, "one error per poll, with its reason"
    never = {"service": "fetcher", "source": "dead"}
    assert REGISTRY.get_sample_value("accord_source_last_success_timestamp_seconds", never) == 0
