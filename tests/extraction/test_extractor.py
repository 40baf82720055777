"""The extractor on short texts written for these tests: every field and the hard cases."""

from __future__ import annotations

from datetime import date, datetime

import pytest

from libs.contracts.events import EVENT_CODES, CooperationEvent, EventType, Sector
from libs.extraction import EXTRACTOR_NAME, EXTRACTOR_VERSION, Extractor
from libs.extraction.extractor import ExtractionResult


def _events(extractor: Extractor, text: str, **kw) -> list[CooperationEvent]:
    kw.setdefault("article_id", "t1")
    return extractor.extract(text, **kw).events


def _typed(events: list[CooperationEvent]) -> set[tuple[str, tuple[str, ...]]]:
    return {(e.type.value, tuple(e.countries + e.igos)) for e in events}


# -- the hard cases ----------------------------------------------------------------------


def test_venue_is_location_not_party(extractor: Extractor) -> None:
    text = "Chile's foreign minister and his Portuguese counterpart held talks in Samarkand, Uzbekistan, on Tuesday."
    events = _events(extractor, text, published_at=date(2024, 5, 9))
    assert _typed(events) == {("meeting", ("CHL", "PRT"))}
    assert events[0].location is not None
    assert (events[0].location.name, events[0].location.country) == ("Samarkand", "UZB")


def test_visited_country_hosts_the_visit(extractor: Extractor) -> None:
    events = _events(
        extractor, "The Malaysian trade minister arrived in Nairobi on Sunday for a three-day visit."
    )
    assert _typed(events) == {("meeting", ("KEN", "MYS"))}


def test_the_two_sides_refer_back(extractor: Extractor) -> None:
    text = (
        "The Finnish education minister received the visiting Vietnamese deputy minister of science in "
        "Helsinki on Monday. The two sides agreed to expand student exchanges."
    )
    events = _events(extractor, text)
    assert ("intent", ("FIN", "VNM")) in _typed(events)
    intent = next(e for e in events if e.type is EventType.intent)
    assert "The two sides" in intent.evidence[0].text


def test_past_agreement_keeps_its_own_date(extractor: Extractor) -> None:
    text = (
        "Kenyan and Norwegian energy officials met in Nairobi on Wednesday. "
        "In March 2019, the two countries signed a renewable energy memorandum of understanding."
    )
    events = _events(extractor, text, published_at=date(2024, 6, 14))
    by_type = {e.type.value: e for e in events}
    assert by_type["meeting"].date is not None and by_type["meeting"].date.start == "2024-06-12"
    assert by_type["agreement"].countries == ["KEN", "NOR"]
    assert by_type["agreement"].date is not None
    assert (by_type["agreement"].date.start, by_type["agreement"].date.precision.value) == (
        "2019-03",
        "month",
    )


def test_domestic_cooperation_is_not_an_event(extractor: Extractor) -> None:
    text = "TEHRAN – Five Iranian universities signed a memorandum of understanding to share laboratories."
    assert _events(extractor, text) == []


def test_conflict_sanctions_and_criticism_are_not_events(extractor: Extractor) -> None:
    for text in (
        "The Peruvian government condemned Bolivia on Friday and imposed sanctions on Bolivian imports.",
        "Canada accused Venezuela of signing a secret arms deal with Cuba.",
        "Norway criticised Denmark after it signed a fishing contract with Iceland.",
    ):
        events = _events(extractor, text)
        assert all("NOR" not in e.countries for e in events), text
        assert not any(set(e.countries) in ({"PER", "BOL"}, {"CAN", "VEN"}) for e in events), text


def test_sanctioned_country_is_not_a_party(extractor: Extractor) -> None:
    events = _events(
        extractor, "Japan and India signed a trade agreement on Monday despite U.S. sanctions on Iran."
    )
    assert _typed(events) == {("agreement", ("IND", "JPN"))}


def test_meeting_and_mou_signed_at_it_are_two_events(extractor: Extractor) -> None:
    text = (
        "Mexico's health minister met her Ghanaian counterpart in Accra on Thursday. During the visit, "
        "the two ministers signed a memorandum of understanding on vaccine production."
    )
    events = _events(extractor, text, published_at=date(2024, 5, 10))
    assert _typed(events) == {("meeting", ("GHA", "MEX")), ("agreement", ("GHA", "MEX"))}
    assert {e.date.start for e in events if e.date} == {"2024-05-09"}


def test_offer_voiced_at_a_meeting_is_an_extra_intent(extractor: Extractor) -> None:
    text = (
        "In a meeting with the Georgian ambassador on Saturday, the Estonian minister of education "
        "expressed readiness to grant 50 scholarships to Georgian students."
    )
    events = _events(extractor, text, published_at=date(2024, 5, 12))
    assert _typed(events) == {("meeting", ("EST", "GEO")), ("intent", ("EST", "GEO"))}
    intent = next(e for e in events if e.type is EventType.intent)
    assert [(q.value, q.unit) for q in intent.quantities] == [(50.0, "scholarships")]


def test_topic_country_is_not_a_party(extractor: Extractor) -> None:
    events = _events(extractor, "The Omani and Qatari foreign ministers held talks on the Yemeni crisis.")
    assert _typed(events) == {("meeting", ("OMN", "QAT"))}


def test_igo_party_and_forum(extractor: Extractor) -> None:
    events = _events(
        extractor, "The IAEA chief met Brazil's foreign minister in Brasilia to discuss safeguards."
    )
    assert ("meeting", ("BRA", "IAEA")) in {(e.type.value, tuple(e.countries + e.igos)) for e in events}
    text = "On the sidelines of the UNESCO General Conference, Peru and Chile signed a cultural agreement."
    events = _events(extractor, text)
    assert _typed(events) == {("agreement", ("CHL", "PER"))}
    assert events[0].igos == []


def test_no_home_country_assumed(extractor: Extractor) -> None:
    text = "BERLIN (Reuters) - Germany and Poland signed an energy agreement on Friday, officials said."
    events = _events(extractor, text)
    assert _typed(events) == {("agreement", ("DEU", "POL"))}
    assert events[0].article.cited_agencies == ["Reuters"]


def test_future_visit_is_intent(extractor: Extractor) -> None:
    events = _events(extractor, "The Indonesian president is scheduled to visit Egypt next month.")
    assert _typed(events) == {("intent", ("EGY", "IDN"))}


def test_investment_list_is_hub_and_spoke(extractor: Extractor) -> None:
    text = "Investments by France's Total, China's CNPC and Russia's Lukoil in Iran's gas sector rose."
    events = _events(extractor, text)
    assert {tuple(e.countries) for e in events} == {("FRA", "IRN"), ("CHN", "IRN"), ("IRN", "RUS")}


# -- fields ------------------------------------------------------------------------------


def test_every_field_of_an_event(extractor: Extractor) -> None:
    text = (
        "![](https://img.example/x.jpg)\n"
        "TEHRAN – Iranian Science Minister Ali Rezaei met Iraqi Minister of Higher Education Naeem Karim "
        "at the University of Tehran on Sunday, IRNA reported.The two sides discussed joint research in "
        "nanotechnology and artificial intelligence.\n"
        "Iraq's minister expressed readiness to send 300 students to Iranian universities, Mehr news agency reported."
    )
    res = extractor.extract(
        text,
        article_id="art-7",
        published_at=datetime(2025, 2, 10, 9, 30),
        url="https://news.example/a7",
        title="Iran, Iraq discuss research",
        publisher="Example News",
    )
    assert isinstance(res, ExtractionResult) and res.skipped is None
    meeting = next(e for e in res.events if e.type is EventType.meeting)
    assert (meeting.plover, meeting.cameo) == EVENT_CODES[EventType.meeting]
    assert meeting.countries == ["IRN", "IRQ"] and meeting.igos == []
    assert meeting.date is not None and (meeting.date.start, meeting.date.precision.value) == (
        "2025-02-09",
        "day",
    )
    assert meeting.date.text == "on Sunday"
    sectors = {s.value for s in meeting.sectors}
    assert {"nanotechnology", "artificial_intelligence", "science_research"} <= sectors
    names = {p.name: p for p in meeting.participants}
    assert names["Ali Rezaei"].country == "IRN" and names["Ali Rezaei"].kind.value == "person"
    assert names["Naeem Karim"].country == "IRQ"
    assert "Minister" in (names["Naeem Karim"].title or "")
    for ev in meeting.evidence:
        assert text[ev.start : ev.end] == ev.text
    assert meeting.article.url == "https://news.example/a7"
    assert meeting.article.title == "Iran, Iraq discuss research"
    assert meeting.article.publisher == "Example News"
    assert meeting.article.published_at == datetime(2025, 2, 10, 9, 30)
    assert meeting.article.cited_agencies == ["IRNA", "Mehr"]
    assert (meeting.extractor.name, meeting.extractor.version) == (EXTRACTOR_NAME, EXTRACTOR_VERSION)
    assert meeting.extracted_at is None
    assert 0.0 < meeting.confidence <= 1.0
    intent = next(e for e in res.events if e.type is EventType.intent)
    assert [(q.value, q.unit) for q in intent.quantities] == [(300.0, "students")]
    assert "higher_education" in {s.value for s in intent.sectors}


def test_location_from_venue(extractor: Extractor) -> None:
    events = _events(extractor, "Algeria and Tunisia signed a gas agreement in Algiers on Monday.")
    assert events[0].location is not None and events[0].location.name == "Algiers"


def test_unfixable_dates_are_null(extractor: Extractor) -> None:
    events = _events(extractor, "Iran and Armenia signed a power deal on Sunday.")
    assert events and all(e.date is None for e in events)


# -- behaviour ---------------------------------------------------------------------------


def test_non_english_and_empty_texts_are_skipped(extractor: Extractor) -> None:
    res = extractor.extract(
        "وزیر امور خارجه ایران با همتای عراقی خود در تهران دیدار و گفتگو کرد", article_id="fa"
    )
    assert res.events == [] and res.skipped == "non_english:fa"
    assert extractor.extract("   ", article_id="e").skipped == "empty_text"
    assert extractor.extract("Iran and Iraq met.", article_id="x", language="fr").skipped == "non_english:fr"


def test_deterministic_and_content_based_ids(extractor: Extractor) -> None:
    text = "Peru and Chile signed a memorandum on fisheries. Peru and Chile also held talks in Lima."
    a = extractor.extract(text, article_id="same")
    b = extractor.extract(text, article_id="same")
    assert [e.model_dump() for e in a.events] == [e.model_dump() for e in b.events]
    ids = [e.event_id for e in a.events]
    assert len(set(ids)) == len(ids) and all(i.startswith("ev-") and len(i) >= 8 for i in ids)
    assert EXTRACTOR_VERSION not in "".join(ids)
    other = extractor.extract(text, article_id="other")
    assert not set(ids) & {e.event_id for e in other.events}
    # order: by first evidence offset
    starts = [e.evidence[0].start for e in a.events]
    assert starts == sorted(starts)


def test_any_length(extractor: Extractor) -> None:
    one = _events(extractor, "Kenya and Uganda signed a railway agreement.")
    assert _typed(one) == {("agreement", ("KEN", "UGA"))}
    long_text = (
        "The weather was mild across the region. " * 3000
    ) + "Kenya and Uganda signed a railway agreement."
    assert _typed(_events(extractor, long_text)) == {("agreement", ("KEN", "UGA"))}


def test_non_cooperation_news_yields_nothing(extractor: Extractor) -> None:
    for text in (
        "Iran beat Japan 3-1 in the volleyball final on Friday to meet Korea in the next round.",
        "Two Iranian universities were ranked among the top 500 in the world, the report said.",
        "The central bank raised interest rates by two points on Tuesday.",
    ):
        assert _events(extractor, text) == [], text


def test_import_is_cheap_and_spacy_is_lazy() -> None:
    import subprocess
    import sys

    code = (
        "import sys, libs.extraction as x; assert 'spacy' not in sys.modules; "
        "assert 'libs.extraction.extractor' not in sys.modules; print(x.EXTRACTOR_NAME)"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=False)
    assert out.returncode == 0, out.stderr


@pytest.mark.parametrize("text", ["", "12345", "!!!"])
def test_degenerate_inputs(extractor: Extractor, text: str) -> None:
    assert extractor.extract(text, article_id="d").events == []


# -- noise and phrasing seen in real wire copy -------------------------------------------


def test_no_break_spaces_do_not_hide_cues(extractor: Extractor) -> None:
    text = "The Czech\u00a0minister\u00a0signed\u00a0an\u00a0agreement with Slovenia on rail transport."
    assert _typed(_events(extractor, text)) == {("agreement", ("CZE", "SVN"))}


def test_continuation_sentences_add_evidence_and_sectors(extractor: Extractor) -> None:
    text = (
        "Uruguayan and Paraguayan agriculture ministers met in Asuncion on Friday. "
        "During the meeting, the officials discussed irrigation, fisheries and satellite monitoring of crops."
    )
    events = _events(extractor, text)
    assert _typed(events) == {("meeting", ("PRY", "URY"))}
    assert len(events[0].evidence) == 2
    assert {"agriculture", "space_aerospace"} <= {s.value for s in events[0].sectors}


def test_counterparts_of_an_unnamed_subject(extractor: Extractor) -> None:
    text = "A Peruvian trade delegation will visit their Chilean and Bolivian counterparts next month."
    assert {tuple(e.countries) for e in _events(extractor, text)} == {("CHL", "PER"), ("BOL", "PER")}


def test_exports_to_a_list_are_separate_pairs(extractor: Extractor) -> None:
    text = "Iran is exporting oil to several buyers, mainly China, India and Japan."
    events = _events(extractor, text)
    assert {tuple(e.countries) for e in events} == {("CHN", "IRN"), ("IND", "IRN"), ("IRN", "JPN")}
    assert {e.type.value for e in events} == {"cooperation"}


def test_period_in_parentheses_is_not_the_event_date(extractor: Extractor) -> None:
    text = "Iran and Belarus signed a trade protocol in the first half of the year (March 21-September 21, 2019)."
    events = _events(extractor, text)
    assert _typed(events) == {("agreement", ("BLR", "IRN"))}
    assert events[0].date is None


def test_thread_safe_use_of_one_extractor(extractor: Extractor) -> None:
    from concurrent.futures import ThreadPoolExecutor

    texts = [f"Kenya and Uganda signed railway agreement number {i} on Monday." for i in range(16)]
    expected = [extractor.extract(t, article_id=str(i)).events for i, t in enumerate(texts)]
    with ThreadPoolExecutor(4) as pool:
        got = list(
            pool.map(lambda it: extractor.extract(it[1], article_id=str(it[0])).events, enumerate(texts))
        )
    assert [[e.model_dump() for e in x] for x in got] == [[e.model_dump() for e in x] for x in expected]


def test_spacy_is_loaded_only_when_an_article_needs_it() -> None:
    import subprocess
    import sys

    code = """
import sys
from libs.extraction import Extractor
ex = Extractor()
assert "spacy" not in sys.modules, "constructing must not load spaCy"
res = ex.extract("The weather in Oslo was mild on Monday.", article_id="w")
assert not res.events and not res.heavy_nlp and "spacy" not in sys.modules
text = ("Bolivian Mining Minister Ana Torres Villa and Peruvian envoy Miguel Rojas Pinto signed an agreement "
        "on lithium in the presence of Carlos Mendez Ruiz in La Paz.")
res = ex.extract(text, article_id="p")
assert res.heavy_nlp and "spacy" in sys.modules
people = {p.name: p for e in res.events for p in e.participants if p.kind.value == "person"}
assert people["Ana Torres Villa"].country == "BOL", people
assert people["Miguel Rojas Pinto"].country == "PER", people
assert "Minister" in (people["Ana Torres Villa"].title or "")
"""
    out = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, check=False, timeout=120
    )
    assert out.returncode == 0, out.stderr


def test_article_id_is_checked(extractor: Extractor) -> None:
    with pytest.raises(ValueError):
        extractor.extract("Iran and Iraq signed an agreement.", article_id="")


def test_sector_of_an_occasion_from_the_sentence_after_it(extractor: Extractor) -> None:
    # the trigger sentence names no sector; the next one says what the talks were about
    text = (
        "The Kenyan foreign minister met his Peruvian counterpart in Nairobi on Monday. "
        "They discussed ways to boost trade and investment between the two countries."
    )
    events = extractor.extract(text, article_id="t").events
    assert [e.sectors for e in events] == [[Sector.trade_economy]]


def test_sector_of_the_evidence_wins_over_the_next_sentence(extractor: Extractor) -> None:
    text = (
        "Kenya and Peru signed a military cooperation agreement in Nairobi on Monday. "
        "Nairobi is also the region's largest business hub."
    )
    events = extractor.extract(text, article_id="t").events
    assert all(Sector.trade_economy not in e.sectors for e in events)


def test_sector_words_in_a_title_are_no_sector(extractor: Extractor) -> None:
    # the cooperation is about trade; "Agriculture" and "Energy" only name offices
    text = (
        "Kenyan Agriculture Minister John Doe and the Peruvian minister of energy and mines "
        "signed a trade agreement in Nairobi on Monday."
    )
    events = extractor.extract(text, article_id="t").events
    assert events and all(e.sectors == [Sector.trade_economy] for e in events)


def test_sector_of_an_office_name_when_nothing_else_names_one(extractor: Extractor) -> None:
    text = "The Kenyan Agriculture Ministry signed a cooperation agreement with Peru in Nairobi on Monday."
    events = extractor.extract(text, article_id="t").events
    assert events and all(e.sectors == [Sector.agriculture] for e in events)


@pytest.mark.parametrize("lead", ["The tour includes", "His trip will also include", "The itinerary covers"])
def test_the_stops_of_a_tour_do_not_meet_each_other(extractor: Extractor, lead: str) -> None:
    text = f"{lead} Quito, Santiago and Bogota."
    assert not extractor.extract(text, article_id="t").events


def test_the_event_hook_sees_each_event_with_its_candidate(extractor: Extractor) -> None:
    seen: list[tuple[str, tuple[str, ...], str]] = []

    def record(cand, infos, text, event) -> None:  # type: ignore[no-untyped-def]
        assert text[event.evidence[0].start : event.evidence[0].end] == event.evidence[0].text
        assert infos[cand.sentences[0]].sent.start == event.evidence[0].start
        seen.append((cand.type, tuple(cand.countries), event.event_id))

    text = "Chile's foreign minister and his Portuguese counterpart held talks in Samarkand on Tuesday."
    extractor.event_hook = record
    try:
        events = _events(extractor, text)
    finally:
        extractor.event_hook = None
    assert events and seen == [(e.type.value, tuple(e.countries), e.event_id) for e in events]
    assert _events(extractor, text) == events  # the hook changes nothing
