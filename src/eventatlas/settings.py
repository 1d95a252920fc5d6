"""One settings object. Every option is documented here and in README's settings table
(a test checks that both list the same names). Values come from defaults, then from
``EVENTATLAS_<NAME>`` environment variables."""
from __future__ import annotations

import os
from dataclasses import dataclass, fields


@dataclass(frozen=True, slots=True)
class Settings:
    #: Largest document accepted, in bytes; larger ones fail with EA006.
    max_document_bytes: int = 5_000_000
    #: Seconds one document may take before it is abandoned with EA007.
    document_timeout_s: float = 60.0
    #: Languages the extractor accepts (others fail with EA004 under --lang auto).
    languages: tuple[str, ...] = ("fr", "en")
    #: Minimum langid confidence under which the text counts as an unsupported language.
    min_lang_confidence: float = 0.5


def load_settings(env: dict[str, str] | None = None) -> Settings:
    env = dict(os.environ if env is None else env)
    values = {}
    for f in fields(Settings):
        raw = env.get(f"EVENTATLAS_{f.name.upper()}")
        if raw is None:
            continue
        default = getattr(Settings, f.name)
        if isinstance(default, tuple):
            values[f.name] = tuple(x.strip() for x in raw.split(",") if x.strip())
        else:
            values[f.name] = type(default)(raw)
    return Settings(**values)
