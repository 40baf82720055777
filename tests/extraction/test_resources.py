"""The data files load and every lexicon entry compiles."""

from __future__ import annotations

import re

from libs.extraction.resources import DATA_DIR, read_yaml


def test_every_lexicon_entry_compiles() -> None:
    triggers = read_yaml("triggers.yaml", DATA_DIR)
    for spec in triggers["types"].values():
        for strength in ("strong", "weak"):
            for pattern in spec.get(strength) or []:
                re.compile(pattern)
    for patterns in read_yaml("sectors.yaml", DATA_DIR).values():
        for pattern in patterns:
            re.compile(pattern)
