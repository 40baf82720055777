"""Rounds of a named negotiation process whose parties the article names elsewhere.

"The delegations engaged in talks in Vienna will return to their capitals",
"Iran and the P4+1 are negotiating to revive the 2015 deal": the sentence names
the process, not (all) its parties. The process table (`data/negotiations.yaml`)
gives each process's fixed parties and its possible members; a sentence naming a
round with fewer than two of the parties makes one event of the fixed parties and
the members named (only named states count, annotation
rule) in the sentences around it; a sentence naming the round beside a list of
three members or more ("talks in Vienna by Iran and the remaining parties (A, B,
C)", "the 5+1 meeting") makes one of the fixed parties and those, when no cue of
it did (two named members may be bystanders; a question is no round). A round
yet to come is an `intent`; a denied one ("not on the agenda") is none. When the
article tells the whole table ("Iran and the P4+1"), a state named near a round
outside it is a bystander unless said to take part. Only
processes whose news rarely lists the parties belong in the table.
"""

from __future__ import annotations

import re
from collections.abc import Collection, Mapping
from dataclasses import dataclass, field, replace
from datetime import date

from libs.extraction.candidates import CONTEXT, INTENT, MEETING, Candidate, SentenceInfo
from libs.extraction.mention_roles import MEMBERS_BEFORE, PLACE_ROLES, TARGET, TOPIC
from libs.extraction.occasions import placed_candidate
from libs.extraction.resources import compile_alternation, read_yaml
from libs.extraction.triggers import NOT_WORD, Cue, told_as_history, topic_before


@dataclass(frozen=True, slots=True)
class Left:
    """A party that sat at a process's table until it left on `day` ("the U.S. left the deal on 8 May 2018"):
    an article of that time has it among the members and the default table. Without a publication date, the
    article is of that time when it tells nothing of the time after (`later`: the exit, the remaining
    parties, what followed)."""

    party: str
    day: date
    later: re.Pattern[str]


@dataclass(frozen=True, slots=True)
class Process:
    """A negotiation process: how news names its rounds, who always sits at the table, who may."""

    name: str
    pattern: re.Pattern[str]
    context: re.Pattern[str]  # a sentence about the process (where its members are named)
    lists: re.Pattern[str]  # a sentence about the process or its deal (where lists of its parties count)
    fixed: tuple[str, ...]
    members: tuple[str, ...]
    # a round's name or the words after it naming the process itself (not "nuclear talks"): the round takes
    # the lists of parties far from it
    own: re.Pattern[str] | None = None
    # the table when the text names none of its members (a round of the process's own body: "the Joint
    # Commission met in Vienna" is the group of the time)
    default: tuple[str, ...] = ()
    # a sentence stating the talks as a fact of the article's time ("under way", "six rounds since April",
    # "resumed on Monday"): only there does `default` fill the table (a mere reference to the talks does not)
    fact: re.Pattern[str] | None = None
    reference: re.Pattern[str] | None = None  # ends right before the name: the talks as a topic, no default
    # a round to come with a schedule (not a hope): there `default` fills the table too
    scheduled: re.Pattern[str] | None = None
    left: Left | None = None  # a party of the table until it left
    # a state said to take part in the talks, right after its name ("the U.S. delegation in Vienna", "the U.S.
    # was participating in the talks indirectly"): a party of every round of the process the article names (D4)
    present: re.Pattern[str] | None = None


@dataclass(frozen=True, slots=True)
class Processes:
    items: tuple[Process, ...]
    future: re.Pattern[str]  # anywhere in the sentence: the round is yet to come
    conditions: re.Pattern[str] | None = None  # only before the round's name ("if the talks resume")
    under_way: re.Pattern[str] | None = None  # right before the round's name ("the ongoing talks")
    # in or right after the round's name: the talks told as going on ("while talks were afoot in Vienna")
    under_way_after: re.Pattern[str] | None = None
    offices: re.Pattern[str] | None = None  # right before the name: an office, no round ("coordinator of")
    stalled: re.Pattern[str] | None = None  # right before the name: a standstill, no round ("the stalled")
    stalled_after: re.Pattern[str] | None = None  # right after the name ("the talks, which have stalled")
    held_round: re.Pattern[str] | None = None  # in or right before the name: a round held, then paused
    # in the sentence up to a round's name: its date is the news ("the date for resuming the talks"), a round to come
    date_pending: re.Pattern[str] | None = None
    # ends right before the name: the talks as a topic ("harms the Vienna talks", `triggers.yaml` `talks_topic`)
    topic: re.Pattern[str] | None = None
    # a sentence telling the deal's conclusion as history (D3): its group and lists seat no round of the article
    history: re.Pattern[str] | None = None


def load_processes(data: Mapping | None = None, topic: re.Pattern[str] | None = None) -> Processes:
    """The process table of `data/negotiations.yaml` (or the mapping given); `topic`, when given, ends right
    before a round's name that names the talks as a topic (`resources.talks_topic_pattern`): no round."""
    raw = data if data is not None else read_yaml("negotiations.yaml")
    items = tuple(
        Process(
            name,
            compile_alternation([str(p) for p in spec["pattern"]]),
            compile_alternation([str(p) for p in spec["context"]]),
            compile_alternation([str(p) for p in spec.get("lists") or spec["context"]]),
            tuple(spec.get("fixed") or ()),
            tuple(spec.get("members") or ()),
            compile_alternation([str(p) for p in spec["own"]]) if spec.get("own") else None,
            tuple(spec.get("default") or ()),
            compile_alternation([str(p) for p in spec["fact"]]) if spec.get("fact") else None,
            compile_alternation([str(p) for p in spec["reference"]]) if spec.get("reference") else None,
            compile_alternation([str(p) for p in spec["scheduled"]]) if spec.get("scheduled") else None,
            _left(spec.get("left")),
            compile_alternation([str(p) for p in spec["present"]]) if spec.get("present") else None,
        )
        for name, spec in (raw.get("processes") or {}).items()
    )
    optional = {
        key: compile_alternation([str(p) for p in raw[key]]) if raw.get(key) else None
        for key in (
            "conditions",
            "under_way",
            "under_way_after",
            "offices",
            "stalled",
            "stalled_after",
            "held_round",
            "history",
            "date_pending",
        )
    }
    future = compile_alternation([str(p) for p in raw.get("future") or []])
    return Processes(items, future, **optional, topic=topic)


def _left(spec: Mapping | None) -> Left | None:
    """`Process.left` from its table entry (`party`, `day`, `later`), None when the process has none."""
    if not spec:
        return None
    day = spec["day"] if isinstance(spec["day"], date) else date.fromisoformat(str(spec["day"]))
    return Left(str(spec["party"]), day, compile_alternation([str(p) for p in spec["later"]]))


UNDER_WAY_AFTER = 60  # characters from a round's name where `Processes.under_way_after` tells it going on


def round_to_come(processes: Processes, text: str, lo: int, hi: int, start: int) -> bool:
    """Whether the round named at `start` in the sentence text[lo:hi] is yet to come: a future marker
    anywhere, or a condition before the name ("if the Vienna talks resume", not "would leave the Vienna
    talks if ..."); never a round described as under way before its name ("will continue to seek a deal
    through the ongoing talks in Vienna") or in and right after it ("while talks were afoot in Vienna to
    restart ...": the infinitive tells the talks' purpose, not a round to come)."""
    if processes.under_way is not None and processes.under_way.search(text, max(lo, start - 30), start):
        return False
    after = processes.under_way_after
    if after is not None and after.search(text, start, min(hi, start + UNDER_WAY_AFTER)):
        return False
    if processes.future.search(text, lo, hi):
        return True
    return _conditional(processes, text, lo, start)


def _conditional(processes: Processes, text: str, lo: int, start: int) -> bool:
    """Whether a condition comes before the round named at `start` ("if the West wants to negotiate ...")."""
    return processes.conditions is not None and processes.conditions.search(text, lo, start) is not None


# a listed state named as a place, or as the one the list opposes or talks about ("A, B and C took strong
# positions against the U.S."), is no party of the process
_NOT_LISTED = (*PLACE_ROLES, TARGET, TOPIC)
CONTEXT_SENTENCES = 3  # the members of a round are those named this many sentences around it
_DENIED = re.compile(r"\b(?:not|no|never|without)\b", re.IGNORECASE)
# the round is the topic of another exchange ("the two sides discussed ... the Vienna talks")
_TOPIC = re.compile(r"\b(?:discuss\w*|talked about|views (?:on|about)|conferred on)\b", re.IGNORECASE)
# the oil producers' own table, also held in Vienna ("OPEC agreed on output cuts after talks in Vienna", "another
# round of talks with Russia on output"): a sentence naming OPEC tells no round of a process of this table
_OIL_PRODUCERS = re.compile(r"\bOPEC\b")


def _codes(
    info: SentenceInfo, groups: Mapping[str, tuple[str, ...]], skip: tuple[str, ...] = PLACE_ROLES
) -> set[str]:
    """The states, group members and IGOs the sentence names (not in a role of `skip`: as a place)."""
    return {x for m in info.parties.mentions if m.role not in skip for x in groups.get(m.code, (m.code,))}


# the state the talks are to bring back to the deal ("bringing the U.S. into full compliance", "a promise by X to
# rejoin the deal", "how to return the U.S. to the accord"): named as the talks' aim, no party (D4)
_BROUGHT_BACK = re.compile(
    r"\b(?:rejoin\w*|(?:back\s+)?(?:in)?to\s+(?:full\s+)?compliance\b"
    r"|back\s+(?:in)?to\s+the\s+(?:[\w-]+\s+)?(?:deal|JCPOA|agreement|accord)\b"
    r"|return(?:s|ed|ing)?\s+(?:[\w.]+\s+){0,4}?to\s+(?:the\s+)?(?:[\w-]+\s+)?(?:deal|JCPOA|agreement|accord)\b)",
    re.IGNORECASE,
)
BROUGHT_BACK_BEFORE = 80  # characters from a state's name to the words of its return that follow it


def _brought_back(info: SentenceInfo, text: str, proc: Process) -> frozenset[str]:
    """The members outside the default table (the U.S. of the Vienna talks) that the sentence names only as the
    state to bring back to the deal (`_BROUGHT_BACK` right after or around the name), unless it says someone
    takes part ("the U.S. takes part indirectly to return to the deal")."""
    lo, hi = info.sent.start, info.sent.end
    aims = [(b.start(), b.end()) for b in _BROUGHT_BACK.finditer(text, lo, hi)]
    if not aims or _says_taking_part(text, info):
        return frozenset()
    outside = set(proc.members) - set(proc.default)
    aimed: set[str] = set()
    other: set[str] = set()  # named elsewhere in the sentence too
    for m in info.parties.mentions:
        near = any(a - BROUGHT_BACK_BEFORE <= m.end <= b for a, b in aims)
        (aimed if near else other).add(m.code)
    return frozenset((aimed - other) & outside)


def named_states(
    infos: list[SentenceInfo],
    pos: int,
    text: str,
    proc: Process,
    groups: Mapping[str, tuple[str, ...]],
    history: re.Pattern[str] | None = None,
) -> frozenset[str]:
    """The parties named in the sentences around `pos` that are about the process (not those that only
    describe its members, `_describes_members`, nor those telling the deal's conclusion, `told_as_history_of_deal`)."""
    near = infos[max(0, pos - CONTEXT_SENTENCES) : pos + CONTEXT_SENTENCES + 1]
    about = [
        i
        for i in near
        if proc.context.search(text, i.sent.start, i.sent.end)
        and not _describes_members(i, text, proc)
        and not (i is not infos[pos] and told_as_history_of_deal(i, text, history))
    ]
    return frozenset().union(*(_codes(i, groups) - _brought_back(i, text, proc) for i in about))


_DESCRIBED_GAP = re.compile(r"\s*,?\s*")


def _members_described(info: SentenceInfo, text: str, end: int) -> bool:
    """Whether the name of a process ending at `end` is followed by a description of its members
    ("partners in the arms talks, which includes A, B and C")."""
    after = [m.start for m in info.parties.mentions if m.start >= end]
    if not after:
        return False
    gap = text[end : min(after)]
    found = MEMBERS_BEFORE.search(gap)
    return found is not None and _DESCRIBED_GAP.fullmatch(gap, 0, found.start()) is not None


def _describes_members(info: SentenceInfo, text: str, proc: Process) -> bool:
    """Whether the sentence names the process followed by a description of its members: it tells who
    belongs to the process, not who sits at a round (no round, no list of a round's parties)."""
    return any(
        _members_described(info, text, found.end())
        for found in proc.pattern.finditer(text, info.sent.start, info.sent.end)
    )


def told_as_history_of_deal(info: SentenceInfo, text: str, history: re.Pattern[str] | None) -> bool:
    """Whether the sentence tells the deal's conclusion as history (D3: "Iran and the 5+1 group finalized the
    text of the JCPOA in Vienna on July 14 2015"): who signed it then is not who sits at a round now."""
    return history is not None and history.search(text, info.sent.start, info.sent.end) is not None


def _article_groups(
    infos: list[SentenceInfo],
    text: str,
    groups: Mapping[str, tuple[str, ...]],
    history: re.Pattern[str] | None = None,
) -> frozenset[str]:
    """The members of the negotiating groups ("the P4+1") the article names anywhere: news names the
    group once and its rounds many sentences later (the groups of the gazetteer are all groups of the
    process's parties); not in a sentence telling the deal's conclusion as history (`told_as_history_of_deal`)."""
    return frozenset(
        x
        for i in infos
        if not told_as_history_of_deal(i, text, history)
        for m in i.parties.mentions
        if m.code in groups and m.role not in _NOT_LISTED
        for x in groups[m.code]
    )


FACT_BEFORE, FACT_AFTER = 40, 80  # characters around a round's name where `Process.fact` states the talks
MIN_NAMED = 2  # fewer of a process's group named around a round leave its table to `Process.default`
MIN_LISTED = 3  # members a sentence must name to be read as the round's own list of parties
WHOLE_TABLE = 5  # members a group or list must name to tell the whole table of a round
LIST_DISTANCE = 1  # a list this many sentences from a round that does not name its process is tied to it

# what may stand between two parties of one list ("A, B, and the C", "the trio (A, B and C), D")
_LIST_GAP = re.compile(r"[\s,;()\u2013\u2014-]*(?:(?:and|&)\s+)?(?:the\s+)?", re.IGNORECASE)


def _whole_list(
    info: SentenceInfo, text: str, proc: Process, groups: Mapping[str, tuple[str, ...]]
) -> frozenset[str] | None:
    """The members of the one list in the sentence that tells a whole table: `MIN_LISTED` names or more
    in a row naming `WHOLE_TABLE` members or more (a group counts as its members). "Between Iran and the
    five remaining signatories, A, B, C, D and E, to convince the U.S. ..." lists A-E; a member named
    outside the list is not on it. None when no such list."""
    ours = set(proc.members) | set(proc.fixed) | set(groups)
    marks = sorted(
        (m for m in info.parties.mentions if m.role not in PLACE_ROLES and m.code in ours),
        key=lambda m: m.start,
    )
    runs: list[tuple[set[str], int]] = []  # the members of each list and how many names it has
    last_end = -1
    for m in marks:
        codes = set(groups.get(m.code, (m.code,)))
        gap = _LIST_GAP.fullmatch(text, last_end, m.start) if 0 <= last_end <= m.start else None
        if runs and gap is not None:
            runs[-1] = (runs[-1][0] | codes, runs[-1][1] + 1)
        else:
            runs.append((codes, 1))
        last_end = max(last_end, m.end)
    whole = [r for r, n in runs if n >= MIN_LISTED and len(r & set(proc.members)) >= WHOLE_TABLE]
    return frozenset(whole[0]) if len(whole) == 1 else None


def _article_lists(article: ArticleParties, proc: Process) -> tuple[tuple[int, frozenset[str]], ...]:
    """The process's lists of parties in the article, each with its sentence's position: a sentence about
    the process naming `MIN_LISTED` members or more ("the deal was signed between Iran, A, B and C", "other
    parties to the deal, including A, B and C, opposed ...") tells who sits at its table."""
    text = article.text
    out: list[tuple[int, frozenset[str]]] = []
    for pos, info in enumerate(article.infos):
        named = _codes(info, article.groups, _NOT_LISTED) & set(proc.members)
        if (
            len(named) >= MIN_LISTED
            and proc.lists.search(text, info.sent.start, info.sent.end)
            and not _describes_members(info, text, proc)
            and not told_as_history_of_deal(info, text, article.history)
        ):
            whole = article.whole_list(proc, pos)
            out.append((pos, frozenset(named & whole if whole is not None else named)))
    return tuple(out)


_EARLIER_YEAR = re.compile(r"\b(?:19\d\d|20(?:0\d|1[0-7]))\b")  # a year before the U.S. left the deal


@dataclass(slots=True)
class ArticleParties:
    """The article the process rules read, with what they read from all of it computed on first need and
    kept (one per article, however many sentences name a round): the members of the negotiating groups
    it names (`_article_groups`) and, per process, its lists of parties (`_article_lists`) and each
    sentence's `_whole_list` (read by the lists and by the sentence's round alike)."""

    infos: list[SentenceInfo]
    text: str
    groups: Mapping[str, tuple[str, ...]]  # "P5+1" → its member states
    published: date | None = None  # the article's day, when known
    # `Processes.history`: sentences whose groups and lists seat no round
    history: re.Pattern[str] | None = None
    _named_groups: frozenset[str] | None = field(default=None, init=False)
    _lists: dict[str, tuple[tuple[int, frozenset[str]], ...]] = field(default_factory=dict, init=False)
    _wholes: dict[tuple[str, int], frozenset[str] | None] = field(default_factory=dict, init=False)
    _times: dict[str, Process] = field(default_factory=dict, init=False)
    _present: dict[str, frozenset[str]] = field(default_factory=dict, init=False)

    def group_members(self) -> frozenset[str]:
        """`_article_groups` of the article."""
        if self._named_groups is None:
            self._named_groups = _article_groups(self.infos, self.text, self.groups, self.history)
        return self._named_groups

    def listed(self, proc: Process, pos: int | None = None) -> frozenset[str]:
        """The members of `_article_lists` of the article for `proc`: all of them, or (`pos` given) those
        of the lists in the sentence at `pos` or next to it."""
        if proc.name not in self._lists:
            self._lists[proc.name] = _article_lists(self, proc)
        found = self._lists[proc.name]
        return frozenset().union(*(m for p, m in found if pos is None or abs(p - pos) <= LIST_DISTANCE))

    def listed_whole(self, proc: Process) -> frozenset[str]:
        """The members of the article's lists for `proc` that name `WHOLE_TABLE` members or more ("the negotiating
        parties in Vienna - A, B, C, D, E and F"): a table told whole, not a few members named together; not in
        a sentence naming a year before 2018 (the deal's making: "the JCPOA, achieved in 2015 after talks among
        Iran and the P5+1 (A, B, ...)")."""
        self.listed(proc)
        whole = (
            m
            for pos, m in self._lists[proc.name]
            if len(m & set(proc.members)) >= WHOLE_TABLE
            and not _EARLIER_YEAR.search(self.text, self.infos[pos].sent.start, self.infos[pos].sent.end)
        )
        return frozenset().union(*whole)

    def of_time(self, proc: Process) -> Process:
        """`proc` as its table stood at the article's time: with `Process.left`'s party among the members and
        the default table when the article is from before it left (its publication day, or without one, no
        word of the time after)."""
        if proc.name not in self._times:
            left = proc.left
            if left is None or left.party in proc.members:
                earlier = False
            elif self.published is not None:
                earlier = self.published < left.day
            else:
                earlier = left.later.search(self.text) is None
            self._times[proc.name] = (
                replace(proc, members=(*proc.members, left.party), default=(*proc.default, left.party))
                if earlier and left is not None
                else proc
            )
        return self._times[proc.name]

    def present(self, proc: Process) -> frozenset[str]:
        """`_present` of the article for `proc`, computed once."""
        if proc.name not in self._present:
            self._present[proc.name] = _present(self.infos, self.text, proc, self.groups)
        return self._present[proc.name]

    def whole_list(self, proc: Process, pos: int) -> frozenset[str] | None:
        """`_whole_list` of the sentence at `pos` for `proc`, computed once."""
        key = (proc.name, pos)
        if key not in self._wholes:
            self._wholes[key] = _whole_list(self.infos[pos], self.text, proc, self.groups)
        return self._wholes[key]


PRESENT_BEFORE = 30  # characters between a state's name and the words saying it takes part in the talks


def _present(
    infos: list[SentenceInfo], text: str, proc: Process, groups: Mapping[str, tuple[str, ...]]
) -> frozenset[str]:
    """The members the article says take part in the process's talks (`Process.present`, not denied: "the U.S.
    was participating in the talks indirectly", "the United States has brought a delegation to Vienna"): the
    states named right before those words."""
    found: set[str] = set()
    for info in infos if proc.present is not None else ():
        lo = info.sent.start
        for said in proc.present.finditer(text, lo, info.sent.end):
            start = said.start()
            if _NOT_BEFORE.search(text, max(lo, start - PRESENT_BEFORE), start):
                continue
            found.update(
                x
                for m in info.parties.mentions
                if m.role not in PLACE_ROLES and start - PRESENT_BEFORE <= m.end <= start
                for x in groups.get(m.code, (m.code,))
            )
    return frozenset(found & set(proc.members))


def _listed_members(
    own: set[str], proc: Process, groups: Mapping[str, tuple[str, ...]], sentence: str
) -> frozenset[str]:
    """The members a sentence names beside the round ("talks in Vienna by Iran and the remaining parties
    (A, B and C)", "the 5+1 meeting"): a list of `MIN_LISTED` or more (two may be bystanders, "the Paris
    accord ... the U.S."), not asked about; empty otherwise. The caller drops the round when a cue of the
    sentence already made it."""
    named = frozenset(x for c in own for x in groups.get(c, (c,)))
    if len(named & set(proc.members)) < MIN_LISTED or sentence.rstrip().endswith("?"):
        return frozenset()
    return named


_WITH_AFTER = re.compile(r"\s+(?:with|between)\s+(?:the\s+)?", re.IGNORECASE)


def _other_talks(
    info: SentenceInfo, text: str, end: int, proc: Process, groups: Mapping[str, tuple[str, ...]]
) -> bool:
    """The talks named are held with a state or body outside the process ("nuclear talks with North
    Korea", "nuclear talks between Pyongyang and Washington"): another negotiation, no round of this one."""
    after = _WITH_AFTER.match(text, end)
    if after is None:
        return False
    ours = {*proc.fixed, *proc.members, *groups}
    return any(m.start == after.end() and m.code not in ours for m in info.parties.mentions)


def _round_name(processes: Processes, proc: Process, text: str, lo: int, hi: int) -> re.Match[str] | None:
    """The first name of a round of `proc` in text[lo:hi] that is not part of an office's title ("the
    coordinator of the Joint Commission" names a post, not a session)."""
    for found in proc.pattern.finditer(text, lo, hi):
        if processes.offices is None or not processes.offices.search(
            text, max(lo, found.start() - 40), found.start()
        ):
            return found
    return None


def _stalled(processes: Processes, text: str, lo: int, found: re.Match[str]) -> bool:
    """Whether the round named by `found` is told as at a standstill right before its name ("resume the
    stalled talks in Vienna", "the deadlocked nuclear negotiations") or right after it ("the talks in Vienna,
    which have stalemated since March"): the process is mentioned, no round held. A round named in or right
    before the name and paused after it ("the eighth round of the Vienna talks was suspended") was held."""
    start, end = found.start(), found.end()
    before = processes.stalled is not None and processes.stalled.search(text, max(lo, start - 30), start)
    after = processes.stalled_after is not None and processes.stalled_after.match(text[end : end + 60])
    held = processes.held_round is not None and processes.held_round.search(text, max(lo, start - 30), end)
    return bool(before or (after and not held))


def _as_topic(processes: Processes, text: str, lo: int, found: re.Match[str]) -> bool:
    """Whether the round named by `found` (in the sentence from `lo`) is named as a topic by the words
    right before its talks noun (`Processes.topic`): talks harmed, a stance on them, others discussing them."""
    topic = processes.topic
    return topic is not None and topic_before(topic, text, lo, found.start(), found.group(0))


_TAKES_PART = re.compile(
    r"\b(?:t(?:ook|akes?|aking)\s+part|participat\w*|attend\w*|indirect(?:ly)?)\b", re.IGNORECASE
)


def _taking_part(
    infos: list[SentenceInfo], pos: int, text: str, groups: Mapping[str, tuple[str, ...]]
) -> frozenset[str]:
    """The states named around the round (`CONTEXT_SENTENCES`) in a sentence saying someone takes part."""
    near = infos[max(0, pos - CONTEXT_SENTENCES) : pos + CONTEXT_SENTENCES + 1]
    return frozenset().union(*(_codes(i, groups) for i in near if _says_taking_part(text, i)))


# "were not participating", "did not take part", "never attended": the state is said to stay away
_NOT_BEFORE = re.compile(rf"(?:{NOT_WORD}|\bno\s+longer)\s+(?:\w+\s+)?$", re.IGNORECASE)


def _says_taking_part(text: str, info: SentenceInfo) -> bool:
    """Whether the sentence says someone takes part (not that someone does not)."""
    lo, hi = info.sent.start, info.sent.end
    return any(
        not _NOT_BEFORE.search(text, max(lo, m.start() - 30), m.start())
        for m in _TAKES_PART.finditer(text, lo, hi)
    )


def _at_table(
    named: frozenset[str],
    table: frozenset[str],
    taking_part: frozenset[str],
    proc: Process,
    igo_codes: Collection[str],
) -> frozenset[str]:
    """The parties of a round: when the article tells its whole table (a negotiating group or a list of
    `WHOLE_TABLE` members or more: "Iran's talks with the P4+1", "the five remaining signatories, A,
    B, C, D and E"), a state named around the round but left out of that table is a bystander ("the U.S.
    refuses to lift the sanctions as the Vienna talks go on"); bodies (the EU's coordinator) still sit at
    it, and so does a state said to take part ("the U.S. takes part indirectly", `taking_part`). A shorter
    list may be part of the table ("A, B and C back the deal")."""
    if len(table & set(proc.members)) < WHOLE_TABLE:
        return named
    return frozenset(c for c in named if c in table or c in igo_codes or c in taking_part)


def _names_itself(proc: Process, text: str, start: int, hi: int) -> bool:
    """Whether the round's name at `start` or the words after it (to `hi`, the sentence end) name the process
    itself (`Process.own`: "the Joint Commission of the JCPOA", "the Vienna talks", not "nuclear talks"); always
    for a process without `own`."""
    return proc.own is None or proc.own.search(text, start, hi) is not None


_REMAINING = re.compile(r"\bremaining\b", re.IGNORECASE)
REMAINING_BEFORE = 20  # characters before a round's name where "the remaining" names its whole table


# the remaining parties as the subject right before the round's name ("Iran and the remaining participants to the
# JCPOA have been holding talks in Vienna", "the remaining members of the JCPOA started nuclear talks")
_REMAINING_SUBJECT = re.compile(
    r"\bremaining\s+(?:JCPOA\s+|(?:nuclear\s+)?deal\s+)?(?:parties|signatories|participants|members)"
    r"(?:\s+(?:to|of|in)\s+the\s+(?:\d{4}\s+)?(?:JCPOA|(?:Iran\s+)?(?:nuclear\s+)?(?:deal|agreement|accord|pact)))?"
    r"\s+(?:[\w-]+\s+){0,3}$",
    re.IGNORECASE,
)
REMAINING_SUBJECT_BEFORE = 90  # characters before a round's name where `_REMAINING_SUBJECT` is read
# ... or the table right after the name ("the eighth round of talks between Tehran and the remaining signatories")
_REMAINING_AFTER = re.compile(
    r"\s+(?:between|with)\s+(?:(?:Iran|Tehran)\s+and\s+)?(?:the\s+)?(?:other\s+|five\s+)?remaining\b",
    re.IGNORECASE,
)


def _remaining_named(text: str, lo: int, found: re.Match[str]) -> bool:
    """Whether the round's name calls its parties the remaining ones ("the remaining JCPOA parties held an
    emergency meeting"), or they are the subject right before it (`_REMAINING_SUBJECT`) or the table right after it
    (`_REMAINING_AFTER`): the whole table of the time, whichever of its members the text names around it."""
    start = found.start()
    return bool(
        _REMAINING.search(text, max(lo, start - REMAINING_BEFORE), found.end())
        or _REMAINING_SUBJECT.search(text, max(lo, start - REMAINING_SUBJECT_BEFORE), start)
        or _REMAINING_AFTER.match(text, found.end())
    )


def _remaining_members(
    article: ArticleParties,
    pos: int,
    proc: Process,
    members: list[str],
    igo_codes: Collection[str],
    found: re.Match[str],
) -> list[str]:
    """The members of a round whose name calls its table the remaining parties ("Iran resumed talks with the
    remaining parties to the deal"): the state that left (one outside `Process.default`, the U.S.) is not among
    them (D4) unless the article says it takes part (`Process.present`, a list of the whole table), the
    round's sentence does ("with the indirect involvement of the U.S.") or the round's name `found` holds it
    beside them ("the remaining parties and the U.S. have held six rounds of talks"); named only as the one that
    left or the one to bring back ("despite the U.S. exit", "placed the U.S. in a lonely position"), it is no
    party."""
    info = article.infos[pos]
    taking_part = _codes(info, article.groups) if _says_taking_part(article.text, info) else set()
    in_name = {
        m.code
        for m in info.parties.mentions
        if m.role not in PLACE_ROLES and found.start() <= m.start and m.end <= found.end()
    }
    kept = (
        set(proc.default)
        | set(igo_codes)
        | article.present(proc)
        | article.listed_whole(proc)
        | taking_part
        | in_name
    )
    return [c for c in members if c in kept]


# the deal's group named by a name of its own right before the round's name or right after it ("World powers are
# continuing private talks in Vienna", "talks are under way in Vienna among major powers")
_POWERS = r"(?:(?:six|five|major|world|global|great|leading)\s+){1,2}powers\b"
_POWERS_BEFORE = re.compile(rf"\b{_POWERS}", re.IGNORECASE)
_POWERS_AFTER = re.compile(
    rf"\s+(?:between|among|with)\s+(?:(?:Iran|Tehran)\s+and\s+)?(?:the\s+)?{_POWERS}", re.IGNORECASE
)
POWERS_BEFORE = 60  # characters before a round's name where the powers named are its table


def _powers_named(text: str, lo: int, found: re.Match[str]) -> bool:
    """Whether the round's table is named as the powers ("World powers are continuing talks in Vienna"): the whole
    table of the time (D2/D5), whichever of its members the text names around it."""
    return bool(
        _POWERS_BEFORE.search(text, max(lo, found.start() - POWERS_BEFORE), found.start())
        or _POWERS_AFTER.match(text, found.end())
    )


def _default_table(
    proc: Process, text: str, found: re.Match[str], lo: int, hi: int, future: bool, itself: bool
) -> list[str]:
    """The members of a round whose text names none of the group (`Process.default`; a state outside it, the
    U.S. of the Vienna talks, joins them): only when the round's name or the words after it name the process
    itself ("the Joint Commission of the JCPOA met", "the Vienna talks", not "nuclear talks") and, for a
    process with `Process.fact`, when the words around the name state the talks as a fact of the time; a round
    to come (`future`) only with a schedule ("set to resume on Thursday"; "ready to resume the talks" is a hope);
    `itself`: `_names_itself` of the round."""
    if not proc.default or not itself:
        return []
    near = (max(lo, found.start() - FACT_BEFORE), min(hi, found.end() + FACT_AFTER))
    if proc.fact is not None and proc.fact.search(text, *near) is None:
        return []
    if future and not _scheduled(proc, text, lo, hi):
        return []
    if proc.reference is not None and proc.reference.search(text, near[0], found.start()):
        return []
    return list(proc.default)


def _no_round_held(
    processes: Processes,
    info: SentenceInfo,
    text: str,
    found: re.Match[str],
    proc: Process,
    groups: Mapping[str, tuple[str, ...]],
) -> bool:
    """Whether the sentence names the round `found` without telling one held: denied ("negotiations to revive the
    deal are not on its agenda"), OPEC's talks, history ("the talks that led to the deal"), the deal or its body
    described ("the Joint Commission holds a meeting when ..."), other talks, stalled, a topic ("X's move harms the
    Vienna talks") or a description of the members ("partners in the arms talks, which includes A, B and C")."""
    lo, hi = info.sent.start, info.sent.end
    return bool(
        _DENIED.search(text, lo, hi)
        or _OIL_PRODUCERS.search(text, lo, hi)
        or told_as_history(text, lo, hi)
        or _other_talks(info, text, found.end(), proc, groups)
        or _stalled(processes, text, lo, found)
        or _as_topic(processes, text, lo, found)
        or _describes_members(info, text, proc)
    )


def _named_at_round(
    article: ArticleParties,
    pos: int,
    proc: Process,
    found: re.Match[str],
    itself: bool,
    igo_codes: Collection[str],
) -> frozenset[str] | None:
    """The states the text seats at the round `found` of the sentence at `pos` (before the default table of the
    time fills it): two or more members named in the sentence, or else the members named around it and the
    article's lists; None when the sentence names two or more members, none of them listed at the round."""
    infos, text, groups = article.infos, article.text, article.groups
    info = infos[pos]
    lo = info.sent.start
    # a group named as one ("the meeting of the 5+1 group") is one mention: its members come from it
    own = {m.code for m in info.parties.mentions if m.role not in PLACE_ROLES} & (
        set(proc.members) | set(groups)
    ) - _brought_back(info, text, proc)
    if len(own) >= 2:
        named = _listed_members(own, proc, groups, text[lo : info.sent.end])
        if not named:
            return None
        whole = article.whole_list(proc, pos)
        if whole is not None:
            named = _at_table(named, whole, _taking_part(infos, pos, text, groups), proc, igo_codes)
        return named
    named = named_states(infos, pos, text, proc, groups, article.history)
    if not _TOPIC.search(text, lo, found.start()):
        # not when the talks are another exchange's topic; the lists far from the round only when
        # the round's name or the words after it name the process itself
        named |= article.group_members() | article.listed(proc, None if itself else pos)
        table = article.group_members() | article.listed(proc)
        named = _at_table(named, table, _taking_part(infos, pos, text, groups), proc, igo_codes)
    return named


def process_candidates(
    article: ArticleParties, pos: int, processes: Processes, igo_codes: Collection[str]
) -> list[Candidate]:
    """The round of a process the sentence at `pos` names with fewer than two of its members (module
    docstring); the caller drops it when a cue of the sentence already made an event of the same type
    with all its parties."""
    infos, text, groups = article.infos, article.text, article.groups
    info = infos[pos]
    lo, hi = info.sent.start, info.sent.end
    out: list[Candidate] = []
    for item in processes.items:
        found = _round_name(processes, item, text, lo, hi)
        if found is None:
            continue
        proc = article.of_time(item)
        if _no_round_held(processes, info, text, found, proc, groups):
            continue
        itself = _names_itself(proc, text, found.start(), hi)
        named = _named_at_round(article, pos, proc, found, itself, igo_codes)
        if named is None:
            continue
        # a round whose date is the news is to come, with no schedule however the sentence tells it ("setting a
        # date for resuming the talks next week")
        pending = _date_pending(processes, text, lo, found)
        future = pending or round_to_come(processes, text, lo, hi, found.start())
        members = [c for c in proc.members if c in named]
        remaining = _remaining_named(text, lo, found)
        if (
            len(set(members) & set(proc.default) - set(igo_codes)) < MIN_NAMED
            or remaining
            or _powers_named(text, lo, found)
        ):
            # the remaining parties named are the table of a round to come too, scheduled or not
            default = _default_table(proc, text, found, lo, hi, future and not remaining, itself)
            members = [c for c in proc.members if c in members or c in default]
        if members and itself:
            members = [c for c in proc.members if c in members or c in article.present(proc)]
        if remaining:
            members = _remaining_members(article, pos, proc, members, igo_codes, found)
        if not members:
            continue
        for etype in _round_types(processes, proc, text, (lo, hi, found.start()), future, pending):
            cue = Cue(found.start(), found.end(), etype, True, found.group(0), irrealis=etype == INTENT)
            cand = placed_candidate(info, pos, cue, [*proc.fixed, *members], CONTEXT, igo_codes, groups)
            if cand is not None:
                out.append(cand)
    return out


def _round_types(
    processes: Processes,
    proc: Process,
    text: str,
    span: tuple[int, int, int],
    future: bool,
    pending: bool = False,
) -> tuple[str, ...]:
    """The types of a round named at `start` in the sentence text[lo:hi] (`span`: lo, hi, start): held, a
    `meeting`; to come, an `intent`, and a `meeting` too when it has a schedule ("are set to resume the talks in
    Vienna next week", "the next round is scheduled for Tuesday": the annotators code the round itself as well
    as the plan); a hope without one ("hopes the next round will be the last"), a round under a condition
    ("if the West wants to negotiate ..., talks could resume on Monday") or one whose date is the news (`pending`:
    "the date for resuming the talks will be set next week") stays an intent only."""
    lo, hi, start = span
    if not future:
        return (MEETING,)
    if not pending and not _conditional(processes, text, lo, start) and _scheduled(proc, text, lo, hi):
        return (INTENT, MEETING)
    return (INTENT,)


def _date_pending(processes: Processes, text: str, lo: int, found: re.Match[str]) -> bool:
    """Whether the sentence, up to the end of the round's name `found`, makes a round's date the news ("Iran set the
    date for resuming the talks", "the exact date to return to the Vienna talks will be set after consultations
    with the Joint Commission"): a plan, whatever weekday or week the sentence names, so the annotators' intent
    only, with no meeting."""
    pending = processes.date_pending
    return pending is not None and pending.search(text, lo, found.end()) is not None


def _scheduled(proc: Process, text: str, lo: int, hi: int) -> bool:
    """Whether the sentence text[lo:hi] gives a round to come a schedule (`Process.scheduled`: "set to resume on
    Thursday", "the next round is due next week"); a hope ("ready to resume the talks") gives none."""
    return proc.scheduled is not None and proc.scheduled.search(text, lo, hi) is not None
