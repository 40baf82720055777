"""Participants of an event: named people (with title, organisation, country) and institutions.

The rule-based people finder (`named_people.py`) already runs over every article; the
spaCy NER model (the "heavy NLP path") runs only on the evidence sentences of
articles that produced events, to catch names and organisations the rules miss.
It is loaded lazily on first use, and only its `ner` component runs. When spaCy
or the model is unavailable, the rules alone are used.
"""

from __future__ import annotations

import re
import threading
from dataclasses import dataclass

from libs.extraction.gazetteer import Gazetteer
from libs.extraction.named_people import Person, PersonIndex, people_between
from libs.extraction.syntax import load_spacy

_ORG_HEAD = (
    r"(?:University|Institute|Ministry|Organi[sz]ation|Academy|Cent(?:er|re)|Foundation|Chamber|Company|"
    r"Corporation|Council|Agency|Bank|Park|Zone|Fund|Society|College|School|Hospital|Committee|Commission|"
    r"Office|Department|Federation|Association|Authority|Force|Navy|Parliament)"
)
_ORG_REGEX = re.compile(
    r"(?:[A-Z][\w'’.-]+\s+){0,5}?" + _ORG_HEAD + r"(?:\s+(?:of|for|on)\s+(?:the\s+)?"
    r"[A-Z][\w'’-]+(?:\s+(?:[A-Z][\w'’-]+|and|of)(?=\s+[A-Z]|$|\s*[,.;)]))*(?:\s+[A-Z][\w'’-]+)?)?"
)
_LEADING = re.compile(r"^(?:(?:of|for|and|the|The|In|At|On|With|During|By|From)\s+)+")
# a person's title in front of an institution: "Vice President of the Russian Chamber ..."
_LEADING_TITLE = re.compile(
    r"^(?:(?:Vice|Deputy|Acting|Former|President|Director|General|Director-General|Head|Chairman|Chief|Secretary|"
    r"Secretary-General|Minister|Governor|Rector|Dean|Spokesman|Ambassador|Representative|Managing|Executive)\s+)+"
    r"(?:of|for|at)\s+(?:the\s+)?"
)


@dataclass(frozen=True, slots=True)
class NerResult:
    """What the NER model read (sentence spans) and the PERSON/ORG entities it found there."""

    read: list[tuple[int, int]]
    entities: list[tuple[int, int, str]]


@dataclass(frozen=True, slots=True)
class Found:
    """A participant candidate with its span in the working text."""

    name: str
    kind: str  # person | organization
    start: int
    end: int
    title: str | None = None
    organization: str | None = None
    country: str | None = None


def _clean_org(name: str) -> str:
    name = _LEADING.sub("", name.strip(" ,.;:()"))
    name = _LEADING_TITLE.sub("", name)
    return re.sub(r"\s+(?:and|of|for|the)$", "", name)


class ParticipantFinder:
    """People and organisations in evidence sentences; the spaCy part is optional and lazy."""

    def __init__(
        self, gaz: Gazetteer, use_spacy: bool = True, agency_names: frozenset[str] = frozenset()
    ) -> None:
        self._gaz = gaz
        self._use_spacy = use_spacy
        self._nlp = None
        self._failed = False
        self._lock = threading.Lock()
        self._agencies = agency_names
        # "Scientific and Cultural Organization" inside "United Nations Educational, Scientific and ..."
        self._igo_fragments = frozenset(
            frag.strip()
            for surface, entry in gaz.items()
            if entry.kind == "igo" and "," in surface
            for frag in surface.split(",")[1:]
        )

    def _load(self):  # type: ignore[no-untyped-def]
        if self._nlp is None and not self._failed:
            disable = ["tok2vec", "tagger", "parser", "attribute_ruler", "lemmatizer"]
            self._nlp = load_spacy(disable, "participants from rules only")
            self._failed = self._nlp is None
        return self._nlp

    def entities(self, work: str, spans: list[tuple[int, int]]) -> NerResult | None:
        """PERSON/ORG entities in the spans (one NER pass over them); None without spaCy."""
        if not self._use_spacy or not spans:
            return None
        with self._lock:
            nlp = self._load()
            if nlp is None:
                return None
            found: list[tuple[int, int, str]] = []
            texts = [work[lo:hi] for lo, hi in spans]
            for (lo, _hi), doc in zip(spans, nlp.pipe(texts), strict=True):
                for ent in doc.ents:
                    if ent.label_ in ("PERSON", "ORG"):
                        found.append((lo + ent.start_char, lo + ent.end_char, ent.label_))
            return NerResult(list(spans), found)

    def _names_igo(self, name: str) -> bool:
        """An IGO or a state (parties already), or a fragment of an IGO's long name."""
        entry = self._gaz.lookup(name)
        if entry is not None and entry.kind == "igo":
            return True
        if entry is not None and entry.kind in ("country", "capital", "city"):
            return True  # a state or place, not an institution
        return any(m.is_igo for m in self._gaz.find(name)) or any(
            f.endswith(name) for f in self._igo_fragments
        )

    def _org_country(self, work: str, start: int, end: int) -> str | None:
        for m in self._gaz.find(work, max(0, start - 25), end):
            if not m.is_igo:
                if m.start >= start or re.fullmatch(r"(?:['’]s)?\s*", work[m.end : start]):
                    return m.code
        return None

    def _organizations(
        self, work: str, spans: list[tuple[int, int]], people: list[Person], starts: list[int]
    ) -> list[Found]:
        """Institutions named in the spans ("the Iranian Ministry of Science"), with their state."""
        found: list[Found] = []
        for lo, hi in spans:
            for m in _ORG_REGEX.finditer(work, lo, hi):
                raw = m.group(0)
                # an institution ends where a person's name begins ("... Ministry Mohsen Asadi Lari")
                cut = min(
                    (
                        p.start
                        for p in people_between(people, starts, m.start(), m.end())
                        if m.start() < p.start
                    ),
                    default=m.end(),
                )
                name = _clean_org(raw[: cut - m.start()])
                if len(name.split()) < 2 or name in self._agencies or self._names_igo(name):
                    continue
                s = m.start() + m.group(0).find(name)
                found.append(
                    Found(
                        name,
                        "organization",
                        s,
                        s + len(name),
                        None,
                        None,
                        self._org_country(work, s, s + len(name)),
                    )
                )
        return found

    def _add_entities(
        self, work: str, ents: list[tuple[int, int, str]], persons: PersonIndex, found: list[Found]
    ) -> None:
        """Adds to `found` the NER model's people of two words or more and organisations that overlap
        nothing found yet (and are no agency, state or IGO)."""
        for s, e, label in ents:
            name = work[s:e].strip()
            if any(f.start < e and s < f.end for f in found) or not name or name in self._agencies:
                continue
            if self._gaz.lookup(name) is not None:
                continue  # a country or IGO, already a party
            if label == "PERSON":
                if len(name.split()) < 2:
                    continue
                found.append(Found(name, "person", s, e, None, None, persons.state_of(name)))
            elif re.search(_ORG_HEAD, name):
                found.append(Found(name, "organization", s, e, None, None, self._org_country(work, s, e)))

    def find(
        self,
        work: str,
        spans: list[tuple[int, int]],
        people: list[Person],
        persons: PersonIndex,
        ner: NerResult | None = None,
        starts: list[int] | None = None,
    ) -> list[Found]:
        """Participants named in the given sentence spans, in text order, without duplicates.

        `ner` is what `entities()` returned for (some of) these spans: in a sentence
        the model read, an untitled name the rules found is kept only if the model
        agrees it is a person.
        """
        ents = [
            t for t in (ner.entities if ner else []) if any(lo <= t[0] and t[1] <= hi for lo, hi in spans)
        ]
        ner_spans = [sp for sp in (ner.read if ner else []) if sp in spans]
        starts = starts if starts is not None else [p.start for p in people]
        in_spans = [
            p
            for lo, hi in spans
            for p in people_between(people, starts, lo, hi)
            if lo <= p.start and p.end <= hi
        ]
        found = _people_found(in_spans, persons, ner_spans, ents)
        found.extend(self._organizations(work, spans, people, starts))
        self._add_entities(work, ents, persons, found)
        found.sort(key=lambda f: (f.start, f.end))
        out: list[Found] = []
        seen: set[tuple[str, str]] = set()
        for f in found:
            key = (f.kind, f.name)
            if key not in seen:
                seen.add(key)
                out.append(f)
        return out


def _people_found(
    in_spans: list[Person],
    persons: PersonIndex,
    ner_spans: list[tuple[int, int]],
    ents: list[tuple[int, int, str]],
) -> list[Found]:
    """The people the rules named in the spans, with their organisation and state; an untitled name of
    unknown state in a sentence the NER model read (`ner_spans`) only when the model agrees (`ents`)."""
    found: list[Found] = []
    for p in in_spans:
        if not (p.title or p.country) and any(lo <= p.start < hi for lo, hi in ner_spans):
            # an untitled name in a sentence the NER model read: keep it only if NER agrees
            if not any(t[2] == "PERSON" and t[0] < p.end and p.start < t[1] for t in ents):
                continue
        org = None
        if p.title:
            om = _ORG_REGEX.search(p.title)
            org = _clean_org(om.group(0)) if om else None
        country = p.country if (p.country and not p.igo) else persons.state_of(p.name)
        if p.igo and not org:
            org = p.country
        found.append(Found(p.name, "person", p.start, p.end, p.title, org or None, country))
    return found
