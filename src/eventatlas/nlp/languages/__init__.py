"""Language profiles: one folder per language, holding every word, phrase, pattern and table the
extractor uses for that language, and the name of its spaCy pipeline.

A profile is a folder ``<code>/`` with ``profile.json`` (``spacy_model`` and ``version``) and any
number of other JSON files (``lexicon.json``, ...) that the stages read by name. The language
code is the folder's name and nothing inside the folder repeats it, so a copy of ``en/`` under
another name is a working new language.

Profiles are found in this package and in the folders listed by the ``language_path`` setting
(``EVENTATLAS_LANGUAGE_PATH``, ``:``-separated), where a user keeps profiles of their own; a
user's profile of the same code replaces the packaged one.
"""
from __future__ import annotations

import json
import os
from functools import lru_cache
from importlib import resources
from pathlib import Path

PROFILE_FILE = "profile.json"


def _packaged_root() -> Path:
    return Path(str(resources.files("eventatlas.nlp.languages")))


def _user_roots(language_path: str) -> tuple[Path, ...]:
    return tuple(Path(p).expanduser() for p in language_path.split(os.pathsep) if p.strip())


@lru_cache(maxsize=None)
def _profiles(language_path: str) -> dict[str, Path]:
    found: dict[str, Path] = {}
    for root in (_packaged_root(), *_user_roots(language_path)):
        if not root.is_dir():
            continue
        for folder in sorted(root.iterdir()):
            if folder.is_dir() and (folder / PROFILE_FILE).is_file():
                found[folder.name] = folder
    return found


#: the language_path setting given to this process (use_language_path), over the environment's
_SET_PATH: list[str] = []


def use_language_path(language_path: str) -> None:
    """Make ``language_path`` (the setting) the folders searched for profiles in this process."""
    _SET_PATH[:] = [language_path]


def _current_path(language_path: str | None) -> str:
    if language_path is None:
        language_path = _SET_PATH[0] if _SET_PATH else os.environ.get("EVENTATLAS_LANGUAGE_PATH", "")
    return language_path


def available_languages(language_path: str | None = None) -> tuple[str, ...]:
    """The codes of every profile found, packaged first then the user's, in name order."""
    return tuple(sorted(_profiles(_current_path(language_path))))


def profile_dir(code: str, language_path: str | None = None) -> Path:
    """The folder of language ``code``; raises UnsupportedLanguage when there is no such profile."""
    try:
        return _profiles(_current_path(language_path))[code]
    except KeyError:
        from eventatlas.errors import UnsupportedLanguage
        known = ", ".join(available_languages(language_path)) or "none"
        raise UnsupportedLanguage(f"no language profile {code!r} (profiles found: {known}); "
                                  "add a folder to EVENTATLAS_LANGUAGE_PATH to add one") from None


@lru_cache(maxsize=None)
def _read_json(path: Path) -> dict:
    return json.loads(path.read_text(encoding="utf-8"))


def profile_data(code: str, name: str, language_path: str | None = None) -> dict:
    """The table ``name`` (``<name>.json``) of language ``code``'s profile; ``{}`` when the profile
    has no such file, so that a new language can start with only some of the tables."""
    path = profile_dir(code, language_path) / f"{name}.json"
    return _read_json(path) if path.is_file() else {}


def language_choices(language_path: str | None = None) -> tuple[str, ...]:
    """The values a ``--lang`` option or the API's ``lang`` field accepts: every profile, and "auto"."""
    return (*available_languages(language_path), "auto")


def spacy_model(code: str, language_path: str | None = None) -> str:
    """The name of the spaCy pipeline (an installed package or a folder) the profile asks for."""
    meta = _read_json(profile_dir(code, language_path) / PROFILE_FILE)
    model = meta["spacy_model"]
    folder = profile_dir(code, language_path)
    # a pipeline kept inside the profile folder is named by its relative path
    return str(folder / model) if (folder / model).is_dir() else model
