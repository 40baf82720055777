"""Foreign companies listed by their states in a host's tenders, field studies or development.

"France's Total, Malaysia's Petronas and Japan's Inpex presented technical surveys for
the tender", "Japanese and South Korean companies are among the contractors which
handed in results of their studies", "companies from Spain, Poland and China are in the
list of companies prequalified for the tenders": each listed company's state deals with
the host (the dateline's state), a star of events, never a clique of the listed states.
A tender or a prequalification is yet to be awarded (`intent`); studies handed in or
fields developed are `cooperation`.
"""

from __future__ import annotations

import re
from collections.abc import Mapping

from libs.extraction.candidates import COOPERATION, EXPLICIT, INTENT, Candidate, SentenceInfo
from libs.extraction.clauses import list_run
from libs.extraction.mention_roles import PartyMention
from libs.extraction.occasions import placed_candidate
from libs.extraction.triggers import Cue

# a company named after its state's possessive ("France's Total", "Malaysia’s Petronas")
_POSSESSIVE_NAME = re.compile(r"['’]s\s+[A-Z][\w-]*")
# demonyms before the companies they qualify ("Japanese and South Korean companies", "Chinese oil firms")
_DEMONYM_FIRMS = re.compile(
    r"(?:\s*(?:,|and)\s*(?:(?:South|North)\s+)?[A-Z][\w-]*)*\s+(?:[a-z-]+\s+)?"
    r"(?:companies|firms|contractors|corporations|majors)\b"
)
# companies introduced before the states listed ("companies from Spain, Poland and China")
_FIRMS_FROM = re.compile(
    r"\b(?:companies|firms|contractors|corporations|majors)\s+from\s+(?:the\s+)?$", re.IGNORECASE
)
# a tender or a prequalification: the contract is yet to be awarded
_TENDERING = re.compile(
    r"\b(?:pre-?qualified|qualified\s+for|short-?listed|tenders?|bidding|bids?\s+for)\b", re.IGNORECASE
)
# studies handed in, fields studied or developed
_STUDYING = re.compile(
    r"\b(?:(?:handed\s+in|handed\s+over|submitted|presented|delivered)\s+(?:\w+\s+){0,4}?"
    r"(?:results|studies|surveys|plans|proposals)|contractors|studying|developing)\b",
    re.IGNORECASE,
)
# the companies' work is about a field or a project ("oil and gas fields", "the Azadegan oilfield")
_FIELD = re.compile(
    r"\b(?:oil|gas|petroleum|energy|fields?|oilfields?|gasfields?|projects?|contract(?:s|ors)?|tenders?)\b",
    re.IGNORECASE,
)


def _company_run(states: list[PartyMention], i: int, text: str, lo: int) -> list[PartyMention]:
    """The mentions from `states[i]` on that name the states of listed companies (possessives, demonyms
    before "companies", states after "companies from"); empty when `states[i]` names none."""
    m = states[i]
    if m.kind == "country" and _POSSESSIVE_NAME.match(text, m.end):
        return [m]
    if m.kind == "demonym" and _DEMONYM_FIRMS.match(text, m.end):
        return [m]
    if m.kind == "country" and _FIRMS_FROM.search(text, max(lo, m.start - 40), m.start):
        return list_run(states, i, text)
    return []


def company_states(info: SentenceInfo, text: str) -> list[str]:
    """The states of the companies the sentence lists, in order, each once."""
    lo = info.sent.start
    states = [m for m in info.parties.mentions if not m.igo and m.kind in ("country", "demonym")]
    found: list[str] = []
    i = 0
    while i < len(states):
        run = _company_run(states, i, text, lo)
        found.extend(m.code for m in run)
        i += max(1, len(run))
    return list(dict.fromkeys(found))


def contracting(text: str) -> bool:
    """Whether the text tells of a tender or of studies and development (the extractor's cheap gate lets it
    through: a tender's list of companies may be the article's only cue)."""
    return _FIELD.search(text) is not None and (
        _TENDERING.search(text) is not None or _STUDYING.search(text) is not None
    )


def _contract_cue(text: str, lo: int, hi: int) -> Cue | None:
    """The cue of companies' part in a host's tender (`intent`) or studies and development
    (`cooperation`) in text[lo:hi]; None without one or without a field or project named."""
    if _FIELD.search(text, lo, hi) is None:
        return None
    found = _TENDERING.search(text, lo, hi)
    etype = INTENT
    if found is None:
        found, etype = _STUDYING.search(text, lo, hi), COOPERATION
    if found is None:
        return None
    return Cue(found.start(), found.end(), etype, True, found.group(0), irrealis=etype == INTENT)


def contractor_candidates(
    info: SentenceInfo,
    pos: int,
    text: str,
    home: str | None,
    igo_codes: set[str],
    groups: Mapping[str, tuple[str, ...]] | None = None,
) -> list[Candidate]:
    """One event per listed company's state with the host `home` (see the module docstring); none
    without a host or with fewer than two foreign states listed."""
    if home is None:
        return []
    listed = [c for c in company_states(info, text) if c != home]
    if len(listed) < 2:
        return []
    cue = _contract_cue(text, info.sent.start, info.sent.end)
    if cue is None:
        return []
    made = (placed_candidate(info, pos, cue, [home, c], EXPLICIT, igo_codes, groups) for c in listed)
    return [cand for cand in made if cand is not None]
