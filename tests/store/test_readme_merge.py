"""README's merging section shows one merged event (gold group m01: a French and an English report)
with its per-field provenance; this test rebuilds it from the raw texts and compares.
``python -m tests.store.test_readme_merge`` prints the block to paste after a deliberate change."""
from __future__ import annotations

import json
import re
import tempfile
from pathlib import Path

README = Path(__file__).resolve().parents[2] / "README.md"
MARK = re.compile(r"<!-- merge-example -->\n```json\n(.*?)\n```", re.S)


def merged_example() -> dict:
    from eventatlas.eval.merge import _documents, load
    from eventatlas.extract import extract_many
    from eventatlas.store import get_document, get_event, open_db, upsert_document_with_events
    rows = load(ids={"m01"})
    rows = [r for r in rows if r["group"] == "m01"]
    documents = _documents(rows)
    with tempfile.TemporaryDirectory() as folder:
        engine = open_db(f"sqlite:///{Path(folder) / 'example.sqlite'}")
        for doc, events in zip(documents, extract_many(documents)):
            upsert_document_with_events(engine, doc, events)
        record = next(r for r in get_document(engine, documents[0].id, with_text=False)["records"]
                      if r["event_type"])
        event = get_event(engine, record["event"])
        engine.dispose()
    loc, fat = event["location"], event["fatalities"]
    return {
        "id": event["id"], "documents": event["documents"], "sources": event["sources"],
        "event_type": event["event_type"], "sub_event_type": event["sub_event_type"],
        "date": {k: event["date"][k] for k in ("start", "precision", "text")},
        "location": {k: loc[k] for k in ("name", "admin1", "admin1_code", "precision", "text")},
        "fatalities": {k: fat[k] for k in ("low", "best", "high", "text")},
        "actors": [{k: a.get(k) for k in ("role", "name", "document") if a.get(k)} for a in event["actors"]],
        "certainty": event["certainty"], "certainty_rule": event["certainty_rule"],
        "certainty_reports": event["certainty_reports"],
        "provenance": event["provenance"],
        "merge_why": [{"record": w["record"], "document": w["document"], "with": w["with"], "rule": w["rule"],
                       "features": w["features"]} for w in event["merge_why"]],
    }


def render(example: dict) -> str:
    """One line per key (lists of objects: one line per item), for reading in the README."""
    lines = []
    for key, value in example.items():
        if isinstance(value, list) and value and isinstance(value[0], dict):
            items = ",\n".join("    " + json.dumps(v, ensure_ascii=False) for v in value)
            lines.append(f'  "{key}": [\n{items}\n  ]')
        else:
            lines.append(f'  "{key}": {json.dumps(value, ensure_ascii=False)}')
    return "{\n" + ",\n".join(lines) + "\n}"


def test_readme_shows_the_merged_example():
    found = MARK.search(README.read_text("utf-8"))
    assert found, "README lacks the <!-- merge-example --> block"
    assert json.loads(found.group(1)) == json.loads(render(merged_example())), \
        "README's merged example is stale: python -m tests.store.test_readme_merge prints the new one"


if __name__ == "__main__":
    print(render(merged_example()))
