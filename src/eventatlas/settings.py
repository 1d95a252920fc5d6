"""One settings object. Every option is documented here and in README's settings table
(a test checks that both list the same names). Values come from defaults, then from
``EVENTATLAS_<NAME>`` environment variables."""
from __future__ import annotations

import os
from pathlib import Path
from dataclasses import dataclass, fields

from eventatlas.errors import BadOption


@dataclass(frozen=True, slots=True)
class Settings:
    #: Largest document accepted, in bytes; larger ones fail with EA006.
    max_document_bytes: int = 5_000_000
    #: Seconds one document may take before it is abandoned with EA007 (0 turns the limit off).
    document_timeout_s: float = 60.0
    #: Languages the extractor accepts (others fail with EA004 under --lang auto); empty = every language profile found.
    languages: tuple[str, ...] = ()
    #: Folders (":"-separated) holding your own language profiles, one folder per language code.
    language_path: str = ""
    #: Minimum langid confidence under which the text counts as an unsupported language.
    min_lang_confidence: float = 0.5
    #: Folder of a model built with `eventatlas train` from your own ACLED export and/or reviewed
    #: records ("" = rules only); used for the languages it was trained on (learn/apply.py).
    event_model: str = ""
    #: Calibrated probability at or above which the trained model's sub-type replaces the rules', and
    #: at which it adds an event to a text the rules find none in. 0.2: the best of 0-0.6 for
    #: rules+model in 3-fold cross-validation on ACLED development rows (learn/linear.py).
    event_model_threshold: float = 0.2
    #: Bearer token that turns on the API's write endpoints ("" = writes off).
    api_token: str = ""
    #: Publication date (YYYY-MM-DD) of documents whose source gives none; `--published` sets it for one run
    #: ("" = infer the date from the text).
    default_published: str = ""
    #: Named reviewers' bearer tokens, "name:token,name:token" (each name is recorded with every write it makes).
    api_tokens: tuple[str, ...] = ()
    #: JSON file of your own actor identities and aliases, merged over the packaged catalogue ("" = none).
    actor_catalogue: str = ""


#: The reviewer name the single ``api_token`` writes under.
ADMIN_REVIEWER = "admin"


def reviewer_tokens(settings: Settings, token: str | None = None) -> dict[str, str]:
    """{token: reviewer name} from ``api_tokens`` ("name:token") and ``api_token`` (named "admin");
    ``token``, when given, stands in for ``api_token``. A malformed entry is a coded error (EA008)."""
    out: dict[str, str] = {}
    for entry in settings.api_tokens:
        name, sep, secret = entry.partition(":")
        name, secret = name.strip(), secret.strip()
        if not sep or not name or not secret:
            raise BadOption(f"{env_name('api_tokens')}: {entry!r} is not name:token")
        if secret in out and out[secret] != name:
            raise BadOption(f"{env_name('api_tokens')}: one token is given to two reviewers")
        out[secret] = name
    single = settings.api_token if token is None else token
    if single:
        out.setdefault(single, ADMIN_REVIEWER)
    return out


def data_dir() -> Path:
    """The folder of the default store and the gazetteer index: ``EVENTATLAS_DATA_DIR``, else the
    user data folder (``~/.local/share/eventatlas`` on Linux)."""
    override = os.environ.get("EVENTATLAS_DATA_DIR")
    if override:
        return Path(override).expanduser()
    from platformdirs import user_data_dir
    return Path(user_data_dir("eventatlas"))


def env_name(field_name: str) -> str:
    return f"EVENTATLAS_{field_name.upper()}"


def load_settings(env: dict[str, str] | None = None) -> Settings:
    """Defaults, overridden by ``EVENTATLAS_<NAME>`` variables; a bad value is a coded error (EA008)."""
    env = dict(os.environ if env is None else env)
    values = {}
    for f in fields(Settings):
        name = env_name(f.name)
        raw = env.get(name)
        if raw is None:
            continue
        # With slots=True the class attribute is a slot descriptor, so the default comes from the field.
        default = f.default
        if isinstance(default, tuple):
            values[f.name] = tuple(x.strip() for x in raw.split(",") if x.strip())
            continue
        try:
            values[f.name] = type(default)(raw.strip())
        except ValueError:
            raise BadOption(f"{name}={raw!r} is not a valid {type(default).__name__}") from None
    published = values.get("default_published", "")
    if published:
        import datetime as dt
        try:
            values["default_published"] = dt.date.fromisoformat(published).isoformat()
        except ValueError:
            raise BadOption(f"{env_name('default_published')}={published!r} is not a date (YYYY-MM-DD)") from None
    return Settings(**values)


def accepted_languages(settings: Settings) -> tuple[str, ...]:
    """The languages the extractor accepts: the setting, or every language profile found."""
    from eventatlas.nlp.languages import available_languages, use_language_path
    if settings.language_path:
        use_language_path(settings.language_path)
    return settings.languages or available_languages()
