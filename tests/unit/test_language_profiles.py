"""Languages come from the profiles found: a copy of the English profile under another code, in a
folder named by EVENTATLAS_LANGUAGE_PATH, is a working new language end to end."""
from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from eventatlas.nlp.languages import available_languages, language_choices, profile_dir
from eventatlas.nlp.lexicon import STAGE_TABLES, merged_tables
from eventatlas.settings import Settings, accepted_languages

ROOT = Path(__file__).resolve().parents[2]
DISPATCH = ROOT / "tests" / "golden" / "en" / "ukraine_shelling_several_towns" / "input.txt"
PACKAGED = ROOT / "src" / "eventatlas" / "nlp" / "languages"


def _extract(path: Path, lang: str, env: dict) -> list[dict]:
    out = subprocess.run([sys.executable, "-m", "eventatlas", "extract", str(path), "--lang", lang,
                          "--published", "2024-06-30"], capture_output=True, text=True, env=env, timeout=300)
    assert out.returncode == 0, out.stderr
    return [json.loads(line) for line in out.stdout.splitlines() if line.strip()]


def test_a_copied_profile_in_a_user_folder_is_a_new_language(tmp_path):
    shutil.copytree(profile_dir("en"), tmp_path / "profiles" / "xx")
    env = {**os.environ, "EVENTATLAS_LANGUAGE_PATH": str(tmp_path / "profiles"),
           "PYTHONPATH": os.pathsep.join([str(ROOT / "src"), os.environ.get("PYTHONPATH", "")])}
    english = _extract(DISPATCH, "en", env)
    copied = _extract(DISPATCH, "xx", env)
    assert english and any(e["location"] for e in english), "the dispatch gives placed events"
    assert [e["document"]["lang"] for e in copied] == ["xx"] * len(english)
    for e in english + copied:
        e["document"].pop("lang")
    assert copied == english


def test_the_languages_are_the_profiles_found(tmp_path, monkeypatch):
    assert {"fr", "en"} <= set(available_languages())
    assert language_choices()[-1] == "auto"
    assert Settings().languages == () and set(accepted_languages(Settings())) == set(available_languages())
    shutil.copytree(PACKAGED / "en", tmp_path / "yy")
    assert "yy" in available_languages(str(tmp_path))
    assert "yy" not in available_languages("")


def test_no_profile_repeats_its_code_and_each_key_is_in_one_table():
    for code in available_languages(""):
        folder = profile_dir(code, "")
        for path in folder.glob("*.json"):
            assert f'"{code}"' not in path.read_text("utf-8") or path.stem in ("dates", "numbers"), path
        data = merged_tables(code)  # raises when a key is in two tables
        assert set(STAGE_TABLES) <= {p.stem for p in folder.glob("*.json")}, code
        assert data["triggers"] and data["weekdays"]


@pytest.mark.parametrize("code", ["fr", "en"])
def test_the_external_tools_languages_come_from_the_profile(code):
    data = merged_tables(code)
    assert data["dateparser"] == code and data["text2num"] == code


def test_every_key_of_a_profile_is_read_by_the_code():
    # a key nothing reads is a word list that silently does nothing (geo.json is geo's own table)
    source = "\n".join(p.read_text("utf-8") for p in (ROOT / "src" / "eventatlas").rglob("*.py"))
    unread = [f"{path.parent.name}/{path.name}: {key}" for path in PACKAGED.glob("*/*.json") if path.stem != "geo"
              for key in json.loads(path.read_text("utf-8")) if not key.startswith("_") and f'"{key}"' not in source]
    assert not unread, unread
