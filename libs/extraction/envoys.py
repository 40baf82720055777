"""Ambassadors of several states at one host's occasion: a star around the host, not a clique.

"Ambassadors from A, B and C signed the condolence book" (under a Tehran dateline), "the A,
B and C ambassadors to Tehran attended the reception": the envoys resident in one state each
deal with that state, the host; they do not act with each other (the convention of the
sentence annotators, sentences_12). The host is the state the sentence places the occasion
in or sends the envoys to (a venue or destination not among the listed states), else the
dateline's state. A group that names another party beside the envoys' states ("X met the
ambassadors of A, B and C") is left to the other rules: blind_3 codes such a meeting as one
event of all.
"""

from __future__ import annotations

import re
from itertools import pairwise

from libs.extraction.candidates import SentenceInfo
from libs.extraction.clauses import LIST_SEPARATOR, list_runs
from libs.extraction.mention_roles import IGO_SEATS, PARTY_ROLES, PLACE_ROLES

# "ambassadors of", "the ambassadors from", "chargés d'affaires of", "heads of mission of" right before
# the first state of the list
_ENVOYS_OF = re.compile(
    r"\b(?:ambassadors|charg[ée]s?\s+d['’]?\s?affaires|heads\s+of\s+(?:diplomatic\s+)?missions?)"
    r"\s+(?:(?:[\w-]+\s+){0,2}?(?:to\s+[A-Z][\w-]*\s+)?)?(?:of|from)\s+(?:the\s+)?$",
    re.IGNORECASE,
)
# "the Syrian, Yemeni and Chinese ambassadors" right after the last demonym of the list
_ENVOYS_AFTER = re.compile(r"\s+(?:[a-z-]+\s+)?(?:ambassadors|envoys\s+to)\b")
# the state the envoys are accredited to: "ambassadors to Peru", "the A, B and C ambassadors in Lima",
# "ambassadors from A, B and C to Peru"
_ACCREDITED_TO = re.compile(
    r"(?:\b(?:ambassadors|envoys|affaires|missions?|accredited|resident)|[A-Z][\w-]*)\s+(?:to|in)\s+(?:the\s+)?$"
)
_DELIVERED = re.compile(r"(?:handed|delivered|conveyed|passed|gave)\b", re.IGNORECASE)


def listed_envoys(info: SentenceInfo, text: str) -> list[str]:
    """The states whose ambassadors the sentence lists ("ambassadors from A, B and C", "the A and B
    ambassadors"), in order; empty when it lists fewer than two."""
    lo = info.sent.start
    states = [m for m in info.parties.mentions if not m.igo and m.role in PARTY_ROLES]
    out: list[str] = []
    for run in list_runs(states, text, LIST_SEPARATOR.fullmatch):
        first, last = run[0], run[-1]
        named = first.kind in ("country", "capital") and _ENVOYS_OF.search(
            text, max(lo, first.start - 60), first.start
        )
        by_demonym = all(m.kind == "demonym" for m in run) and _ENVOYS_AFTER.match(text, last.end)
        if named or by_demonym:
            out.extend(m.code for m in run)
    out = list(dict.fromkeys(out))
    return out if len(out) >= 2 else []


def envoys_host(info: SentenceInfo, text: str, listed: list[str], home: str | None) -> str | None:
    """The state that receives the listed ambassadors: the state they are accredited to ("ambassadors
    to Peru"), else a venue or destination the sentence names ("in Lima") outside the list and no IGO
    seat, else the dateline's state; None when that state is itself listed."""
    lo = info.sent.start
    others = [m for m in info.parties.mentions if not m.igo and m.code not in listed]
    accredited = [m.code for m in others if _ACCREDITED_TO.search(text, max(lo, m.start - 40), m.start)]
    places = [m.code for m in others if m.role in PLACE_ROLES and m.surface not in IGO_SEATS]
    host = (accredited or places or [home])[0]
    return host if host and host not in listed else None


def envoys_star(
    group: list[str], listed: list[str], host: str | None, delivered: bool = False
) -> list[list[str]] | None:
    """One pair per listed state with the host when the group is made of the listed states only (two
    or more), or, for a letter or message `delivered` to the envoys, of them and the one sender (the
    sender is the host); None when the rule does not apply."""
    others = list(dict.fromkeys(c for c in group if c not in listed))
    guests = [c for c in dict.fromkeys(group) if c in listed]
    if delivered and len(others) == 1 and len(guests) >= 2:
        return [[others[0], c] for c in guests]
    if host is None or len(group) < 2 or others:
        return None
    return [[host, c] for c in group]


def delivered_to_envoys(cue_text: str) -> bool:
    """Whether the cue hands a letter or message to envoys ("handed over a letter to the ambassadors")."""
    return _DELIVERED.match(cue_text) is not None


# one envoy named with his post, right after his state: "the Serbian ambassador to Tehran", "Serbia's new envoy
# to Iran", "the Japanese charge d'affaires in Tehran"; the post's state follows
_ENVOY_POSTED = re.compile(
    r"(?:['’]s)?\s+(?:(?:new|outgoing|acting)\s+)?"
    r"(?:ambassador|envoy|charg[ée]\s+d['’]\s?affaires)\s+(?:to|in)\s+(?:the\s+)?$",
    re.IGNORECASE,
)
# the envoy as the one met, right after the meeting's cue: "met (with) the", "a meeting with Victor Rybak, the
# outgoing", "received the visiting"; not the speaker of a clause after it ("In a phone call with the Times,
# Indian Ambassador to Tehran X said")
_MET_ENVOY = re.compile(
    r"(?:\s+with)?\s+(?:the\s+)?(?:[A-Z][\w.’'-]*(?:\s+[A-Z][\w.’'-]*){0,2},\s+the\s+)?(?:(?:new|outgoing|visiting|acting)\s+)?"
)


def envoy_post(info: SentenceInfo, text: str, state: str, met_from: int) -> str | None:
    """The state that an envoy of `state`, met right after `met_from` (the end of a meeting's cue), serves in
    ("met the Serbian ambassador to Tehran": Iran); None when the sentence names `state` before the cue (his
    own side meets him: "Iran's chamber met Iran's ambassador to Russia") or the post is an IGO's seat ("envoy
    to Vienna")."""
    mentions = [m for m in info.parties.mentions if not m.igo and m.kind != "anaphor"]
    if any(m.code == state and m.start < met_from for m in mentions):
        return None
    posts = {
        post.code
        for envoy, post in pairwise(mentions)
        if envoy.code == state
        and post.code != state
        and post.kind in ("country", "capital")
        and post.surface not in IGO_SEATS
        and _MET_ENVOY.fullmatch(text, met_from, envoy.start)
        and _ENVOY_POSTED.fullmatch(text, envoy.end, post.start)
    }
    return posts.pop() if len(posts) == 1 else None
