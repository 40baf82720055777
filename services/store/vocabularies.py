"""What a client needs to label things: event types, sectors, countries (ISO 3166) and IGOs.

Country names are the short common names (pycountry's `common_name` when it
has one: "Iran", not "Iran, Islamic Republic of"); `numeric` is the ISO 3166
numeric code that world-map topologies use. IGOs are those the extractor
recognises (`libs/extraction/data/igos.yaml`): `id` is what events carry.
"""

from __future__ import annotations

import functools
from typing import Any

import pycountry

from libs.contracts.events import EventType, Sector


@functools.cache
def countries() -> dict[str, dict[str, str]]:
    """{alpha-3: {"iso3", "name", "numeric"}} of every ISO 3166-1 country."""
    out = {}
    for c in sorted(pycountry.countries, key=lambda c: c.alpha_3):
        name = getattr(c, "common_name", None) or c.name
        out[c.alpha_3] = {"iso3": c.alpha_3, "name": name, "numeric": c.numeric}
    return out


@functools.cache
def igos() -> dict[str, dict[str, str]]:
    """{short name: {"id", "name"}}; the name is the IGO's first full alias."""
    from libs.extraction.resources import read_yaml

    out = {}
    for short, aliases in sorted(read_yaml("igos.yaml")["igos"].items()):
        full = next((a for a in aliases or () if a != short and " " in a), short)
        out[str(short)] = {"id": str(short), "name": str(full)}
    return out


def is_country(code: str) -> bool:
    return code in countries()


def label(party: str) -> str:
    """A display name of a country code or an IGO short name (the id itself when unknown)."""
    known = countries().get(party) or igos().get(party)
    return known["name"] if known else party


def vocabularies() -> dict[str, Any]:
    return {
        "types": [t.value for t in EventType],
        "sectors": [s.value for s in Sector],
        "countries": list(countries().values()),
        "igos": list(igos().values()),
    }
