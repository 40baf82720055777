"""From per-sentence evidence to events: party resolution, merging, dates, ids.

The pipeline over the content sentences of a document (repeats dropped):

1. every sentence gets its gazetteer mentions with roles (`parties.py`), its cues
   (`triggers.py`), its date phrases (`dates.py`) and a few flags (anaphora,
   continuation opener, conflict, sports);
2. a sentence with cues yields one candidate per event type, whose parties are
   the actors it names; "the two sides", "his counterpart", a visiting delegation
   etc. borrow the parties of the context (the last sentence that named two or
   more), an official named by title alone stands for the dateline's state, and a
   meeting with one named party takes the visited place's state as host;
3. candidates need two or more parties; weak cues need them named in the sentence;
4. candidates of the same type and parties are one occasion (merged) unless their
   dates differ; sentences that only continue an occasion ("During the meeting,
   ...") add evidence (and so sectors) to it;
5. an event without its own date takes the date of the occasion it continues.
"""

from __future__ import annotations

import hashlib
import itertools
import json
import re
from dataclasses import dataclass, field

from libs.extraction.dates import DateMention, DateValue
from libs.extraction.gazetteer import Match
from libs.extraction.parties import SentenceParties
from libs.extraction.text import Sentence
from libs.extraction.triggers import Cue

TYPE_ORDER = ("meeting", "conference", "agreement", "intent", "cooperation", "aid")
_WEAK_VERB = re.compile(r"^(?:discuss|negotiat)", re.IGNORECASE)
_JOINT_BEFORE = re.compile(r"\b(?:joint|bilateral|trilateral|mutual)\b", re.IGNORECASE)
_JOINT_AFTER = re.compile(
    r"^\s+(?:between|of the two|of both|co-?(?:hosted|organi[sz]ed) by)\b", re.IGNORECASE
)


@dataclass(slots=True)
class SentInfo:
    """Everything the rules know about one content sentence."""

    sent: Sentence
    matches: list[Match]
    parties: SentenceParties
    cues: list[Cue]
    dates: list[DateMention]
    anaphoric: bool
    continuation: bool
    other_signal: bool
    unmarked: bool
    conflict: bool
    unnamed_person: bool = False
    conflict_spans: list[tuple[int, int]] = field(default_factory=list)


@dataclass(slots=True)
class Candidate:
    """An event in the making."""

    type: str
    countries: tuple[str, ...]
    igos: tuple[str, ...]
    sentences: list[int]  # positions in the SentInfo list
    cue: Cue
    strong: bool
    source: str  # explicit | context | home | venue
    date: DateValue | None = None
    date_text: str | None = None
    location: tuple[str, str | None] | None = None
    continued: bool = False  # the trigger sentence continues an earlier occasion
    dated: bool = False  # the trigger sentence has its own date phrase for the cue
    extra: list[int] = field(default_factory=list)  # continuation sentences

    @property
    def key(self) -> tuple[str, tuple[str, ...], tuple[str, ...]]:
        return (self.type, self.countries, self.igos)

    @property
    def parties(self) -> frozenset[str]:
        return frozenset(self.countries) | frozenset(self.igos)


def _split_parties(codes: list[str], igo_codes: set[str]) -> tuple[tuple[str, ...], tuple[str, ...]]:
    countries = tuple(sorted({c for c in codes if c not in igo_codes}))
    igos = tuple(sorted({c for c in codes if c in igo_codes}))
    return countries, igos


_PRECISION_RANK = {"day": 0, "month": 1, "year": 2}


def _event_date(
    info: SentInfo, cue: Cue, text: str, reporting: re.Pattern[str], bounds: tuple[list[int], list[int]]
) -> DateMention | None:
    """The date phrase for a cue: in its clause first, then the most precise, then the nearest.

    Skips report dates ("IRNA reported on Sunday") and dates in parentheses, which
    gloss periods ("(March 21-July 22)") rather than date events.
    """
    lo, hi = info.sent.start, info.sent.end
    fine = _around(bounds[1], cue.start, lo, hi) if bounds[1] else (lo, hi)
    strong = _around(bounds[0], cue.start, lo, hi) if bounds[0] else (lo, hi)
    best: tuple[int, int, int] | None = None
    chosen: DateMention | None = None
    for d in info.dates:
        before = text[max(lo, d.start - 40) : d.start]
        if reporting.search(before) and re.search(
            r"(?:reported|quoted|cited|wrote|published|reports)\s+(?:\w+\s+){0,3}$", before, re.I
        ):
            continue
        opened = text.rfind("(", lo, d.start)
        if opened != -1 and text.find(")", opened, d.start) == -1:
            continue  # inside parentheses
        level = 0 if fine[0] <= d.start < fine[1] else 1 if strong[0] <= d.start < strong[1] else 2
        precision = _PRECISION_RANK[d.value.precision] if d.value else 3
        key = (level, precision, abs(d.start - cue.start))
        if best is None or key < best:
            best, chosen = key, d
    return chosen


def _location(info: SentInfo) -> tuple[str, str | None] | None:
    venues = info.parties.venues()
    if not venues:
        return None
    cities = [v for v in venues if v.kind in ("city", "capital")]
    chosen = cities[0] if cities else venues[0]
    return (chosen.surface, chosen.code)


# Clause boundaries: a cue's parties are looked for in its clause first, then wider.
_STRONG_BOUNDARY = re.compile(
    r"[;:“”\"]|,\s+and\b(?!\s+(?:the\s+)?[A-Z])|,\s+(?:but|while|as|when|after|before|because|since|although|which|who|where|whereas|"
    r"saying|adding|stressing|noting|underlining|pointing|according)\b|"
    r"\b(?:said|says|stressed|noted|added|announced|underlined|emphasi[sz]ed|reiterated|insisted|explained|"
    r"stated|highlighted|believes|believed|warned|argued|reported)\s+(?:on\s+\w+\s+)?that\b|"
    r"\s(?:when|while|whereas|because|although|after|before|amid|amidst|despite)\s",
)
# between a list comma and the next party: nothing but "and", "the" or the words of a title/name
_LIST_COMMA = re.compile(r"^\s*(?:and\s+)?(?:the\s+)?(?:(?:[A-Z][\w.'’-]*|bin|ibn|al|of|the|de)\s+){0,8}$")
_WITH_BEFORE = re.compile(
    r"\b(?:with|between|and)\s+(?:the\s+|his\s+|her\s+|their\s+)?(?:[\w.-]+\s+){0,3}$", re.I
)
_CONNECTOR = re.compile(r"^\s*(?:,\s*(?:and\s+)?|and\s+|-|–|&|/)\s*(?:the\s+)?$")
_PRONOUN = re.compile(r"\b(?:he|she|his|her)\b", re.IGNORECASE)
_SUBJECT_PRONOUN = re.compile(r"\b(?:he|she|we|our|I)\b")
_WITH_WORD = re.compile(r"\bwith\b", re.IGNORECASE)
_POSSESSIVE_BEFORE = re.compile(r"\b(?:his|her|their|its|our)\s+$", re.IGNORECASE)
_COUNTERPARTS_AFTER = re.compile(r"\s+(?:counterparts?|peers|colleagues|partners)\b", re.IGNORECASE)


def _segments(info: SentInfo, text: str) -> tuple[list[int], list[int]]:
    """Strong and fine (strong + comma) boundary offsets inside the sentence."""
    lo, hi = info.sent.start, info.sent.end
    strong = [m.start() for m in _STRONG_BOUNDARY.finditer(text, lo, hi)]
    fine = list(strong)
    mentions = info.parties.mentions
    for i in range(lo, hi):
        if text[i] != ",":
            continue
        # a comma inside a list of parties ("Iran, Russia and Turkey") is no boundary
        left = any(0 <= i - m.end <= 1 for m in mentions)
        right = any(m.start > i and _LIST_COMMA.match(text[i + 1 : m.start]) for m in mentions)
        in_date = text[i - 1 : i].isdigit() and text[i + 1 : i + 6].strip()[:4].isdigit()  # "July 14, 2015"
        if not (left and right) and not in_date:
            fine.append(i)
    return sorted(set(strong)), sorted(set(fine))


def _around(bounds: list[int], pos: int, lo: int, hi: int) -> tuple[int, int]:
    a, b = lo, hi
    for x in bounds:
        if x <= pos:
            a = x
        elif x > pos:
            b = x
            break
    return a, b


def _linked(info: SentInfo, a: int, b: int, text: str) -> bool:
    """Whether two parties in text[a:b] are tied to each other ("Iran and Iraq", "talks with X")."""
    ms = [m for m in info.parties.mentions if a <= m.start < b and m.role in ("actor", "partner")]
    for x, y in itertools.pairwise(ms):
        if x.code != y.code and _CONNECTOR.match(text[x.end : y.start]):
            return True
    for m in ms:
        if _WITH_BEFORE.search(text[max(a, m.start - 50) : m.start]):
            return True
    return info.anaphoric


def _cue_parties(
    info: SentInfo, cue: Cue, text: str, bounds: tuple[list[int], list[int]]
) -> tuple[list[str], str, tuple[int, int]]:
    """The parties of a cue: from its clause if that names two, else from its sentence.

    The sentence is searched only when the cue's clause names a party itself, and
    never in other clauses that carry conflict words ("criticized Saudi Arabia
    after it signed a deal with the U.S." has no Iran-U.S. agreement). An intent
    clause about a third country's issue ("to reach an agreement on the Iranian
    nuclear program") does not borrow the sentence's other parties either.
    """
    lo, hi = info.sent.start, info.sent.end
    strong, fine = bounds
    for a, b in (_around(fine, cue.start, lo, hi), _around(strong, cue.start, lo, hi)):
        parties = info.parties.parties(a, b)
        if len(parties) >= 2:
            explicit = info.parties.parties(a, b, weak=False)
            parties = _with_object(info, cue, parties, a, b, text)
            return parties, "explicit" if len(explicit) >= 2 else "resolved", (a, b)
        if parties and cue.type in ("meeting", "intent") and info.parties.destinations(a, b):
            return parties, "explicit", (a, b)  # a visit: the visited place hosts (see build_candidates)
    a, b = _around(strong, cue.start, lo, hi)
    own = info.parties.parties(a, b)
    if not own or info.conflict:
        return own, "explicit", (a, b)  # in a sentence of conflict, only the cue's own clause counts
    if cue.type == "intent" and any(
        a <= m.start < b and m.role in ("topic", "target") and m.code not in own
        for m in info.parties.mentions
    ):
        return own, "explicit", (a, b)
    # other clauses with conflict words, or with a cue of their own, keep their parties
    conflict_segments = [_around(strong, cs, lo, hi) for cs, _ in info.conflict_spans if not (a <= cs < b)]
    conflict_segments += [_around(strong, c.start, lo, hi) for c in info.cues if not (a <= c.start < b)]
    out = list(own)
    for m in info.parties.mentions:
        if m.role not in ("actor", "partner") or m.code in out:
            continue
        if any(x <= m.start < y for x, y in conflict_segments):
            continue
        out.append(m.code)
    return out, "explicit", (lo, hi)


def build_candidates(
    infos: list[SentInfo],
    text: str,
    igo_codes: set[str],
    home: str | None,
    reporting: re.Pattern[str],
) -> list[Candidate]:
    """Candidates from the sentences (steps 2-5 of the module docstring), merged, in text order."""
    cands: list[Candidate] = []
    ctx: tuple[str, ...] = ()
    ctx_pos = -100
    last_trigger: int | None = None
    last_trigger_cands: list[Candidate] = []
    person_state: str | None = None
    for pos, info in enumerate(infos):
        explicit = info.parties.parties(weak=False)
        bounds = _segments(info, text) if info.cues else ([], [])
        made: list[Candidate] = []
        by_type: dict[str, list[Cue]] = {}
        for c in info.cues:
            by_type.setdefault(c.type, []).append(c)
        for type_name in TYPE_ORDER:
            cues = by_type.get(type_name)
            if not cues:
                continue
            strong = any(c.strong for c in cues)
            cue = next((c for c in cues if c.strong), cues[0])
            parties, source, (seg_lo, seg_hi) = _cue_parties(info, cue, text, bounds)
            near_ctx = bool(ctx) and pos - ctx_pos <= 8
            groups: list[list[str]] = []
            # fallbacks when the sentence names fewer than two parties, most specific first
            if len(parties) <= 1 and type_name in ("meeting", "intent"):
                dests = [d for d in info.parties.destinations() if d not in parties]
                if parties and len(dests) >= 2:
                    groups, source = [[parties[0], d] for d in dests], "venue"
                elif parties and dests:
                    parties, source = [*parties, dests[0]], "venue"
            if not groups and len(parties) < 2:
                if near_ctx and (info.anaphoric or info.other_signal or info.continuation):
                    if not parties or set(parties) <= set(ctx):
                        parties, source = list(ctx), "context"
                if (
                    len(parties) == 1
                    and person_state
                    and person_state not in parties
                    and _PRONOUN.search(info.sent.text)
                ):
                    parties, source = [*parties, person_state], "pronoun"
                if len(parties) == 1 and home and home not in parties and info.unmarked:
                    parties, source = [*parties, home], "home"
                if len(parties) == 1 and near_ctx and info.unnamed_person and set(parties) <= set(ctx):
                    parties, source = list(ctx), "context"
                if len(parties) == 1 and type_name == "meeting":
                    hosts = [v.code for v in info.parties.venues() if v.code not in parties]
                    if hosts:
                        parties, source = [*parties, hosts[0]], "venue"
            if not groups:
                if len(set(parties)) < 2:
                    continue
                fine_lo, fine_hi = _around(bounds[1], cue.start, info.sent.start, info.sent.end)
                listed = _counterpart_list(info, seg_lo, seg_hi, text)
                counterparts = _with_list(info, parties, fine_lo, fine_hi, text)
                if listed:
                    others = [
                        m.code
                        for m in info.parties.mentions
                        if m.role == "actor" and m.code not in listed and m.start < cue.start
                    ]
                    subject = others[-1] if others else (person_state or home)
                    if not subject or subject in listed:
                        continue
                    groups, source = [[subject, c] for c in listed], "explicit"
                elif counterparts:
                    before = [
                        m.code
                        for m in info.parties.mentions
                        if info.sent.start <= m.start < fine_lo
                        and m.role == "actor"
                        and m.code not in parties
                    ]
                    subject = before[-1] if before else None
                    if subject is None and _SUBJECT_PRONOUN.search(info.sent.text):
                        subject = person_state
                    subject = subject or home
                    if not subject or subject in parties:
                        continue
                    if type_name == "meeting":  # "X met with A and B": one meeting of all
                        groups, source = [[subject, *parties]], "pronoun"
                    else:  # "X signed deals with A and with B": one deal each
                        groups, source = [[subject, c] for c in parties], "pronoun"
                else:
                    groups = _star(info, parties, seg_lo, seg_hi, type_name, text) or [parties]
            if not strong:
                if type_name == "conference" and not _joint_gathering(info, cue, text):
                    continue
                if _WEAK_VERB.match(cue.text) and not _subject_before(info, cue, seg_lo, text):
                    continue
                if source not in ("explicit", "context") or not _linked(info, seg_lo, seg_hi, text):
                    continue
            for group in groups:
                countries, igos = _split_parties(group, igo_codes)
                if len(countries) + len(igos) < 2 or not countries:
                    continue
                cand = Candidate(type_name, countries, igos, [pos], cue, strong, source)
                d = _event_date(info, cue, text, reporting, bounds)
                if d is not None:
                    cand.dated = True  # a date phrase of its own, even one that cannot be resolved
                    if d.value is not None:
                        cand.date, cand.date_text = d.value, d.phrase
                cand.location = _location(info)
                cand.continued = info.continuation or info.anaphoric or source == "context"
                made.append(cand)
        if made:
            cands.extend(made)
            last_trigger, last_trigger_cands = pos, made
        elif (
            last_trigger is not None
            and pos - last_trigger <= 3
            and (info.continuation or (info.anaphoric and len(explicit) < 2))
        ):
            for cand in last_trigger_cands:
                cand.extra.append(pos)
        if made:
            best = made[0]
            ctx, ctx_pos = tuple(best.countries + best.igos), pos
        elif len(explicit) == 2 and not info.conflict:
            ctx, ctx_pos = tuple(explicit), pos  # a clear pair, not a list of countries
        persons = [m for m in info.parties.mentions if m.kind in ("person", "person-home") and not m.igo]
        if persons:
            person_state = persons[-1].code
    _inherit_dates(cands)
    return _merge(cands)


_WITH_CUE = re.compile(r"(?:with|between)$", re.IGNORECASE)


def _with_object(info: SentInfo, cue: Cue, parties: list[str], a: int, b: int, text: str) -> list[str]:
    """For "X ... talks with Y (and Z)" in a clause naming more: X (nearest before) and Y's list.

    A clause like "Washington appealed to China, Russia ... to persuade Iran to
    enter into talks with the U.S." makes the talks Iran-U.S., not a clique.
    """
    if len(parties) <= 2 or not _WITH_CUE.search(cue.text):
        return parties
    ms = [m for m in info.parties.mentions if a <= m.start < b and m.role in ("actor", "partner")]
    after = [m for m in ms if m.start >= cue.end]
    before = [m for m in ms if m.end <= cue.start]
    if not after or not before:
        return parties
    objs = [after[0]]
    for m in after[1:]:
        if _CONNECTOR.match(text[objs[-1].end : m.start]) or m.code == objs[-1].code:
            objs.append(m)
        else:
            break
    codes = [m.code for m in objs]
    if cue.text.lower().endswith("between") and len(set(codes)) >= 2:
        return list(dict.fromkeys(codes))  # "talks between X and Y": exactly X and Y
    subject = next((m.code for m in reversed(before) if m.code not in codes), None)
    if subject is None:
        return parties
    return [subject, *dict.fromkeys(codes)]


def _subject_before(info: SentInfo, cue: Cue, seg_lo: int, text: str) -> bool:
    """ "Iran and Iraq discussed": parties (or "the two sides") come before a weak verb cue."""
    if any(seg_lo <= m.start < cue.start and m.role in ("actor", "partner") for m in info.parties.mentions):
        return True
    return info.anaphoric and bool(
        re.search(r"\b(?:sides|countries|parties|officials|they)\b", text[seg_lo : cue.start])
    )


def _joint_gathering(info: SentInfo, cue: Cue, text: str) -> bool:
    """A gathering noun ("webinar", "exhibition") names a joint event only when its phrase says so.

    "the Iran-Kazakhstan webinar", "a joint exhibition", "Iranian and Kazakh ...
    seminar", "a workshop between the two", not any conference in a sentence that
    happens to name two countries.
    """
    lo = info.sent.start
    window_lo = max(lo, cue.start - 60)
    before = text[window_lo : cue.start]
    cut = max(before.rfind(","), before.rfind(";"), before.rfind("."))
    if cut >= 0:
        window_lo += cut + 1
        before = before[cut + 1 :]
    if _JOINT_BEFORE.search(before) or _JOINT_AFTER.match(text[cue.end : cue.end + 40]):
        return True
    near = [
        m for m in info.parties.mentions if window_lo <= m.start and m.end <= cue.start and m.role == "actor"
    ]
    return len({m.code for m in near}) >= 2


def _with_list(info: SentInfo, parties: list[str], lo: int, hi: int, text: str) -> bool:
    """Whether the parties are all counterparts of an unnamed subject.

    "signed deals with Kenya and with Uganda", "will visit their German and
    Austrian counterparts": the actor is the sentence's subject, not one of them.
    """
    ms = [m for m in info.parties.mentions if m.code in parties and m.role in ("actor", "partner")]
    if len({m.code for m in ms}) < 2 or any(not (lo <= m.start < hi) for m in ms):
        return False  # the parties come from beyond the cue's own phrase
    return _WITH_WORD.search(text, lo, ms[0].start) is not None


def _counterpart_list(info: SentInfo, lo: int, hi: int, text: str) -> list[str]:
    """ "their German and Austrian counterparts": the states of a possessive counterparts list."""
    ms = [
        m for m in info.parties.mentions if lo <= m.start < hi and m.role == "actor" and m.kind == "demonym"
    ]
    for i, first in enumerate(ms):
        if not _POSSESSIVE_BEFORE.search(text, max(lo, first.start - 12), first.start):
            continue
        group = [first]
        for m in ms[i + 1 :]:
            if _CONNECTOR.match(text[group[-1].end : m.start]):
                group.append(m)
            else:
                break
        if len({m.code for m in group}) >= 2 and _COUNTERPARTS_AFTER.match(text, group[-1].end):
            return list(dict.fromkeys(m.code for m in group))
    return []


def _star(
    info: SentInfo, parties: list[str], lo: int, hi: int, type_name: str, text: str
) -> list[list[str]] | None:
    """Hub-and-spoke events, not a clique.

    "investments by A, B and C in X" are A-X, B-X, C-X (X is the one partner);
    "Iran exports oil to A, B and C" (a material flow from one actor, named first
    and apart, to others) are Iran-A, Iran-B, Iran-C.
    """
    if len(parties) < 3:
        return None
    ms = [m for m in info.parties.mentions if lo <= m.start < hi and m.role in ("actor", "partner")]
    partners = {m.code for m in ms if m.role == "partner"}
    if len(partners) == 1:
        hub = next(iter(partners))
        return [[hub, p] for p in parties if p != hub]
    if type_name not in ("cooperation", "aid") or len(ms) < 3:
        return None
    first = ms[0]
    rest = [m for m in ms[1:] if m.code != first.code]
    if not rest or _CONNECTOR.match(text[first.end : rest[0].start]):
        return None
    return [[first.code, m] for m in dict.fromkeys(x.code for x in rest)]


def _inherit_dates(cands: list[Candidate]) -> None:
    """An event with no date of its own, continuing an occasion, takes that occasion's date and place."""
    for i, cand in enumerate(cands):
        if cand.date is not None or cand.dated:
            continue
        pos = cand.sentences[0]
        for prev in reversed(cands[:i]):
            if pos - prev.sentences[0] > 4:
                break
            if prev.date is None or prev.parties != cand.parties:
                continue
            same_sentence = prev.sentences[0] == pos
            if same_sentence or cand.continued or cand.type == "intent":
                cand.date, cand.date_text = prev.date, prev.date_text
                if cand.location is None:
                    cand.location = prev.location
                break


def _merge(cands: list[Candidate]) -> list[Candidate]:
    """One event per occasion: same type and parties, compatible dates."""
    out: list[Candidate] = []
    for cand in cands:
        target = None
        for ev in out:
            if ev.key != cand.key:
                continue
            if ev.date is None or cand.date is None or ev.date.start == cand.date.start:
                target = ev
                break
        if target is None:
            out.append(cand)
            continue
        target.sentences.extend(p for p in cand.sentences if p not in target.sentences)
        target.extra.extend(p for p in cand.extra if p not in target.extra)
        target.strong = target.strong or cand.strong
        if target.source != "explicit" and cand.source == "explicit":
            target.source = "explicit"
        if target.date is None and cand.date is not None:
            target.date, target.date_text = cand.date, cand.date_text
        if target.location is None:
            target.location = cand.location
    return out


_SOURCE_BONUS = {
    "explicit": 0.15,
    "resolved": 0.05,
    "context": 0.0,
    "pronoun": -0.05,
    "home": -0.05,
    "venue": -0.05,
}


def confidence(cand: Candidate, infos: list[SentInfo]) -> float:
    """A 0..1 score: cue strength, how the parties were found, support, conflict nearby."""
    score = 0.7 if cand.strong else 0.5
    score += _SOURCE_BONUS[cand.source]
    score += min(0.1, 0.05 * (len(cand.sentences) + len(cand.extra) - 1))
    if cand.cue.irrealis:
        score -= 0.05
    if any(infos[p].conflict for p in cand.sentences):
        score -= 0.15
    return round(max(0.05, min(0.99, score)), 2)


def event_id(article_id: str, cand: Candidate, first_evidence_start: int) -> str:
    """Content-based id (no extractor version): same article + same result → same id."""
    payload = json.dumps(
        [
            article_id,
            cand.type,
            list(cand.countries),
            list(cand.igos),
            cand.date.start if cand.date else None,
            first_evidence_start,
        ],
        separators=(",", ":"),
    )
    return "ev-" + hashlib.sha256(payload.encode("utf-8")).hexdigest()[:24]
