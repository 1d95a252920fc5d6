"""One settings object. Every option is documented here and in README's settings table
(a test checks that both list the same names). Values come from defaults, then from
``EVENTATLAS_<NAME>`` environment variables."""
from __future__ import annotations

import os
from dataclasses import dataclass, fields

from eventatlas.errors import BadOption


@dataclass(frozen=True, slots=True)
class Settings:
    #: Largest document accepted, in bytes; larger ones fail with EA006.
    max_document_bytes: int = 5_000_000
    #: Seconds one document may take before it is abandoned with EA007 (0 turns the limit off).
    document_timeout_s: float = 60.0
    #: Languages the extractor accepts (others fail with EA004 under --lang auto).
    languages: tuple[str, ...] = ("fr", "en")
    #: Minimum langid confidence under which the text counts as an unsupported language.
    min_lang_confidence: float = 0.5
    #: Folder of a classifier built with `eventatlas train` from your own ACLED export ("" = rules only).
    event_model: str = ""
    #: Probability above which the trained classifier's sub-type replaces the rules' (English texts).
    event_model_threshold: float = 0.5
    #: Bearer token that turns on the API's write endpoints ("" = writes off).
    api_token: str = ""
    #: JSON file of your own actor identities and aliases, merged over the packaged catalogue ("" = none).
    actor_catalogue: str = ""


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
    return Settings(**values)
