"""Article genre: commentary (opinion and history essays) reports no news events.

An article without a dateline whose words are dense with the rhetoric of commentary ("in other
words", "I believe", "imagine", "of course", "the West", "hegemony", "imperialism": five kinds at
least, ten in 1,000 words) is an opinion or history essay: the treaties and talks it names are
arguments, not news (blind_4's essays on a nuclear deal's history or a colonial treaty). Reported
news carries a dateline or few such words.
"""

from __future__ import annotations

import re

_COMMENTARY = re.compile(
    r"\b(?:[Ii]n\s+other\s+words|[Aa]s\s+we\s+(?:can\s+)?see|I\s+(?:believe|think)|[Ii]t\s+seems|[Ii]magine|"
    r"[Oo]f\s+course|[Ii]ndeed|[Uu]ndoubtedly|[Ww]e\s+(?:should|must|need)|our\s+country|the\s+West|"
    r"Zionist|hegemon\w*|imperialis\w*|arrogan\w*|colonial\w*)\b"
)
COMMENTARY_DENSITY = 10.0  # commentary words per 1,000 words
COMMENTARY_KINDS = 5  # distinct commentary words (a name repeated through a report is not rhetoric)


def commentary(text: str, has_dateline: bool) -> bool:
    """Whether an article is commentary rather than news (see the module docstring)."""
    if has_dateline:
        return False
    found = [re.sub(r"\s+", " ", m.group(0).lower())[:8] for m in _COMMENTARY.finditer(text)]
    return (
        len(set(found)) >= COMMENTARY_KINDS
        and len(found) * 1000 / max(len(text.split()), 1) >= COMMENTARY_DENSITY
    )
