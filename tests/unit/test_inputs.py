"""eventatlas.ingest.inputs: the one folder walker. ``extract folder/`` and ``ingest folder/`` read
the same files, in the same order (a gold file beside the articles is read by neither)."""
from __future__ import annotations

import json

import pytest

from eventatlas.ingest import input_files, read_inputs
from eventatlas.model import Document

FEED = """<?xml version="1.0" encoding="UTF-8"?>
<rss version="2.0"><channel><title>Sahel Wire</title>
<item><title>Attack in Mopti</title><link>http://example.org/1</link>
<description>Gunmen killed four soldiers in an attack near Mopti on Monday, the army said.</description></item>
</channel></rss>
"""
TEXT = "Gunmen attacked an army post near Douentza, in central Mali, on Tuesday, killing four soldiers.\n"


@pytest.fixture
def folder(tmp_path):
    root = tmp_path / "corpus"
    files = {
        "b.txt": TEXT, "a.html": f"<html><body><p>{TEXT}</p></body></html>",
        "sub/c.jsonl": json.dumps({"id": "c1", "text": TEXT}) + "\n",
        "wire.rss": FEED, "saved-feed.txt": FEED,
        "expected.json": '{"events": []}', "notes.csv": "a,b\n", "layout.xml": "<?xml version='1.0'?><page/>",
        ".hidden.txt": TEXT, ".git/HEAD.txt": TEXT, "photo.jpg": "\xff\xd8",
    }
    for name, body in files.items():
        (root / name).parent.mkdir(parents=True, exist_ok=True)
        (root / name).write_text(body, encoding="utf-8")
    return root


def test_walker_keeps_inputs_only_in_path_order(folder):
    names = [p.relative_to(folder).as_posix() for p in input_files(folder)]
    # an XML file is tried as a feed (ingest.feeds.is_feed_file), and reported when it holds none
    assert names == ["a.html", "b.txt", "layout.xml", "saved-feed.txt", "sub/c.jsonl", "wire.rss"]


def test_a_folder_reads_feeds_as_their_entries(folder):
    items = list(read_inputs([folder]))
    docs = [d for d in items if isinstance(d, Document)]
    assert [e.code for e in items if not isinstance(e, Document)] == ["EA014"]  # layout.xml: no entries
    assert len(docs) == 5  # a.html, b.txt, the saved feed's entry, c1, the feed's entry
    assert sum(1 for d in docs if d.outlet == "Sahel Wire") == 2


def test_extract_and_ingest_read_the_same_documents(folder, monkeypatch, tmp_path, capsys):
    import eventatlas.extract
    from eventatlas import pipeline_run
    from eventatlas.cli import main
    from eventatlas.settings import load_settings
    from eventatlas.store.db import open_db

    extracted: list[str] = []
    monkeypatch.setattr(eventatlas.extract, "extract", lambda doc, **kw: extracted.append(doc.id) or [])
    assert main(["extract", str(folder)]) == 1  # layout.xml is reported
    assert "EA014" in capsys.readouterr().err

    summary = pipeline_run.new_summary()
    engine = open_db(f"sqlite:///{tmp_path}/walk.sqlite")
    ingested = [d.id for d in pipeline_run.pending_documents([str(folder)], engine, load_settings(), summary)]
    assert extracted == ingested and len(ingested) == 5
    assert [s["code"] for s in summary["skipped"]] == ["EA014"]
