"""`Extractor`: article text in, `CooperationEvent`s out (pure, deterministic, thread-safe).

Construct once per process (it loads the gazetteers and lexicons, about a
second); `extract()` is then a few milliseconds for a typical article. Cheap
tests run first: an article without any event cue or without two distinct
state/IGO names stops there; the spaCy model (participants only) is loaded on
first need and runs only on the evidence sentences of articles with events.
"""

from __future__ import annotations

import bisect
import itertools
import re
from collections.abc import Callable
from dataclasses import dataclass
from datetime import date, datetime
from pathlib import Path

import ahocorasick

from libs.contracts.events import (
    EVENT_CODES,
    ArticleRef,
    CooperationEvent,
    EventDate,
    EventType,
    Evidence,
    ExtractorInfo,
    Location,
    Participant,
    Quantity,
)
from libs.extraction.agencies import AgencyMatcher
from libs.extraction.candidates import Candidate, SentenceInfo
from libs.extraction.coalitions import founders_named
from libs.extraction.contractors import contracting
from libs.extraction.dates import ArticleWeekdays, DateMention, article_year, find_dates, masked_year
from libs.extraction.deadline import DEADLINE_EVERY, Deadline
from libs.extraction.discourse import build_candidates, evidence_positions
from libs.extraction.errors import InvalidArticleError
from libs.extraction.event_participants import NerResult, ParticipantFinder
from libs.extraction.fastre import PrefixScanner, Scan
from libs.extraction.gatherings import attending, exhibiting_abroad
from libs.extraction.gazetteer import Gazetteer, Match
from libs.extraction.genre import commentary
from libs.extraction.language import default_detector
from libs.extraction.mention_roles import (
    AnaphorState,
    SentenceParties,
    has_unmarked_official,
    sentence_parties,
)
from libs.extraction.named_people import (
    Person,
    PersonIndex,
    find_org_affiliations,
    find_people,
    unexplained_names,
)
from libs.extraction.negotiations import load_processes
from libs.extraction.occasions import (
    article_features,
    confidence,
    event_id,
    fair_dates,
    preceding_dates,
    told_dates,
)
from libs.extraction.quantities import find_quantities
from libs.extraction.relations import load_no_relations, without_relations
from libs.extraction.resources import DATA_DIR, load_resources, read_yaml
from libs.extraction.sectors import SectorMatcher, event_sectors
from libs.extraction.syntax import SyntaxFilter
from libs.extraction.text import Document, Sentence, segment
from libs.extraction.triggers import SPEECH_WORDS, Cue, CueMatcher, filter_cues, words
from libs.extraction.version import EXTRACTOR_NAME, EXTRACTOR_VERSION

# "the fight against terrorism", "counter-narcotics", "war on drugs": a common fight is cooperation
_THREATS = r"(?:terror\w*|drugs?|narcotics?|traffick\w*|extremis\w*|Daesh|ISIL|ISIS|piracy|smuggl\w*|crimes?|pandemic|coronavirus|COVID-19)"
_SHARED_FIGHT = re.compile(
    r"\b(?:fight\w*|combat\w*|counter(?:ing)?|against|war\s+on|confront\w*|eradicat\w*|tackl\w*|curb\w*|defeat\w*|"
    r"counter-)\s*(?:against\s+)?(?:the\s+)?(?:[\w()-]+\s+){0,3}?"
    + _THREATS
    # "fight piracy, smuggling and other cross-border crimes": the whole list is the common fight
    + r"(?:,?\s+(?:and\s+|or\s+)?(?:other\s+)?(?:[\w-]+\s+){0,2}?"
    + _THREATS
    + r")*"
    # "in their wars against Daesh", "the war on terror": a war waged on a common threat, not between parties
    + r"|\b(?:wars?|battles?|struggles?|campaigns?)\s+(?:against|on)\s+(?:the\s+)?(?:[\w()-]+\s+){0,2}?"
    + _THREATS
    # "the lifting of sanctions", "sanctions relief": the end of a conflict is no conflict
    + r"|\b(?:lift\w*|remov\w*|eas\w*|relief\s+from|end\w*|scrap\w*|waiv\w*)\s+(?:of\s+)?(?:the\s+)?(?:[\w-]+\s+){0,2}?sanctions"
    r"|\bsanctions\s+(?:relief|removal|lifting|waivers?|(?:were|have\s+been|had\s+been|are|being)\s+(?:lifted|removed|eased))",
    re.IGNORECASE,
)
_OTHER_PARTY = re.compile(
    r"\b(?:counterparts?|delegations?|ambassadors?|envoys?|visiting|guests?|(?:his|her|its) country|"
    r"the \w+ side|officials? from|representatives? (?:of|from))\b",
    re.IGNORECASE,
)


# a flow of goods one way whose figure moved ("A's exports to B rose 20 percent", "imports from B jumped"): trade
# figures, no evidence of an occasion of the two (not the volume of trade between them, which the sets code)
_DIRECTED_TRADE_FIGURE = re.compile(
    r"\b(?:exports?|imports?|deliveries|purchases|shipments)\s+(?:of\s+(?:[\w-]+\s+){1,3}?)?(?:to|from)\s+[^.;]{0,80}?"
    r"\b(?:rose|rise|rises|fell|falls|jumped|increased|decreased|dropped|declined|grew|surged|soared|plunged|"
    r"climbed|reached|stood\s+at|amounted\s+to|totaled|totalled|hit)\b",
    re.IGNORECASE,
)
# "He made the remarks at a session with ...": the occasion of what the sentence before reported
_REMARKS_OPENER = re.compile(
    r"\W*(?:He|She|They|The\s+(?:\w+\s+){0,2}?(?:minister|official|president|envoy|ambassador|diplomat|spokesman|"
    r"chief|head))\s+(?:also\s+)?(?:made|gave|delivered|voiced|expressed)\s+(?:the|these|his|her|their)\s+"
    r"(?:remarks|comments|statements?|speech)\b"
    r"|\W*(?:The|These|His|Her)\s+(?:remarks|comments|statements?)\s+(?:were|was)\s+made\b"
)
# the listener may stand between "told" and the date: "told reporters on Tuesday", "told the IRNA news agency"
_SAID_BEFORE = re.compile(rf"\b(?:{words(SPEECH_WORDS)}|told(?:\s+[\w.-]+){{0,3}}?)\s+$")


def _said_date(
    work: str,
    info: SentenceInfo,
    pub_day: date | None,
    year_hint: int | None,
    weekdays: ArticleWeekdays | None = None,
) -> DateMention | None:
    """The date right after a speech verb in a sentence ("X said on Tuesday that ...")."""
    dates = info.dates or find_dates(work, info.sent.start, info.sent.end, pub_day, year_hint, weekdays)
    for d in dates:
        if _SAID_BEFORE.search(work, max(info.sent.start, d.start - 40), d.start):
            return d
    return None


@dataclass(frozen=True, slots=True)
class ExtractionResult:
    """The events of one article, or why it was skipped (`skipped`, e.g. "non_english:fa")."""

    events: list[CooperationEvent]
    skipped: str | None = None
    language: str | None = None
    heavy_nlp: bool = False  # whether the spaCy path ran for this article


# a step over an article's merged candidates: (candidates, sentence infos, working text) -> candidates
PairStep = Callable[[list[Candidate], list[SentenceInfo], str], list[Candidate]]


# an observer of each event as it is built: (its candidate, sentence infos, working text, the event)
EventHook = Callable[[Candidate, list[SentenceInfo], str, CooperationEvent], None]


def _unchanged(cands: list[Candidate], infos: list[SentenceInfo], text: str) -> list[Candidate]:
    """The default `Extractor.pair_step`: the candidates as they are."""
    return cands


def _sector_spans(infos: list[SentenceInfo], cand: Candidate) -> list[tuple[int, int]]:
    """Where the sectors of an event whose evidence names none are read: the evidence and the sentence
    after each trigger sentence (which often says what the occasion was about)."""
    pos = set(cand.sentences) | set(cand.extra) | {p + 1 for p in cand.sentences if p + 1 < len(infos)}
    return [(infos[p].sent.start, infos[p].sent.end) for p in sorted(pos)]


class Extractor:
    """Rule-based extraction of cooperation events; construct once, call `extract` many times."""

    def __init__(self, *, use_spacy: bool = True, data_dir: Path = DATA_DIR) -> None:
        self.resources = load_resources(data_dir)
        self.gazetteer = Gazetteer(self.resources)
        self.cue_matcher = CueMatcher(self.resources)
        self.sector_matcher = SectorMatcher(self.resources)
        self.agency_matcher = AgencyMatcher(self.resources)
        self.processes = load_processes(read_yaml("negotiations.yaml", data_dir), self.resources.talks_topic)
        self.no_relations = load_no_relations(self.resources.countries)
        self.language_detector = default_detector()
        agency_names = frozenset(a for aliases in self.resources.agencies.values() for a in aliases)
        self.participant_finder = ParticipantFinder(self.gazetteer, use_spacy, agency_names)
        self.syntax = SyntaxFilter(enabled=use_spacy)
        # a step over each article's merged candidates: identity here; `libs.evaluation.fit_pairs`
        # records through it, and an experiment may replace it (the learned pair scorer, not shipped)
        self.pair_step: PairStep = _unchanged
        # called with each event as it is built (none here); `libs.evaluation.fit_confidence` and
        # `fit_types` record the features of each event's candidate through it
        self.event_hook: EventHook | None = None
        self.info = ExtractorInfo(name=EXTRACTOR_NAME, version=EXTRACTOR_VERSION)
        res = self.resources
        self.scanner = PrefixScanner(
            [
                *self.cue_matcher.patterns,
                res.conflict,
                res.sports,
                res.anaphora,
                *self.sector_matcher.patterns,
            ]
        )
        self._igo_codes = set((self.resources.igos.get("igos") or {}).keys()) | set(self.gazetteer.groups)
        self._known_people = dict(self.resources.people)
        self._known_automaton = ahocorasick.Automaton()
        for name, code in self._known_people.items():
            self._known_automaton.add_word(name, code)
        self._known_automaton.make_automaton()

    # -- public API ------------------------------------------------------------------------

    def extract(
        self,
        text: str,
        *,
        article_id: str,
        published_at: date | datetime | None = None,
        url: str | None = None,
        title: str | None = None,
        publisher: str | None = None,
        language: str | None = None,
        deadline: float | None = None,
    ) -> ExtractionResult:
        """Events of one article. Deterministic: same inputs, same output, same order.

        `deadline` is a `time.monotonic()` instant: past it, extraction stops with
        `DeadlineExceeded` (checked between stages and every few sentences).
        Raises `InvalidArticleError` (a `ValueError`) for an `article_id` the
        contract rejects (empty or over 128 characters).
        """
        if not article_id or len(article_id) > 128:
            raise InvalidArticleError("article_id must have 1 to 128 characters")
        clock = Deadline(deadline)
        skipped = self._skipped(text, language)
        if skipped is not None:
            return skipped
        pub_day = published_at.date() if isinstance(published_at, datetime) else published_at
        doc = segment(text)
        sentences = doc.content_sentences()
        clock.check("segmentation")
        if not sentences:
            return ExtractionResult([], None, "en")

        # cheap gate: some cue, two distinct parties somewhere
        scan = self.scanner.scan(doc.work)
        raw_cues = self.cue_matcher.find(scan, 0, len(doc.work))
        matches = self.gazetteer.find(doc.work, 0, len(doc.work))
        clock.check("lexicon scan")
        if not self._passes_gate(doc, raw_cues, matches):
            return ExtractionResult([], None, "en")

        analysis = self._analyse(doc, scan, sentences, matches, raw_cues, pub_day, clock)
        cands = self._candidates(doc, analysis, clock, pub_day)
        if not cands:
            return ExtractionResult([], None, "en")
        article = ArticleRef(
            url=url,
            title=title,
            published_at=_as_datetime(published_at),
            publisher=publisher,
            cited_agencies=self._cited_agencies(text, doc),
        )
        events, heavy = self._events(article_id, text, scan, analysis, cands, article)
        clock.check("events")
        return ExtractionResult(events, None, "en", heavy_nlp=heavy)

    # -- internals -------------------------------------------------------------------------

    def _skipped(self, text: str, language: str | None) -> ExtractionResult | None:
        """The result of an article skipped unread: empty, or not English (as given, else as detected);
        None for an article to read."""
        if not text or not text.strip():
            return ExtractionResult([], "empty_text")
        if language and not language.lower().startswith("en"):
            return ExtractionResult([], f"non_english:{language.lower()[:8]}", language.lower())
        lang = self.language_detector.detect(text)
        if lang != "en":
            return ExtractionResult([], f"non_english:{lang}", lang)
        return None

    def _passes_gate(self, doc: Document, raw_cues: list[Cue], matches: list[Match]) -> bool:
        """The cheap gate: some cue (or attendance, or founders named), two distinct parties somewhere
        (names or well-known people), and no commentary."""
        work = doc.work
        return not (
            (
                not raw_cues
                and not attending(work)
                and not founders_named(work)
                and not contracting(work)
                and not exhibiting_abroad(work)
            )
            or len({m.code for m in matches} | self._known_codes(work)) < 2
            or commentary(work, doc.dateline_place is not None or doc.dateline_agency is not None)
        )

    def _candidates(
        self, doc: Document, analysis: Analysis, clock: Deadline, pub_day: date | None
    ) -> list[Candidate]:
        """The article's merged candidates (`discourse.build_candidates`), exhibitors dated by their
        fair (`occasions.fair_dates`), less the pairs of states without relations
        (`relations.without_relations`), through `pair_step`."""
        cands = build_candidates(
            analysis.infos,
            doc.work,
            self._igo_codes,
            analysis.home,
            self.resources.reporting,
            clock,
            self.syntax,
            self.gazetteer.groups,
            self.processes,
            pub_day,
        )
        if not cands:
            return cands

        def dates_of(lo: int, hi: int) -> list[DateMention]:
            return find_dates(doc.work, lo, hi, pub_day, analysis.year_hint, analysis.weekdays)

        fair_dates(cands, analysis.infos, doc.work, dates_of)
        told_dates(cands, analysis.infos, doc.work, dates_of)
        preceding_dates(cands, analysis.infos, doc.work, dates_of)
        cands = without_relations(cands, self.no_relations, analysis.home)
        return self.pair_step(cands, analysis.infos, doc.work)

    def _cited_agencies(self, text: str, doc: Document) -> list[str]:
        """The news agencies the article cites, the dateline's agency first."""
        return self.agency_matcher.find(text, [doc.dateline_agency] if doc.dateline_agency else None)

    def _event_sectors(
        self, scan: Scan, infos: list[SentenceInfo], cands: list[Candidate]
    ) -> list[list[str]]:
        """Per candidate, its sectors in vocabulary order (`sectors.event_sectors` over its own evidence
        sentences and its `_sector_spans`)."""
        sentences = [(i.sent.start, i.sent.end) for i in infos]
        owns = [sorted(set(cand.sentences) | set(cand.extra)) for cand in cands]
        wider = [_sector_spans(infos, cand) for cand in cands]
        return event_sectors(self.sector_matcher, scan, sentences, owns, wider)

    def _known_codes(self, work: str) -> set[str]:
        """The states and IGOs of well-known people named in the text (for the cheap gate)."""
        if not self._known_people:
            return set()
        return {code for _end, code in self._known_automaton.iter(work)}

    def _home_state(self, doc: Document) -> str | None:
        """The state of the dateline ("TEHRAN –" → IRN), the article's home for unmarked officials."""
        for name in (doc.dateline_country, doc.dateline_place):
            if not name:
                continue
            for form in (name, name.title()):
                entry = self.gazetteer.lookup(form)
                if entry is not None and entry.kind in ("country", "capital", "city"):
                    return entry.code
        return None

    def _analyse(
        self,
        doc: Document,
        scan: Scan,
        sentences: list[Sentence],
        matches: list[Match],
        raw_cues: list[Cue],
        pub_day: date | None,
        clock: Deadline,
    ) -> Analysis:
        """One `SentenceInfo` per content sentence, and the people the article names."""
        work = doc.work
        match_starts = [m.start for m in matches]
        cue_starts = [c.start for c in raw_cues]
        people = find_people(work, [(s.start, s.end) for s in sentences], matches)
        home = self._home_state(doc)
        persons = PersonIndex(
            people,
            home,
            find_org_affiliations(work, matches),
            self._known_people,
            self._igo_codes,
        )
        analysis = Analysis(
            [],
            people,
            persons,
            sorted(p.start for p in people if p.country is None),
            [p.start for p in people],
            home,
        )
        anaphors = AnaphorState()
        if pub_day is None:
            # the year of a caption or trailer the working copy masks ("PHOTO: ... on March 5, 2018") when
            # the text names none elsewhere
            analysis.year_hint = article_year(work) or masked_year(doc.text, doc.masked_spans)
            analysis.weekdays = ArticleWeekdays(
                work, [(s.start, s.end) for s in sentences], analysis.year_hint
            )
        for n, s in enumerate(sentences):
            if n % DEADLINE_EVERY == 0:
                clock.check("sentence analysis")
            lo, hi = s.start, s.end
            in_sentence = matches[bisect.bisect_left(match_starts, lo) : bisect.bisect_left(match_starts, hi)]
            in_sentence = [m for m in in_sentence if m.end <= hi]
            cues = raw_cues[bisect.bisect_left(cue_starts, lo) : bisect.bisect_left(cue_starts, hi)]
            parties = sentence_parties(work, lo, hi, in_sentence, persons, self.gazetteer, anaphors)
            analysis.infos.append(self._sentence_info(scan, s, in_sentence, parties, cues, analysis, pub_day))
        for prev, info in itertools.pairwise(analysis.infos):
            if info.cues and _REMARKS_OPENER.match(work, info.sent.start):
                info.remarks_date = _said_date(work, prev, pub_day, analysis.year_hint, analysis.weekdays)
        return analysis

    def _sentence_info(
        self,
        scan: Scan,
        s: Sentence,
        matches: list[Match],
        parties: SentenceParties,
        raw_cues: list[Cue],
        analysis: Analysis,
        pub_day: date | None,
    ) -> SentenceInfo:
        """What the rules know about one sentence: parties, surviving cues, dates, flags."""
        work, res, lo, hi = scan.text, self.resources, s.start, s.end
        shared_fights = [(m.start(), m.end()) for m in _SHARED_FIGHT.finditer(work, lo, hi)]
        conflict_spans = [
            (m.start(), m.end())
            for m in res.conflict.finditer(scan, lo, hi)
            if not any(a <= m.start() < b for a, b in shared_fights)
        ]
        opener = res.continuation.match(work, lo, hi)
        sports = res.sports.search(scan, lo, hi) is not None
        cues = filter_cues(
            work,
            lo,
            hi,
            raw_cues,
            res,
            conflict=bool(conflict_spans),
            sports=sports,
            continuation_end=opener.end() if opener else None,
            names=[(m.start, m.end, m.is_igo) for m in matches],
            scan=scan,
        )
        anaphor_spans = [(m.start(), m.end()) for m in res.anaphora.finditer(scan, lo, hi)]
        unnamed_at = bisect.bisect_left(analysis.unnamed_starts, lo)
        return SentenceInfo(
            sent=s,
            matches=matches,
            parties=parties,
            cues=cues,
            dates=find_dates(work, lo, hi, pub_day, analysis.year_hint, analysis.weekdays),
            anaphoric=bool(anaphor_spans),
            continuation=opener is not None,
            other_signal=_OTHER_PARTY.search(work, lo, hi) is not None,
            unmarked=has_unmarked_official(work, lo, hi, matches) if cues else False,
            conflict=bool(conflict_spans),
            sports=sports,
            unnamed_person=unnamed_at < len(analysis.unnamed_starts)
            and analysis.unnamed_starts[unnamed_at] < hi,
            conflict_spans=conflict_spans,
            anaphor_spans=anaphor_spans,
            statistics=res.statistics.search(work, lo, hi) is not None
            and _DIRECTED_TRADE_FIGURE.search(work, lo, hi) is not None,
        )

    def _events(
        self,
        article_id: str,
        text: str,
        scan: Scan,
        analysis: Analysis,
        cands: list[Candidate],
        article: ArticleRef,
    ) -> tuple[list[CooperationEvent], bool]:
        """The contract events of the candidates, in text order; whether the NER model ran."""
        infos, work = analysis.infos, scan.text
        trigger_positions = sorted({p for cand in cands for p in [*cand.sentences, *cand.extra]})
        # the NER model only where a capitalised name is left that the rules did not place
        unexplained = (
            (infos[p].sent.start, infos[p].sent.end)
            for p in trigger_positions
            if unexplained_names(
                work,
                infos[p].sent.start,
                infos[p].sent.end,
                analysis.people,
                infos[p].matches,
                analysis.people_starts,
            )
        )
        ner_spans = list(itertools.islice(unexplained, MAX_NER_SENTENCES))
        ner = self.participant_finder.entities(work, ner_spans) if ner_spans else None
        feats = article_features(infos)
        sectors = self._event_sectors(scan, infos, cands)
        out = [
            self._event(article_id, text, scan, analysis, cand, article, ner, feats, cand_sectors)
            for cand, cand_sectors in zip(cands, sectors, strict=True)
        ]
        out.sort(key=lambda t: t[0])
        return [e for _, e in out], ner is not None

    def _event(
        self,
        article_id: str,
        text: str,
        scan: Scan,
        analysis: Analysis,
        cand: Candidate,
        article: ArticleRef,
        ner: NerResult | None,
        article_feats: frozenset[str],
        sectors: list[str],
    ) -> tuple[tuple[int, int, str], CooperationEvent]:
        """One candidate as a `CooperationEvent`, with its sort key (first evidence, type, parties);
        `article_feats`: `occasions.article_features` of the article; `sectors`: its `_event_sectors`.
        Calls `event_hook` with it."""
        infos, work = analysis.infos, scan.text
        own = set(cand.sentences) | set(cand.extra)
        spans = [(infos[p].sent.start, infos[p].sent.end) for p in sorted(own)]
        first = infos[min(own | set(cand.restated) | set(cand.recalled) | set(cand.told))].sent.start
        told = [infos[p].sent for p in evidence_positions(cand, infos)]
        evidence = [Evidence(text=s.text, start=s.start, end=s.end) for s in told]
        found = self.participant_finder.find(
            work, spans, analysis.people, analysis.persons, ner, analysis.people_starts
        )
        etype = EventType(cand.type)
        plover, cameo = EVENT_CODES[etype]
        event = CooperationEvent(
            event_id=event_id(article_id, cand, first),
            article_id=article_id,
            type=etype,
            plover=plover,
            cameo=cameo,
            countries=list(cand.countries),
            igos=list(cand.igos),
            participants=[
                Participant(
                    name=f.name, kind=f.kind, title=f.title, organization=f.organization, country=f.country
                )
                for f in found
            ],
            sectors=sectors,
            date=_event_date(cand),
            location=Location(name=cand.location[0], country=cand.location[1]) if cand.location else None,
            quantities=_quantities(
                text, work, [(infos[p].sent.start, infos[p].sent.end) for p in sorted(cand.sentences)]
            ),
            evidence=evidence,
            confidence=confidence(cand, infos, article_feats),
            article=article,
            extractor=self.info,
        )
        if self.event_hook is not None:
            self.event_hook(cand, infos, work, event)
        return (first, _TYPE_RANK[cand.type], ",".join(cand.countries + cand.igos)), event


@dataclass(slots=True)
class Analysis:
    """The per-sentence facts of one article and the people it names."""

    infos: list[SentenceInfo]
    people: list[Person]
    persons: PersonIndex
    unnamed_starts: list[int]  # where people of unknown state are named, sorted
    people_starts: list[int]  # where each of `people` starts (they are in text order)
    home: str | None  # the dateline's state (`Extractor._home_state`)
    # with no publication date, the day each weekday names (`dates.ArticleWeekdays`, read when first needed)
    weekdays: ArticleWeekdays | None = None
    # with no publication date, the year a day-and-month date takes (`dates.article_year`)
    year_hint: int | None = None


def _event_date(cand: Candidate) -> EventDate | None:
    if cand.date is None:
        return None
    return EventDate(
        start=cand.date.start,
        end=cand.date.end,
        precision=cand.date.precision,
        text=cand.date_text or cand.date.start,
    )


def _quantities(text: str, work: str, trigger_spans: list[tuple[int, int]]) -> list[Quantity]:
    """The numbers with units of the trigger sentences, without repeats."""
    quantities: list[Quantity] = []
    seen: set[tuple[float, str]] = set()
    for lo, hi in trigger_spans:
        for q in find_quantities(work, lo, hi):
            if (q.value, q.unit) not in seen:
                seen.add((q.value, q.unit))
                quantities.append(Quantity(value=q.value, unit=q.unit, text=text[q.start : q.end]))
    return quantities


_TYPE_RANK = {t.value: i for i, t in enumerate(EventType)}
MAX_NER_SENTENCES = 8  # per article: bounds the cost of the heavy path on long features


def _as_datetime(value: date | datetime | None) -> datetime | None:
    if value is None or isinstance(value, datetime):
        return value
    return datetime(value.year, value.month, value.day)
