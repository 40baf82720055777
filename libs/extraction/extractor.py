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
from dataclasses import dataclass
from datetime import date, datetime
from pathlib import Path

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
from libs.extraction.dates import DateMention, find_dates
from libs.extraction.discourse import build_candidates
from libs.extraction.event_participants import ParticipantFinder
from libs.extraction.fastre import PrefixScanner, Scan
from libs.extraction.gazetteer import Gazetteer, Match
from libs.extraction.language import LanguageGuard
from libs.extraction.mention_roles import AnaphorState, has_unmarked_official, sentence_parties
from libs.extraction.named_people import PersonIndex, find_org_affiliations, find_people, unexplained_names
from libs.extraction.occasions import confidence, event_id
from libs.extraction.quantities import find_quantities
from libs.extraction.resources import DATA_DIR, load_resources
from libs.extraction.sectors import SectorMatcher
from libs.extraction.text import Document, segment
from libs.extraction.triggers import CueMatcher, filter_cues
from libs.extraction.version import EXTRACTOR_NAME, EXTRACTOR_VERSION

# "the fight against terrorism", "counter-narcotics", "war on drugs": a common fight is cooperation
_SHARED_FIGHT = re.compile(
    r"\b(?:fight\w*|combat\w*|counter(?:ing)?|against|war\s+on|confront\w*|eradicat\w*|tackl\w*|curb\w*|"
    r"counter-)\s*(?:against\s+)?(?:the\s+)?(?:[\w()-]+\s+){0,3}?(?:terror\w*|drugs?|narcotics?|traffick\w*|"
    r"extremis\w*|Daesh|ISIL|ISIS|piracy|smuggl\w*|crimes?|pandemic|coronavirus|COVID-19)",
    re.IGNORECASE,
)
_OTHER_PARTY = re.compile(
    r"\b(?:counterparts?|delegations?|ambassadors?|envoys?|visiting|guests?|(?:his|her|its) country|"
    r"the \w+ side|officials? from|representatives? (?:of|from))\b",
    re.IGNORECASE,
)


# "He made the remarks in a meeting with ...": the occasion of what the sentence before reported
_REMARKS_OPENER = re.compile(
    r"\W*(?:He|She|They|The\s+(?:\w+\s+){0,2}?(?:minister|official|president|envoy|ambassador|diplomat|spokesman|"
    r"chief|head))\s+(?:also\s+)?(?:made|gave|delivered|voiced|expressed)\s+(?:the|these|his|her|their)\s+"
    r"(?:remarks|comments|statements?|speech)\b"
    r"|\W*(?:The|These|His|Her)\s+(?:remarks|comments|statements?)\s+(?:were|was)\s+made\b"
)
_SAID_BEFORE = re.compile(
    r"\b(?:said|says|told\s+(?:[\w.-]+\s+){0,3}?|stated|announced|noted|stressed|added|remarked|declared|"
    r"underlined|emphasi[sz]ed|highlighted|urged|called|expressed|asserted|reiterated)\s+$"
)


def _said_date(work: str, info: SentenceInfo, pub_day: date | None) -> DateMention | None:
    """The date right after a speech verb in a sentence ("X said on Tuesday that ...")."""
    dates = info.dates or find_dates(work, info.sent.start, info.sent.end, pub_day)
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


class Extractor:
    """Rule-based extraction of cooperation events; construct once, call `extract` many times."""

    def __init__(self, *, use_spacy: bool = True, data_dir: Path = DATA_DIR) -> None:
        self.resources = load_resources(data_dir)
        self.gazetteer = Gazetteer(self.resources)
        self.cue_matcher = CueMatcher(self.resources)
        self.sector_matcher = SectorMatcher(self.resources)
        self.agency_matcher = AgencyMatcher(self.resources)
        self.language_guard = LanguageGuard()
        agency_names = frozenset(a for aliases in self.resources.agencies.values() for a in aliases)
        self.participant_finder = ParticipantFinder(self.gazetteer, use_spacy, agency_names)
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
        self._igo_codes = set((self.resources.igos.get("igos") or {}).keys())

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
    ) -> ExtractionResult:
        """Events of one article. Deterministic: same inputs, same output, same order.

        Raises ValueError for an `article_id` the contract rejects (empty or over 128 characters).
        """
        if not article_id or len(article_id) > 128:
            raise ValueError("article_id must have 1 to 128 characters")
        if not text or not text.strip():
            return ExtractionResult([], "empty_text")
        if language and not language.lower().startswith("en"):
            return ExtractionResult([], f"non_english:{language.lower()[:8]}", language.lower())
        lang = self.language_guard.detect(text)
        if lang != "en":
            return ExtractionResult([], f"non_english:{lang}", lang)
        pub_day = published_at.date() if isinstance(published_at, datetime) else published_at
        doc = segment(text)
        work = doc.work
        sentences = doc.content_sentences()
        if not sentences:
            return ExtractionResult([], None, "en")

        # cheap gate: some cue, two distinct parties somewhere
        ws = self.scanner.scan(work)
        raw_cues = self.cue_matcher.find(ws, 0, len(work))
        matches = self.gazetteer.find(work, 0, len(work))
        if not raw_cues or len({m.code for m in matches}) < 2:
            return ExtractionResult([], None, "en")

        infos, people, persons = self._analyse(doc, ws, sentences, matches, raw_cues, pub_day)
        home = self._home_state(doc)
        cands = build_candidates(infos, work, self._igo_codes, home, self.resources.reporting)
        if not cands:
            return ExtractionResult([], None, "en")
        article = ArticleRef(
            url=url,
            title=title,
            published_at=_as_datetime(published_at),
            publisher=publisher,
            cited_agencies=self.agency_matcher.find(
                text, [doc.dateline_agency] if doc.dateline_agency else None
            ),
        )
        events, heavy = self._events(article_id, text, ws, infos, cands, people, persons, article)
        return ExtractionResult(events, None, "en", heavy_nlp=heavy)

    # -- internals -------------------------------------------------------------------------

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
        ws: Scan,
        sentences: list,
        matches: list[Match],
        raw_cues: list,
        pub_day: date | None,
    ) -> tuple[list[SentenceInfo], list, PersonIndex]:
        work = doc.work
        res = self.resources
        starts = [m.start for m in matches]
        cue_starts = [c.start for c in raw_cues]
        spans = [(s.start, s.end) for s in sentences]
        people = find_people(work, spans, matches)
        persons = PersonIndex(people, self._home_state(doc), find_org_affiliations(work, matches))
        infos: list[SentenceInfo] = []
        state = AnaphorState()
        for s in sentences:
            lo, hi = s.start, s.end
            sm = matches[bisect.bisect_left(starts, lo) : bisect.bisect_left(starts, hi)]
            sm = [m for m in sm if m.end <= hi]
            sc = raw_cues[bisect.bisect_left(cue_starts, lo) : bisect.bisect_left(cue_starts, hi)]
            parties = sentence_parties(work, lo, hi, sm, persons, self.gazetteer, state)
            shared_fights = [(m.start(), m.end()) for m in _SHARED_FIGHT.finditer(work, lo, hi)]
            conflict_spans = [
                (m.start(), m.end())
                for m in res.conflict.finditer(ws, lo, hi)
                if not any(a <= m.start() < b for a, b in shared_fights)
            ]
            conflict = bool(conflict_spans)
            sports = res.sports.search(ws, lo, hi) is not None
            cont = res.continuation.match(work, lo, hi)
            cues = filter_cues(
                work,
                lo,
                hi,
                sc,
                res,
                conflict=conflict,
                sports=sports,
                continuation_end=cont.end() if cont else None,
                names=[(m.start, m.end, m.is_igo) for m in sm],
                ws=ws,
            )
            anaphor_spans = [(m.start(), m.end()) for m in res.anaphora.finditer(ws, lo, hi)]
            anaphoric = bool(anaphor_spans)
            unnamed = any(lo <= p.start < hi and p.country is None for p in people)
            infos.append(
                SentenceInfo(
                    sent=s,
                    matches=sm,
                    parties=parties,
                    cues=cues,
                    dates=find_dates(work, lo, hi, pub_day) if cues else [],
                    anaphoric=anaphoric,
                    continuation=cont is not None,
                    other_signal=_OTHER_PARTY.search(work, lo, hi) is not None,
                    unmarked=has_unmarked_official(work, lo, hi, sm) if cues else False,
                    conflict=conflict,
                    unnamed_person=unnamed,
                    conflict_spans=conflict_spans,
                    anaphor_spans=anaphor_spans,
                )
            )
        for prev, info in itertools.pairwise(infos):
            if info.cues and _REMARKS_OPENER.match(work, info.sent.start):
                info.remarks_date = _said_date(work, prev, pub_day)
        return infos, people, persons

    def _events(
        self,
        article_id: str,
        text: str,
        ws: Scan,
        infos: list[SentenceInfo],
        cands: list[Candidate],
        people: list,
        persons: PersonIndex,
        article: ArticleRef,
    ) -> tuple[list[CooperationEvent], bool]:
        out: list[tuple[tuple[int, int, str], CooperationEvent]] = []
        work = ws.text
        trigger_positions = sorted({p for cand in cands for p in [*cand.sentences, *cand.extra]})
        # the NER model only where a capitalised name is left that the rules did not place
        ner_spans = [
            (infos[p].sent.start, infos[p].sent.end)
            for p in trigger_positions
            if unexplained_names(work, infos[p].sent.start, infos[p].sent.end, people, infos[p].matches)
        ][:MAX_NER_SENTENCES]
        ner = self.participant_finder.entities(work, ner_spans) if ner_spans else None
        heavy = ner is not None
        for cand in cands:
            positions = sorted(set(cand.sentences) | set(cand.extra))
            sents = [infos[p].sent for p in positions]
            spans = [(s.start, s.end) for s in sents]
            trigger_spans = [(infos[p].sent.start, infos[p].sent.end) for p in sorted(cand.sentences)]
            evidence = [Evidence(text=s.text, start=s.start, end=s.end) for s in sents]
            sectors = self.sector_matcher.find(ws, spans)
            quantities = []
            seen_q: set[tuple[float, str]] = set()
            for lo, hi in trigger_spans:
                for q in find_quantities(work, lo, hi):
                    if (q.value, q.unit) not in seen_q:
                        seen_q.add((q.value, q.unit))
                        quantities.append(Quantity(value=q.value, unit=q.unit, text=text[q.start : q.end]))
            found = self.participant_finder.find(work, spans, people, persons, ner)
            participants = [
                Participant(
                    name=f.name,
                    kind=f.kind,
                    title=f.title,
                    organization=f.organization,
                    country=f.country,
                )
                for f in found
            ]
            ev_date = (
                EventDate(
                    start=cand.date.start,
                    end=cand.date.end,
                    precision=cand.date.precision,
                    text=cand.date_text or cand.date.start,
                )
                if cand.date
                else None
            )
            location = Location(name=cand.location[0], country=cand.location[1]) if cand.location else None
            etype = EventType(cand.type)
            plover, cameo = EVENT_CODES[etype]
            event = CooperationEvent(
                event_id=event_id(article_id, cand, evidence[0].start),
                article_id=article_id,
                type=etype,
                plover=plover,
                cameo=cameo,
                countries=list(cand.countries),
                igos=list(cand.igos),
                participants=participants,
                sectors=sectors,
                date=ev_date,
                location=location,
                quantities=quantities,
                evidence=evidence,
                confidence=confidence(cand, infos),
                article=article,
                extractor=self.info,
            )
            out.append(
                ((evidence[0].start, _TYPE_RANK[cand.type], ",".join(cand.countries + cand.igos)), event)
            )
        out.sort(key=lambda t: t[0])
        return [e for _, e in out], heavy


_TYPE_RANK = {t.value: i for i, t in enumerate(EventType)}
MAX_NER_SENTENCES = 8  # per article: bounds the cost of the heavy path on long features


def _as_datetime(value: date | datetime | None) -> datetime | None:
    if value is None or isinstance(value, datetime):
        return value
    return datetime(value.year, value.month, value.day)
