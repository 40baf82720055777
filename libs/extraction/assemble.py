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
   a listed group is one multilateral event ("an agreement with A, B and C",
   "between A, B and C") unless the acts are separate ("deals with A and with B",
   "separate talks with A and B"); a gathering attended by participants "from A,
   B and C" is one conference of them and its host (`_participation`);
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
    anaphor_spans: list[tuple[int, int]] = field(default_factory=list)  # "the two sides", "both countries"
    remarks_date: DateMention | None = None  # "He made the remarks in a meeting ...": when they were said


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
    date_kind: str | None = None  # the `DateMention.kind` of the date (None when inherited or absent)
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
        if _OTHER_STAGE.search(text, max(lo, d.start - 45), d.start):
            level = 3  # "(signed in July 2015) which took effect on January 16, 2016": another stage
        precision = _PRECISION_RANK[d.value.precision] if d.value else 3
        key = (level, precision, abs(d.start - cue.start))
        if best is None or key < best:
            best, chosen = key, d
    return chosen


# a date of another stage of an agreement or plan than its signing
_OTHER_STAGE = re.compile(
    r"\b(?:(?:t[oa]ke[sn]?|took|taking)\s+effect|(?:came|come|comes|coming|went|go(?:es)?|entered|enter(?:s|ing)?|"
    r"put)\s+into\s+(?:effect|force|operation))\s+(?:\w+\s+)?$|\b(?:expir\w*|valid\s+(?:until|till|through)|effective\s+(?:from|as\s+of))\s+$",
    re.IGNORECASE,
)


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
    info: SentInfo, cue: Cue, text: str, bounds: tuple[list[int], list[int]], ctx_ok: bool = False
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
    a, b = _around(strong, cue.start, lo, hi)
    between = _between_objects(info, cue, b, text)
    if between is not None:
        # "an agreement between Turkey and Syria": exactly those, whoever else the clause names;
        # "talks between the Syrian government and the Syrian opposition" are domestic
        return between, "explicit" if len(between) >= 2 else "domestic", (a, b)
    if ctx_ok:
        # "the two sides stressed ..." in a clause naming fewer than two: the parties named before,
        # not a list of countries elsewhere in the sentence (annotation rule 2)
        a, b = _around(fine, cue.start, lo, hi)
        own = info.parties.parties(a, b)
        if len(own) < 2 and any(a <= x < b for x, _ in info.anaphor_spans):
            subject = _coordinated_subject(info, text)
            if subject is not None:
                return subject, "explicit", (lo, hi)  # "Tehran and Damascus agreed ... between the two"
            return own, "explicit", (a, b)
    segments = [_around(fine, cue.start, lo, hi)]
    if not info.conflict:  # in a sentence of conflict, only the cue's own phrase
        segments.append(_around(strong, cue.start, lo, hi))
    for a, b in segments:
        parties = info.parties.parties(a, b)
        if len(parties) >= 2:
            explicit = info.parties.parties(a, b, weak=False)
            parties = _with_object(info, cue, parties, a, b, text)
            return parties, "explicit" if len(explicit) >= 2 else "resolved", (a, b)
        if parties and cue.type in ("meeting", "intent") and info.parties.destinations(a, b):
            return parties, "explicit", (a, b)  # a visit: the visited place hosts (see build_candidates)
    if info.conflict:
        # in a sentence of conflict: the cue's own phrase, and phrases of its clause without conflict
        # words ("Lukashenko, for his part, pointed to his last visit to Iran, and said no sanctions ...")
        a, b = _around(strong, cue.start, lo, hi)
        own_lo, own_hi = _around(fine, cue.start, lo, hi)
        out = []
        for m in info.parties.mentions:
            if m.role not in ("actor", "partner") or not (a <= m.start < b) or m.code in out:
                continue
            if not (own_lo <= m.start < own_hi):
                seg_lo, seg_hi = _around(fine, m.start, lo, hi)
                near_lo, near_hi = max(seg_lo, m.start - 60), min(seg_hi, m.end + 60)
                if any(near_lo <= cs < near_hi for cs, _ in info.conflict_spans):
                    continue  # "a territory Israel captured from Syria in the war"
            out.append(m.code)
        return out, "explicit", (a, b)
    a, b = _around(strong, cue.start, lo, hi)
    own = info.parties.parties(a, b)
    if not own:
        return own, "explicit", (a, b)
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
    by_size: dict[int, tuple[tuple[str, ...], int]] = {}  # the last group of n parties, for "the three sides"
    speaker: tuple[str, int] | None = None  # the one state a sentence named, and where
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
            near_ctx = bool(ctx) and pos - ctx_pos <= 8
            parties, source, (seg_lo, seg_hi) = _cue_parties(info, cue, text, bounds, near_ctx)
            if source == "domestic":
                continue
            groups: list[list[str]] = []
            # fallbacks when the sentence names fewer than two parties, most specific first
            if len(parties) <= 1 and type_name in ("meeting", "intent"):
                dests = [d for d in info.parties.destinations() if d not in parties]
                if parties and len(dests) >= 2:
                    groups, source = [[parties[0], d] for d in dests], "venue"
                elif parties and dests:
                    parties, source = [*parties, dests[0]], "venue"
            numbered = _NUMBERED.search(info.sent.text)
            if not groups and numbered:
                # "the three sides agreed ...": the last group of three named
                size = _NUMBER_WORDS[numbered.group(1).lower()]
                group_ctx = by_size.get(size)
                if (
                    group_ctx
                    and pos - group_ctx[1] <= 8
                    and len(parties) < size
                    and set(parties) <= set(group_ctx[0])
                ):
                    parties, source = list(group_ctx[0]), "context"
            if not groups and len(parties) < 2:
                dual = any(_DUAL.search(text, x, y) for x, y in info.anaphor_spans)
                if (
                    near_ctx
                    and (info.anaphoric or info.other_signal or info.continuation)
                    and not (dual and len(ctx) != 2)
                ):
                    # ("the two countries" never stands for a group of four)
                    if not parties or set(parties) <= set(ctx):
                        parties, source = list(ctx), "context"
                if (
                    len(parties) == 1
                    and person_state
                    and person_state not in parties
                    and _PRONOUN.search(info.sent.text)
                ):
                    parties, source = [*parties, person_state], "pronoun"
                if (
                    len(parties) == 1
                    and speaker is not None
                    and speaker[1] == pos - 1
                    and speaker[0] not in parties
                    and _PRONOUN_OPENER.match(info.sent.text)
                ):
                    # "The Georgian minister said ... . He made the remarks in a meeting with his
                    # Armenian counterpart": "he" is the one state the sentence before named
                    parties, source = [*parties, speaker[0]], "pronoun"
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
                    if not subject and type_name != "meeting":
                        continue
                    if not subject or subject in parties:
                        # "In a meeting with X's envoy, Y said ...": the envoy's and the speaker's states
                        speech = _SPEECH_VERB.search(text, cue.end, info.sent.end)
                        stop = speech.start() if speech else info.sent.end
                        groups = [
                            list(
                                dict.fromkeys(
                                    m.code
                                    for m in info.parties.mentions
                                    if fine_lo <= m.start < stop and m.role in ("actor", "partner")
                                )
                            )
                        ]
                    elif (
                        type_name == "meeting"
                        and not _SEPARATE.search(text, max(info.sent.start, cue.start - 30), cue.end)
                        and not _many_countries_before(info, parties, text)
                    ) or _one_multilateral(cue, info, fine_lo, fine_hi, text):
                        # "X met with A and B": one meeting of all; "signed an agreement with six
                        # powers including A, B and C": one multilateral agreement
                        groups, source = [[subject, *parties]], "pronoun"
                    else:  # "X signed deals with A and with B": one deal each
                        groups, source = [[subject, c] for c in parties], "pronoun"
                else:
                    groups = (
                        _subject_with(info, cue, fine_lo, fine_hi, text)
                        or _star(info, parties, seg_lo, seg_hi, type_name, text, cue.text)
                        or [parties]
                    )
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
                d = _event_date(info, cue, text, reporting, bounds) or info.remarks_date
                if d is not None:
                    cand.dated = True  # a date phrase of its own, even one that cannot be resolved
                    if d.value is not None:
                        cand.date, cand.date_text, cand.date_kind = d.value, d.phrase, d.kind
                cand.location = _location(info)
                cand.continued = info.continuation or info.anaphoric or source == "context"
                made.append(cand)
        fair = _participation(infos, pos, text, home, igo_codes)
        if fair is not None and not any(c.type == fair.type and c.parties >= fair.parties for c in made):
            made = [c for c in made if not (c.type == fair.type and c.parties < fair.parties)]
            made.append(fair)
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
        for group_parties in [tuple(c.countries + c.igos) for c in made] + (
            [tuple(explicit)] if not info.conflict else []
        ):
            if len(group_parties) >= 3:
                by_size[len(group_parties)] = (group_parties, pos)
        if made:
            best = made[0]
            ctx, ctx_pos = tuple(best.countries + best.igos), pos
        elif len(explicit) == 2 and not info.conflict:
            ctx, ctx_pos = tuple(explicit), pos  # a clear pair, not a list of countries
        persons = [m for m in info.parties.mentions if m.kind in ("person", "person-home") and not m.igo]
        if persons:
            person_state = persons[-1].code
        states = {
            m.code
            for m in info.parties.mentions
            if m.role == "actor"
            and not m.igo
            and (m.kind == "person" or (m.kind == "demonym" and _TITLE_AFTER.match(text, m.end)))
        }
        speaker = (next(iter(states)), pos) if len(states) == 1 else None
    _inherit_dates(cands)
    return _merge(cands)


_WITH_CUE = re.compile(r"(?:with|between)$", re.IGNORECASE)
_SPEECH_VERB = re.compile(
    r"\b(?:said|says|told|stated|added|noted|stressed|underlined|emphasi[sz]ed|highlighted|advised|urged|called|"
    r"expressed|described|pointed|announced|warned|asserted|declared|reiterated)\b"
)
_TITLE_AFTER = re.compile(
    r"\s+(?:[\w-]+\s+){0,3}?(?:minister|president|ambassador|envoy|official|diplomat|spokes\w+|chief|head|"
    r"commander|premier|king|leader|secretary|chancellor|governor|speaker|deputy|director)\b",
    re.IGNORECASE,
)
_DUAL = re.compile(r"\b(?:two|2|both)\b", re.IGNORECASE)
_PRONOUN_OPENER = re.compile(r"\W*(?:He|She)\s")
_SEPARATE = re.compile(r"\bseparate(?:ly)?\b", re.IGNORECASE)
# "negotiated with different countries including A, B and C": one by one
_MANY_COUNTRIES = re.compile(
    r"\s*(?:the\s+)?(?:different|various|several|many|numerous|other|\d+|a\s+number\s+of)\s+(?:\w+\s+)?"
    r"(?:countries|states|nations|governments),?\s+(?:including|such\s+as|like|namely)\s+(?:the\s+)?$",
    re.IGNORECASE,
)
_NUMBER_WORDS = {"three": 3, "four": 4, "five": 5, "six": 6}
_NUMBERED = re.compile(
    r"\b(?:the|all|both)\s+(three|four|five|six)\s+(?:sides|countries|nations|parties|states|governments|neighbou?rs)\b",
    re.IGNORECASE,
)

# A gathering that foreign participants attend: fairs, exhibitions, shows, festivals, conferences.
_GATHERING = re.compile(
    r"\b(?:exhibitions?|expos?|fairs?|fairgrounds?|(?:air|trade|auto|motor|food|fashion)\s+shows?|festivals?|"
    r"conferences?|congress(?:es)?|symposi(?:um|a)|biennials?|olympiads?)\b",
    re.IGNORECASE,
)
# "30 companies from Germany, Italy and Russia", "scholars from around the world, including Iran, ..."
_PARTICIPANTS_FROM = re.compile(
    r"(?:\bwith\s+the\s+(?:participation|presence)\s+of\s+(?:(?:[\w-]+\s+){0,3}(?:from|of)\s+)?"
    r"|\b(?:companies|firms|exhibitors|participants|publishers|delegations|representatives|scholars|"
    r"researchers|experts|scientists|universities|teams|artists|filmmakers|academics|professors|"
    r"brands|manufacturers|producers|businesses|entrepreneurs|guests|speakers)\s+from\s+"
    # "ministers of Iraq, Oman and Qatar ... participated": only with a verb of attending (see below)
    r"|\b(?P<of>ministers|officials|envoys|representatives|delegations)\s+of\s+)"
    r"(?:(?:some\s+|over\s+|more\s+than\s+)?\d+\s+(?:\w+\s+)?countries|around\s+the\s+world|across\s+the\s+world|"
    r"(?:\w+\s+){0,2}countries)?,?\s*(?:(?:including|such\s+as|like|namely|among\s+them)\s+)?(?:the\s+)?$",
    re.IGNORECASE,
)
# "Italian publishing firms are participating", "Italy is the special guest"
_DEMONYM_PARTICIPANTS = re.compile(
    r"\s+(?:[a-z-]+\s+){0,2}(?:companies|firms|exhibitors|publishers|publishing\s+houses|"
    r"teams?|scholars|researchers|artists|filmmakers|universities|brands|manufacturers|pavilions?)\b",
)
_GUEST_AFTER = re.compile(
    r"\s+(?:is|was|will\s+be|has\s+been)\s+(?:the\s+)?(?:special\s+|honou?red\s+)?guest(?:\s+of\s+honou?r)?\b",
    re.IGNORECASE,
)
_ATTENDING = re.compile(
    r"\b(?:attend\w*|participat\w*|tak(?:e|es|ing)\s+part|took\s+part|present\s+at|showcas\w*|exhibit\w*|"
    r"held\s+with|special\s+guest|guest\s+of\s+honou?r)\b",
    re.IGNORECASE,
)
_LIST_SEP = re.compile(r"^\s*(?:,\s*(?:and\s+)?|and\s+|&\s+|plus\s+)(?:the\s+)?$")
# a participants list goes on: "..., as well as deputy ministers of Azerbaijan, along with delegations from"
_PARTICIPANTS_SEP = re.compile(
    r"^\s*(?:,\s*(?:and\s+)?|and\s+|&\s+|plus\s+|,?\s*(?:as\s+well\s+as|along\s+with|together\s+with)\s+)"
    r"(?:(?:[a-z-]+\s+){1,3}(?:from|of)\s+)?(?:the\s+)?$"
)
# the participation is yet to happen: "are expected to attend", "have been invited to"
_FUTURE_PARTICIPATION = re.compile(
    r"\b(?:will|would|shall|expected\s+to|scheduled\s+to|slated\s+to|set\s+to|invited\s+to|plan(?:s|ning)?\s+to)"
    r"\s+(?:\w+\s+){0,2}?(?:attend|participate|take\s+part|be\s+present|showcase|exhibit|join)\b"
    r"|\b(?:will|to)\s+be\s+(?:held|organi[sz]ed|staged)\b",
    re.IGNORECASE,
)


def _participation(
    infos: list[SentInfo], pos: int, text: str, home: str | None, igo_codes: set[str]
) -> Candidate | None:
    """A gathering attended by participants from listed states: one `conference` of them and the host.

    "The fair is held with 30 companies from Germany, Italy and Japan participating"
    (annotation rule 8: companies and scholars act for their states), "Italian
    publishers are attending the book fair", "Italy is the special guest". The
    gathering is named in the sentence or in the two before it; the host is the
    state of its venue, else the dateline's state.
    """
    info = infos[pos]
    lo, hi = info.sent.start, info.sent.end
    here = _GATHERING.search(text, lo, hi)
    if here is None:
        if not _ATTENDING.search(text, lo, hi):
            return None
        if not any(
            _GATHERING.search(text, infos[p].sent.start, infos[p].sent.end)
            for p in range(max(0, pos - 2), pos)
        ):
            return None
    states = [m for m in info.parties.mentions if not m.igo and m.role in ("actor", "partner", "venue")]
    listed: list[str] = []
    for i, m in enumerate(states):
        intro = _PARTICIPANTS_FROM.search(text, max(lo, m.start - 90), m.start)
        if intro and intro.group("of") and not _ATTENDING.search(text, lo, hi):
            intro = None
        if m.kind in ("country", "capital") and intro:
            group = [m]
            for n in states[i + 1 :]:
                if _PARTICIPANTS_SEP.match(text[group[-1].end : n.start]):
                    group.append(n)
                else:
                    break
            listed.extend(x.code for x in group)
        elif (
            m.kind == "demonym"
            and _DEMONYM_PARTICIPANTS.match(text, m.end)
            and _ATTENDING.search(text, lo, hi)
        ):
            listed.append(m.code)
        elif m.kind == "country" and _GUEST_AFTER.match(text, m.end):
            listed.append(m.code)
    if not listed:
        return None
    host = None
    for p in range(pos, max(-1, pos - 3), -1):
        venues = [v for v in infos[p].parties.venues() if v.code]
        if venues and (p == pos or _GATHERING.search(text, infos[p].sent.start, infos[p].sent.end)):
            host = venues[0].code
            break
    host = host or home
    codes = list(dict.fromkeys([*([host] if host else []), *listed]))
    countries, igos = _split_parties(codes, igo_codes)
    if len(countries) < 2:
        return None
    cue_at = here or _ATTENDING.search(text, lo, hi)
    assert cue_at is not None
    future = _FUTURE_PARTICIPATION.search(text, lo, hi) is not None
    etype = "intent" if future else "conference"
    cue = Cue(cue_at.start(), cue_at.end(), etype, True, cue_at.group(0), irrealis=future)
    cand = Candidate(etype, countries, igos, [pos], cue, True, "explicit")
    cand.location = _location(info)
    return cand


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


_SUBJECT_VERB = re.compile(
    r"\s+(?:also\s+)?(?:have|has|had|are|were|is|was|will|would|can|could|agreed|signed|decided|discussed|held|met|"
    r"stressed|called|pledged|vowed|expressed)\b"
)


def _coordinated_subject(info: SentInfo, text: str) -> list[str] | None:
    """ "Tehran and Damascus have agreed ...": a pair of states as the sentence's subject."""
    ms = [m for m in info.parties.mentions if m.role in ("actor", "partner")]
    for x, y in itertools.pairwise(ms):
        if x.code != y.code and _CONNECTOR.match(text[x.end : y.start]) and _SUBJECT_VERB.match(text, y.end):
            return [x.code, y.code]
    return None


# "between the delegation of Caracas and ...", "between the foreign ministers of"
_BETWEEN_LEAD = re.compile(r"^\s*(?:the\s+)?(?:(?-i:[a-z][\w-]*)\s+){0,3}?(?:(?:of|from)\s+(?:the\s+)?)?$")


def _between_objects(info: SentInfo, cue: Cue, hi: int, text: str) -> list[str] | None:
    """The coordinated parties right after a cue ending in "between" ("agreement between A, B and C")."""
    if not cue.text.lower().endswith("between"):
        return None
    ms = [m for m in info.parties.mentions if cue.end <= m.start < hi and m.role in ("actor", "partner")]
    if not ms or not _BETWEEN_LEAD.match(text[cue.end : ms[0].start]):
        return None
    objs = [ms[0]]
    for m in ms[1:]:
        gap = text[objs[-1].end : m.start]
        loose = len(gap) < 80 and re.search(r"\band\b", gap) and not re.search(r"[,;:.]\s", gap)
        if m.code == objs[-1].code or _CONNECTOR.match(gap) or _LIST_SEP.match(gap) or loose:
            objs.append(m)  # "between Iran's DoE and this company based in the Netherlands"
        else:
            break
    if len(objs) < 2:
        return None  # a lone object ("between Iran and the P5+1") says nothing
    return list(dict.fromkeys(m.code for m in objs))


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


_SINGULAR_DEAL = re.compile(
    r"\b(?:an?|the)\s+(?:[\w-]+\s+){0,4}?(?:agreement|deal|accord|treaty|pact|memorandum|MoU|MOU|contract|"
    r"protocol|convention|charter|declaration)\b(?!\s+of\s+understanding\s+and)",
)


def _one_multilateral(cue: Cue, info: SentInfo, lo: int, hi: int, text: str) -> bool:
    """ "signed an agreement with A, B and C" is one agreement of all; "deals with A and with B" are not."""
    if cue.type != "agreement" or not _SINGULAR_DEAL.search(cue.text):
        return False
    return len(_WITH_WORD.findall(text, cue.start, max(hi, cue.end))) <= 1


def _many_countries_before(info: SentInfo, parties: list[str], text: str) -> bool:
    """ "with different countries including A, B and C" before the first listed party."""
    first = next((m for m in info.parties.mentions if m.code in parties), None)
    if first is None:
        return False
    w = _WITH_WORD.search(text, max(info.sent.start, first.start - 80), first.start)
    return w is not None and _MANY_COUNTRIES.match(text, w.end(), first.start) is not None


def _subject_with(info: SentInfo, cue: Cue, lo: int, hi: int, text: str) -> list[list[str]] | None:
    """ "Kenya signed deals with Uganda and with Tanzania", "held separate talks with A and B": one each.

    The subject named before "with" pairs with each party after it, unless the
    phrase is one multilateral act ("an agreement with A and B", "met with A and B").
    """
    w = _WITH_WORD.search(text, cue.start, hi)
    if w is None or _JOINT_CUE.match(cue.text):
        return None
    before = [m for m in info.parties.mentions if lo <= m.start < w.start() and m.role == "actor"]
    after = [m for m in info.parties.mentions if w.end() <= m.start < hi and m.role in ("actor", "partner")]
    if not before or not after:
        return None
    subject = before[-1].code
    others = [c for c in dict.fromkeys(m.code for m in after) if c != subject]
    if len(others) < 2:
        return None
    separate = (
        _SEPARATE.search(text, max(info.sent.start, cue.start - 30), w.start()) is not None
        or _MANY_COUNTRIES.match(text, w.end(), after[0].start) is not None
    )
    repeated = len(_WITH_WORD.findall(text, w.start(), hi)) > 1 and re.search(
        r"\band\s+with\b", text[w.start() : hi], re.IGNORECASE
    )
    plural = cue.type == "agreement" and _PLURAL_DEALS.search(cue.text) is not None
    if not (separate or repeated or plural):
        return None  # "X met with A and B", "signed the JCPOA with A, B and C": one act of all
    return [[subject, c] for c in others]


_PLURAL_DEALS = re.compile(
    r"\b(?:agreements|deals|accords|treaties|pacts|memorand(?:a|ums)|MoUs|MOUs|contracts|protocols|documents)\b"
)


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


_JOINT_CUE = re.compile(r"with the\b", re.IGNORECASE)


def _star(
    info: SentInfo, parties: list[str], lo: int, hi: int, type_name: str, text: str, cue_text: str = ""
) -> list[list[str]] | None:
    """Hub-and-spoke events, not a clique.

    "investments by A, B and C in X" are A-X, B-X, C-X (X is the one partner);
    "Iran exports oil to A, B and C" (a material flow from one actor, named first
    and apart, to others) are Iran-A, Iran-B, Iran-C.
    """
    if len(parties) < 3 or _JOINT_CUE.match(cue_text):
        return None  # "compiled with the cooperation of A, B and C": one joint activity of all
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


_HAS_YEAR = re.compile(r"\b(?:19|20)\d\d\b")


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
            # an intent voiced at an occasion dated relative to publication ("on Sunday") shares its
            # date; a past occasion with its own year ("in 2006", "in March 2021") is another occasion
            recent = (
                prev.date_kind is not None
                and prev.date_kind != "rel"
                and not _HAS_YEAR.search(prev.date_text or "")
            )
            if same_sentence or cand.continued or (cand.type == "intent" and recent):
                cand.date, cand.date_text = prev.date, prev.date_text
                if cand.location is None:
                    cand.location = prev.location
                break


def _same_occasion_dates(a: Candidate, b: Candidate) -> bool:
    """Whether two candidates' dates allow one occasion.

    Equal dates do; so does a date and no date, unless the undated one has a date
    phrase of its own that could not be resolved ("on Monday" with no publication
    date beside "in 2006": two visits, not one).
    """
    if a.date is not None and b.date is not None:
        return a.date.start == b.date.start
    if a.date is None and b.date is None:
        return True
    undated = a if a.date is None else b
    return not undated.dated


def _merge(cands: list[Candidate]) -> list[Candidate]:
    """One event per occasion: same type and parties, compatible dates."""
    out: list[Candidate] = []
    for cand in cands:
        target = None
        for ev in out:
            if ev.key != cand.key:
                continue
            if _same_occasion_dates(ev, cand):
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
            target.date, target.date_text, target.date_kind = cand.date, cand.date_text, cand.date_kind
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
