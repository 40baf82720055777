"""The cooperative deadline: a passed deadline stops extraction with the package's error."""

from __future__ import annotations

import time

import pytest

from libs.contracts.errors import AccordError
from libs.extraction import Extractor
from libs.extraction.deadline import Deadline
from libs.extraction.errors import DeadlineExceeded, ExtractionError, InvalidArticleError

TEXT = "TEHRAN – Iran and Iraq on Sunday signed a memorandum of understanding on scientific cooperation. "


def test_no_deadline_never_raises() -> None:
    Deadline(None).check("anything")
    Deadline.after(None).check("anything")


def test_a_passed_deadline_raises_with_the_stage() -> None:
    with pytest.raises(DeadlineExceeded, match="during sentence analysis"):
        Deadline(time.monotonic() - 1).check("sentence analysis")


def test_extract_stops_at_a_passed_deadline(extractor: Extractor) -> None:
    with pytest.raises(DeadlineExceeded):
        extractor.extract(TEXT * 50, article_id="a1", deadline=time.monotonic() - 0.001)


def test_extract_within_the_deadline(extractor: Extractor) -> None:
    res = extractor.extract(TEXT, article_id="a1", deadline=time.monotonic() + 60)
    assert [e.countries for e in res.events] == [["IRN", "IRQ"]]


def test_errors_have_one_root() -> None:
    for cls in (DeadlineExceeded, InvalidArticleError):
        assert issubclass(cls, ExtractionError)
    assert issubclass(ExtractionError, AccordError)
    assert issubclass(InvalidArticleError, ValueError)  # callers that caught ValueError still do
