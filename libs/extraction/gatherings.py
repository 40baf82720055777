"""Gatherings with foreign participants: one `conference` (or `intent`) of the listed states and the host.

"The fair is held with 30 companies from Germany, Italy and Japan", "Italian
publishers are attending the book fair", "Italy is the special guest".
"""

from __future__ import annotations

import re

from libs.extraction.candidates import CONFERENCE, EXPLICIT, INTENT, Candidate, SentenceInfo, split_parties
from libs.extraction.mention_roles import PARTY_ROLES
from libs.extraction.mention_roles import VENUE as VENUE_ROLE
from libs.extraction.occasions import event_location
from libs.extraction.triggers import Cue

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


def gathering_candidate(
    infos: list[SentenceInfo], pos: int, text: str, home: str | None, igo_codes: set[str]
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
    states = [m for m in info.parties.mentions if not m.igo and m.role in (*PARTY_ROLES, VENUE_ROLE)]
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
    countries, igos = split_parties(codes, igo_codes)
    if len(countries) < 2:
        return None
    cue_at = here or _ATTENDING.search(text, lo, hi)
    assert cue_at is not None
    future = _FUTURE_PARTICIPATION.search(text, lo, hi) is not None
    etype = INTENT if future else CONFERENCE
    cue = Cue(cue_at.start(), cue_at.end(), etype, True, cue_at.group(0), irrealis=future)
    cand = Candidate(etype, countries, igos, [pos], cue, True, EXPLICIT)
    cand.location = event_location(info)
    return cand
