"""Language identification (py3langid), limited to deciding whether we support the text."""
from __future__ import annotations

from functools import lru_cache

from eventatlas.errors import UnsupportedLanguage


@lru_cache(maxsize=1)
def _identifier():
    from py3langid.langid import MODEL_DIR, MODEL_FILE, LanguageIdentifier
    return LanguageIdentifier.from_modelpath(MODEL_DIR / MODEL_FILE, norm_probs=True)


def detect_language(text: str, supported=None, min_confidence: float = 0.5,
                    source: str | None = None) -> tuple[str, float]:
    """(lang, confidence); raises UnsupportedLanguage when the text is confidently in another language.
    ``supported``: the codes to choose from, every language profile found when None or empty."""
    if not supported:
        from eventatlas.nlp.languages import available_languages
        supported = available_languages()
    sample = text[:5000]
    ident = _identifier()
    lang, prob = ident.classify(sample)
    if lang in supported:
        return lang, float(prob)
    # Short or mixed texts: fall back to the best supported language if it is close.
    ranked = sorted(ident.rank(sample), key=lambda x: -x[1])
    best_supported = next(((l, p) for l, p in ranked if l in supported), None)
    if prob < min_confidence and best_supported:
        return best_supported[0], float(best_supported[1])
    raise UnsupportedLanguage(f"text is in {lang!r} (confidence {prob:.2f})", source=source)
