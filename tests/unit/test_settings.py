"""eventatlas.settings: one settings object, documented in README and overridable from the environment.

Values come from the defaults, then from ``EVENTATLAS_<NAME>`` environment variables.
"""
from __future__ import annotations

import re
from dataclasses import fields
from pathlib import Path

import pytest

from eventatlas.errors import BadOption
from eventatlas.settings import Settings, load_settings

README = Path(__file__).resolve().parents[2] / "README.md"


def readme_settings_table() -> dict[str, tuple[str, str]]:
    """{name: (default, meaning)} from the table under README's "## Settings" heading."""
    text = README.read_text(encoding="utf-8")
    section = text.split("\n## Settings\n", 1)[1].split("\n## ", 1)[0]
    rows = {}
    for line in section.splitlines():
        cells = [c.strip() for c in line.strip().strip("|").split("|")]
        match = re.fullmatch(r"`(\w+)`", cells[0]) if line.startswith("|") else None
        if match:
            rows[match.group(1)] = (cells[1].strip("`"), cells[2])
    return rows


def test_readme_documents_every_setting_and_no_other():
    assert set(readme_settings_table()) == {f.name for f in fields(Settings)}


def test_readme_gives_each_setting_its_real_default_and_a_meaning():
    for name, (default, meaning) in readme_settings_table().items():
        value = getattr(Settings(), name)
        shown = ",".join(value) if isinstance(value, tuple) else str(value)
        assert default == shown, name
        assert len(meaning) > 20, name


def test_every_setting_is_documented_in_the_code():
    source = Path(load_settings.__code__.co_filename).read_text(encoding="utf-8")
    for f in fields(Settings):
        assert re.search(rf"#: .+\n\s+{f.name}:", source), f"{f.name} has no #: comment"


def test_defaults_without_environment():
    assert load_settings({}) == Settings()
    assert Settings().max_document_bytes == 5_000_000 and Settings().document_timeout_s == 60.0


def test_environment_overrides_each_kind_of_value():
    settings = load_settings({"EVENTATLAS_MAX_DOCUMENT_BYTES": "1000",
                              "EVENTATLAS_DOCUMENT_TIMEOUT_S": "2.5",
                              "EVENTATLAS_LANGUAGES": "fr, en ,",
                              "EVENTATLAS_MIN_LANG_CONFIDENCE": "0.9",
                              "UNRELATED": "x"})
    assert settings == Settings(max_document_bytes=1000, document_timeout_s=2.5, languages=("fr", "en"),
                                min_lang_confidence=0.9)


def test_the_process_environment_is_read_by_default(monkeypatch):
    monkeypatch.setenv("EVENTATLAS_MAX_DOCUMENT_BYTES", "1234")
    assert load_settings().max_document_bytes == 1234


@pytest.mark.parametrize("name, value", [("EVENTATLAS_MAX_DOCUMENT_BYTES", "5MB"),
                                         ("EVENTATLAS_DOCUMENT_TIMEOUT_S", "a minute")])
def test_a_value_of_the_wrong_type_is_ea008_naming_the_variable(name, value):
    with pytest.raises(BadOption) as error:
        load_settings({name: value})
    assert str(error.value).startswith(f"EA008 {name}=")


def test_settings_are_frozen():
    with pytest.raises(AttributeError):
        Settings().max_document_bytes = 1  # type: ignore[misc]
