"""Coalitions founded by listed states: one `cooperation` of all the founders (an `agreement` when the thing
founded is an organisation: its founding charter).

"The founding members of the group are A, B and C", "the alliance's founder states
include A and B": the sentence lists the founders of a group, coalition, alliance
or bloc, and their founding it is one act of all of them (the annotators code a
coalition as one `cooperation` clique). "Other founding members ... are D and E"
adds the states named as founders in the sentences up to two before that tell of
the forming ("Iran joined a group of countries in forming a coalition", "Cuba,
Bolivia, Iran and others are looking for backing for a coalition").
"""

from __future__ import annotations

import re
from collections.abc import Collection, Mapping

from libs.extraction.candidates import (
    AGREEMENT,
    COOPERATION,
    EXPLICIT,
    Candidate,
    SentenceInfo,
    split_parties,
)
from libs.extraction.clauses import LIST_SEPARATOR, list_runs
from libs.extraction.mention_roles import PLACE_ROLES, PartyMention
from libs.extraction.occasions import event_location
from libs.extraction.quantities import WORD_NUMBERS
from libs.extraction.triggers import Cue, motion_named_before

_BODY = r"(?:group|coalition|alliance|bloc|organi[sz]ation|forum|initiative|union|club|front)"
_FOUNDERS = re.compile(
    r"\b(?:founding|founder)\s+(?:members?|states|countries|nations|parties)\s+"
    rf"(?:of\s+(?:the|this|that|a|an|its)\s+(?:[\w-]+\s+){{0,3}}?{_BODY}\s+)?"
    r"(?:are|were|include|included|includes|including)\s",
    re.IGNORECASE,
)
_OTHERS = re.compile(r"\b(?:other|remaining|further|the\s+rest\s+of\s+the)\s+$", re.IGNORECASE)
_FORMING = re.compile(
    r"\b(?:form(?:ed|ing|s)?|found(?:ed|ing|s)?|launch(?:ed|ing|es)?|creat(?:ed|ing|es)|set\s+up|"
    rf"establish(?:ed|ing|es)?|support\s+for)\s+(?:a|an|the)\s+(?:[\w-]+\s+){{0,3}}?{_BODY}\b",
    re.IGNORECASE,
)
FORMING_REACH = 2  # sentences before the founders' list where the forming may be told

# a thing founded, drafted or brokered by listed states, one joint act of all of them: "an agreement drafted by
# A, B and C", "ECO was established in 1985 by A, B and C", "talks brokered by A, B and C", "an initiative by
# A and B"; and the listed states as its subject: "A, B and C brokered a peace initiative"
_MADE = (
    r"(?:drafted|brokered|mediated|established|founded|set\s+up|introduced|initiated|co-?sponsored|formed)"
)
_MADE_BY = re.compile(
    rf"\b(?:{_MADE}|(?:an?|the|joint)\s+initiative)"
    r"(?:\s+(?:jointly|together|in\s+\d{4}|in\s+(?-i:[A-Z])[\w-]+|on\s+\w+\s+\d{1,2},?\s+\d{4}),?){0,2}\s+by\s+(?:the\s+)?"
    # "founded by the leaders of A, B and C"
    r"(?:(?:leaders|heads\s+of\s+state|presidents|governments|(?:foreign\s+)?ministers)\s+of\s+(?:the\s+)?)?",
    re.IGNORECASE,
)
_MADE_AFTER = re.compile(
    rf"\s+(?:(?:have|has|had|jointly|together)\s+){{0,2}}(?:{_MADE}|created)\s+(?:a|an|the)\b", re.IGNORECASE
)
_MADE_WORD = re.compile(rf"\b(?:{_MADE}|created|initiative)\b", re.IGNORECASE)
# an organisation founded by the listed states ("ECO was established in 1985 by A, B and C", "the bloc was founded
# by the leaders of A and B"): its founding charter is an `agreement` of the founders, not a joint activity
_FOUNDING = re.compile(r"(?:established|founded|set\s+up|formed)\b", re.IGNORECASE)
_ORGANISATION = re.compile(r"\b(?:organi[sz]ations?|blocs?|alliances?|unions?)\b", re.IGNORECASE)


# a founding told of the states the sentence before listed ("A, B, C and D are the council's members. Those four
# states founded it in 1981", "These countries called for the establishment of the bloc"): a number word, when
# given, must count the list
_LISTED_FOUNDERS = re.compile(
    r"\b(?:(?:those|these)(?:\s+(?P<n>[a-z]+))?|the\s+(?P<m>[a-z]+))\s+(?:states|countries|nations)\s+"
    r"(?:(?:officially|formally|jointly|had|have|then|first)\s+)?"
    r"(?:founded|established|formed|set\s+up|called\s+for\s+(?:the\s+)?establishment\s+of)\s+(?:the|a|an|its)\b",
    re.IGNORECASE,
)


def founders_named(text: str) -> bool:
    """Whether the text lists founders of something (the extractor's cheap gate lets it through)."""
    return any(p.search(text) is not None for p in (_FOUNDERS, _MADE_WORD, _LISTED_FOUNDERS))


def _state_lists(info: SentenceInfo, text: str, igo_codes: Collection[str]) -> list[list[PartyMention]]:
    """The runs of state mentions (parties, not places) joined only by commas and "and" ("A, B and C")."""
    states = [m for m in info.parties.mentions if m.role not in PLACE_ROLES and m.code not in igo_codes]
    return list_runs(states, text, LIST_SEPARATOR.fullmatch)


def _organisation_founded(
    info: SentenceInfo, text: str, made: re.Match[str], igo_codes: Collection[str]
) -> bool:
    """Whether `made` ("founded ... by") tells the founding of an organisation named before it in the sentence:
    an IGO ("The SCO was founded by") or a bloc noun ("the economic bloc was founded in 1985 by")."""
    if _FOUNDING.match(made.group(0)) is None:
        return False
    lo = info.sent.start
    named = any(m.code in igo_codes and lo <= m.start < made.start() for m in info.parties.mentions)
    return named or _ORGANISATION.search(text, lo, made.start()) is not None


def _made_by(info: SentenceInfo, text: str, igo_codes: Collection[str]) -> tuple[list[str], Cue] | None:
    """The states a sentence names as the joint authors of a founding, draft or brokering, and its cue:
    a list of two or more right after "drafted by" (not of a resolution: `triggers.motion_named_before`), or of three or more
    as the subject of "brokered a"."""
    for run in _state_lists(info, text, igo_codes):
        codes = list(dict.fromkeys(m.code for m in run))
        before = _MADE_BY.search(text, max(info.sent.start, run[0].start - 60), run[0].start)
        if before is not None and before.end() == run[0].start and len(codes) >= 2:
            if motion_named_before(text, info.sent.start, before.start()):
                continue
            kind = AGREEMENT if _organisation_founded(info, text, before, igo_codes) else COOPERATION
            return codes, Cue(before.start(), before.end(), kind, True, before.group(0))
        after = _MADE_AFTER.match(text, run[-1].end)
        if after is not None and len(codes) >= 3:
            return codes, Cue(after.start(), after.end(), COOPERATION, True, after.group(0))
    return None


def _states(info: SentenceInfo, lo: int, hi: int, igo_codes: Collection[str]) -> list[str]:
    """The states named as parties (not places) in text[lo:hi] of the sentence."""
    return [
        m.code
        for m in info.parties.mentions
        if lo <= m.start < hi and m.role not in PLACE_ROLES and m.code not in igo_codes
    ]


def _earlier_founders(
    infos: list[SentenceInfo], pos: int, text: str, igo_codes: Collection[str]
) -> list[str]:
    """The states of the sentences before `pos` (up to `FORMING_REACH`) that tell of the forming."""
    out: list[str] = []
    for info in infos[max(0, pos - FORMING_REACH) : pos]:
        if _FORMING.search(text, info.sent.start, info.sent.end):
            out.extend(_states(info, info.sent.start, info.sent.end, igo_codes))
    return out


def _founded_by_listed(
    infos: list[SentenceInfo], pos: int, text: str, igo_codes: Collection[str]
) -> tuple[list[str], Cue] | None:
    """The states listed in the sentence before `pos` (three or more) when the sentence at `pos` tells of their
    founding something as "those (N) states" (`_LISTED_FOUNDERS`), and the founding's cue: an `agreement` when
    an organisation is founded (an IGO or a bloc noun after the cue), else a `cooperation`."""
    info = infos[pos]
    found = _LISTED_FOUNDERS.search(text, info.sent.start, info.sent.end) if pos else None
    if found is None:
        return None
    word = found.group("n") or found.group("m")
    size = WORD_NUMBERS.get(word.lower()) if word else None
    if word and size is None:
        return None
    for run in _state_lists(infos[pos - 1], text, igo_codes):
        codes = list(dict.fromkeys(m.code for m in run))
        if len(codes) >= 3 and (size is None or len(codes) == size):
            named = any(m.code in igo_codes and m.start >= found.end() for m in info.parties.mentions)
            organisation = named or _ORGANISATION.search(text, found.end(), info.sent.end) is not None
            kind = AGREEMENT if organisation else COOPERATION
            return codes, Cue(found.start(), found.end(), kind, True, found.group(0))
    return None


def coalition_candidates(
    infos: list[SentenceInfo],
    pos: int,
    text: str,
    igo_codes: Collection[str],
    groups: Mapping[str, tuple[str, ...]],
) -> list[Candidate]:
    """The founding of a coalition whose founders the sentence at `pos` lists (module docstring)."""
    info = infos[pos]
    found = _FOUNDERS.search(text, info.sent.start, info.sent.end)
    if found is None:
        made = _made_by(info, text, igo_codes) or _founded_by_listed(infos, pos, text, igo_codes)
        if made is None:
            return []
        listed, cue = made
        countries, igos = split_parties(listed, igo_codes, groups)
        if len(countries) < 2:
            return []
    else:
        listed = _states(info, found.end(), info.sent.end, igo_codes)
        if _OTHERS.search(text, max(info.sent.start, found.start() - 30), found.start()):
            listed = _earlier_founders(infos, pos, text, igo_codes) + listed
        countries, igos = split_parties(list(dict.fromkeys(listed)), igo_codes, groups)
        if len(countries) < 3:
            return []
        cue = Cue(found.start(), found.end(), COOPERATION, True, found.group(0))
    cand = Candidate(cue.type, countries, igos, [pos], cue, True, EXPLICIT)
    cand.location = event_location(info)
    return [cand]
