"""Segmentation and cleaning: offsets stay exact, noise is handled."""

from __future__ import annotations

from libs.extraction.text import segment


def _texts(text: str) -> list[str]:
    return [s.text for s in segment(text).sentences]


def test_offsets_point_into_the_original_text() -> None:
    text = (
        "![](https://x.org/a.png)\nROME – Italy and Chile met.  They talked.\n\nBy Jane Roe\nIt rained.MK/PA"
    )
    doc = segment(text)
    assert doc.sentences
    for s in doc.sentences:
        assert text[s.start : s.end] == s.text
        assert s.text == s.text.strip()


def test_sentences_glued_without_space_are_split() -> None:
    assert _texts("Ghana and Peru met in Lima.During the talks they agreed on trade.") == [
        "Ghana and Peru met in Lima.",
        "During the talks they agreed on trade.",
    ]


def test_heading_glued_to_next_sentence_is_split() -> None:
    assert _texts("New agreement on fisheriesOn Monday the two ministers signed it.") == [
        "New agreement on fisheries",
        "On Monday the two ministers signed it.",
    ]


def test_abbreviations_do_not_end_sentences() -> None:
    assert _texts("The U.S. envoy met Dr. Smith on Jan. 5 in Oslo. Then he left.") == [
        "The U.S. envoy met Dr. Smith on Jan. 5 in Oslo.",
        "Then he left.",
    ]


def test_repeated_trailing_sentences_are_marked_duplicate() -> None:
    text = "Chad and Niger signed a pact on water. The pact covers ten years.\n   The pact covers ten years."
    doc = segment(text)
    assert [s.duplicate for s in doc.sentences] == [False, False, True]
    assert len(doc.content_sentences()) == 2


def test_image_links_bylines_signoffs_and_licence_are_masked() -> None:
    text = (
        "![](https://img.example/1.jpg)\nBy John Smith\nLIMA – Peru hosted Chile.\n"
        "All Content by Lima Wire is licensed under a Creative Commons Attribution 2.5 Generic License."
    )
    doc = segment(text)
    assert [s.text for s in doc.sentences] == ["Peru hosted Chile."]
    assert "img.example" not in doc.work


def test_dateline_is_recognised_and_masked() -> None:
    doc = segment("TEHRAN (FNA)- Iranian and Kazakh scholars held a webinar.")
    assert doc.dateline_place == "Tehran"
    assert doc.dateline_agency == "FNA"
    assert doc.sentences[0].text.startswith("Iranian")
    doc = segment("ISFAHAN, Iran - The Swiss minister visited the city.")
    assert (doc.dateline_place, doc.dateline_country) == ("Isfahan", "Iran")


def test_empty_and_whitespace_text() -> None:
    assert segment("").sentences == []
    assert segment("   \n\n  ").sentences == []
