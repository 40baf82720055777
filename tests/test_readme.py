"""The README stays current: its configuration table is what `accord config --markdown` prints."""

from pathlib import Path

from app.config import markdown_table

README = Path(__file__).resolve().parents[1] / "README.md"


def test_readme_configuration_table_matches_the_settings() -> None:
    assert markdown_table() in README.read_text(encoding="utf-8"), (
        "README configuration table is stale: paste the output of `accord config --markdown`"
    )


def test_readme_shows_the_two_commands() -> None:
    text = README.read_text(encoding="utf-8")
    assert "make run" in text and "make test" in text
