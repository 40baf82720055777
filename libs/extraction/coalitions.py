"""Coalitions founded by listed states: one `cooperation` of all the founders (an `agreement` when the thing
founded is an organisation: its founding charter).

"The founding members of the group are A, B and C", "the alliance's founder states
include A and B": the sentence lists the founders of a group, coalition, alliance
or bloc, and their founding it is one act of all of them (the annotators code a
coalition as one `cooperation` clique). "Other founding members ... are D and E"
adds the states named as founders in the sentences up to two before that tell of
the forming ("Iran joined a group of countries in forming a coalition", "Cuba,
Bolivia, Iran and others are looking for backing for a coalition").
The members of a coalition led by a state named with it ("X formed a coalition, also
joined by A, B and C", "X leads the alliance. A and B also belong to this alliance")
are one `cooperation` with the leader (`_coalition_members`, round 47).
"""

from __future__ import annotations

import re
from collections.abc import Collection, Mapping

from libs.extraction.candidates import (
    AGREEMENT,
    COOPERATION,
    EXPLICIT,
    INTENT,
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


# the members of a coalition led by a state named with it (round 47): "The U.S. formed a maritime coalition, also
# joined by A, B and C", "the Saudi-led coalition, which includes A and B", "X leads the military alliance. A, B
# and C also belong to this alliance": one `cooperation` of the leader and the members (an `intent` when they are
# only to join), as the sets code a coalition (blind_13, 45, 47); without a leader named, a list of members is a
# membership, not an act (rounds 10-12)
_ALLIANCE = r"(?:coalition|alliance)"
# the members after the coalition: "coalition, also joined by", "coalition, which includes", "alliance consisting of"
_MEMBERS_AFTER_COALITION = re.compile(
    rf"\b{_ALLIANCE}(?:\s+(?:in|against|of|for)\s+(?:the\s+)?(?-i:[A-Z])[\w-]*)?,?\s+"
    r"(?:which\s+(?:is\s+|was\s+|has\s+been\s+)?|that\s+(?:is\s+|was\s+)?)?"
    r"(?:(?:will|would|is\s+to|is\s+set\s+to)\s+(?:also\s+)?be\s+)?(?:also\s+|now\s+)?"
    r"(?:joined\s+by|includ(?:es|ed|ing)|consist(?:s|ed|ing)?\s+of|compris(?:es|ed|ing)|made\s+up\s+of)\s+"
    r"(?:the\s+)?$",
    re.IGNORECASE,
)
# the members before it: "A, B and C also belong to this (military) alliance", "... are also members of the
# coalition", "... have joined the coalition" is a cue of its own (`discourse._coalition_leader`)
_MEMBERS_BEFORE_COALITION = re.compile(
    r"\s+(?:also\s+)?(?:belong(?:s|ed)?\s+to|(?:are|were)\s+(?:also\s+)?(?:members?|part)\s+of)\s+"
    rf"(?:this|that|the|its)\s+(?:[\w-]+\s+){{0,3}}?{_ALLIANCE}\b",
    re.IGNORECASE,
)
# the leader: "the Saudi-led coalition", "Saudi Arabia leads the military alliance", "The U.S. recently formed a
# coalition", "the Saudi regime heads the alliance"
_LED_ALLIANCE = re.compile(rf"-led\s+(?:[\w-]+\s+){{0,3}}?{_ALLIANCE}\b", re.IGNORECASE)
_LEADS_ALLIANCE = re.compile(
    r"(?:\s+(?:regime|government|kingdom|administration))?(?:\s+(?:recently|has|have|had|then|now|also))*\s+"
    r"(?:leads|led|heads|headed|formed|forms|launched|created|set\s+up|established|built)\s+"
    rf"(?:an?|the|its)\s+(?:[\w-]+\s+){{0,3}}?{_ALLIANCE}\b",
    re.IGNORECASE,
)
# members only to join: "agreed to join", "will join", "invited to join"
_TO_JOIN = re.compile(r"\b(?:will|would|to|may|might|could)\s+(?:also\s+)?(?:be\s+)?join", re.IGNORECASE)
LEADER_REACH = 1  # sentences before the members' where the leader may be named


def founders_named(text: str) -> bool:
    """Whether the text lists founders of something or a coalition's members (the extractor's cheap gate lets it
    through)."""
    return any(
        p.search(text) is not None
        for p in (_FOUNDERS, _MADE_WORD, _LISTED_FOUNDERS, _LED_ALLIANCE, _MEMBERS_BEFORE_COALITION)
    )


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


def _alliance_leader(
    infos: list[SentenceInfo], pos: int, text: str, igo_codes: Collection[str]
) -> str | None:
    """The state the sentence at `pos` or the one before names as leading or forming a coalition or alliance
    ("the Saudi-led coalition", "the U.S. formed a coalition"), the nearest first."""
    for info in reversed(infos[max(0, pos - LEADER_REACH) : pos + 1]):
        for m in info.parties.mentions:
            if m.code and m.code not in igo_codes and m.role not in PLACE_ROLES:
                if _LED_ALLIANCE.match(text, m.end) or _LEADS_ALLIANCE.match(text, m.end):
                    return m.code
    return None


def _alliance_members(
    info: SentenceInfo, text: str, igo_codes: Collection[str]
) -> tuple[list[str], Cue] | None:
    """The states a sentence lists (two or more) as the members of a coalition or alliance, after it ("coalition,
    also joined by A, B and C") or before it ("A and B also belong to this alliance"), and the cue (the words
    that make them members: a `cooperation`, an `intent` when they are only to join)."""
    lo = info.sent.start
    for run in _state_lists(info, text, igo_codes):
        codes = list(dict.fromkeys(m.code for m in run))
        if len(codes) < 2:
            continue
        found = _MEMBERS_AFTER_COALITION.search(text, max(lo, run[0].start - 120), run[0].start)
        found = found or _MEMBERS_BEFORE_COALITION.match(text, run[-1].end)
        if found is not None:
            kind = INTENT if _TO_JOIN.search(text, max(lo, found.start() - 40), found.end()) else COOPERATION
            return codes, Cue(found.start(), found.end(), kind, True, found.group(0), irrealis=kind == INTENT)
    return None


def _coalition_members(
    infos: list[SentenceInfo], pos: int, text: str, igo_codes: Collection[str]
) -> tuple[list[str], Cue] | None:
    """The leader and the members of a led coalition the sentence at `pos` lists (`_MEMBERS_AFTER_COALITION`),
    the leader named in it or the sentence before; None without a leader."""
    members = _alliance_members(infos[pos], text, igo_codes)
    leader = _alliance_leader(infos, pos, text, igo_codes) if members is not None else None
    if members is None or leader is None:
        return None
    codes, cue = members
    return list(dict.fromkeys([leader, *codes])), cue


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
        made = (
            _made_by(info, text, igo_codes)
            or _founded_by_listed(infos, pos, text, igo_codes)
            or _coalition_members(infos, pos, text, igo_codes)
        )
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
