"""ingest: files, folders, JSONL dumps and feeds, read -> extract (real) -> store; idempotent, bad
inputs reported and skipped. Resuming after SIGKILL, a damaged store and a full disk:
tests/reliability/test_crash.py."""
from __future__ import annotations

import json

from eventatlas.store import open_db, query_events, stats
from eventatlas.cli import main as store_main
from eventatlas.pipeline_run import ingest_paths, parse_interval, watch
from eventatlas.store.repo import snapshot

KIRKUK_AFP = "BAGHDAD, Aug. 3, 2021 (AFP) - Gunmen killed five soldiers in an attack near Kirkuk on Monday, police said."
KIRKUK_REUTERS = "Gunmen killed seven soldiers in an attack near Kirkuk on Monday, the defence ministry said."
GAO_FR = "Des hommes armés ont tué trois civils à Gao le lundi 2 août 2021, selon la police."
FEED = """<?xml version="1.0" encoding="UTF-8"?>
<rss version="2.0"><channel><title>Sahel Wire</title><link>http://example.org</link>
<item><title>Attack in Mopti</title><link>http://example.org/1</link>
<pubDate>Tue, 03 Aug 2021 10:00:00 GMT</pubDate>
<description>&lt;p&gt;Gunmen killed four soldiers in an attack near Mopti on Monday, the army said.&lt;/p&gt;</description></item>
<item><title>Protest in Bamako</title><link>http://example.org/2</link>
<pubDate>Tue, 03 Aug 2021 11:00:00 GMT</pubDate>
<description>Hundreds of people protested peacefully in Bamako on Monday against rising prices.</description></item>
</channel></rss>
"""


def corpus(tmp_path):
    folder = tmp_path / "in"
    (folder / "sub").mkdir(parents=True, exist_ok=True)
    (folder / "afp.txt").write_text(KIRKUK_AFP, encoding="utf-8")
    (folder / "sub" / "gao.txt").write_text(GAO_FR, encoding="utf-8")
    (folder / "dump.jsonl").write_text(
        json.dumps({"id": "reuters-1", "text": KIRKUK_REUTERS, "outlet": "Reuters", "published": "2021-08-03"}) + "\n"
        + "{broken\n", encoding="utf-8")
    (folder / "wire.rss").write_text(FEED, encoding="utf-8")
    (folder / "empty.txt").write_text("", encoding="utf-8")
    return folder


def test_ingest_reads_everything_and_reports_what_it_skipped(tmp_path, db_url):
    summary = ingest_paths([corpus(tmp_path)], db_url)
    assert summary["documents_read"] == 5 and summary["documents_stored"] == 5
    assert summary["skipped_by_code"] == {"EA002": 1, "EA005": 1}
    assert summary["events_merged"] >= 1  # the two Kirkuk reports
    engine = open_db(db_url)
    events, _ = query_events(engine, limit=None)
    kirkuk = [e for e in events if (e["location"] or {}).get("name") == "Kirkuk"]
    assert len(kirkuk) == 1 and kirkuk[0]["sources"] == 2 and "reuters-1" in kirkuk[0]["documents"]
    assert any(e["document"]["outlet"] == "Sahel Wire" for e in events)

    before = snapshot(engine)
    again = ingest_paths([corpus(tmp_path)], db_url)
    assert again["documents_unchanged"] == 5 and again["documents_stored"] == 0
    assert snapshot(engine) == before


def test_watch_polls_and_stores_only_new_entries(tmp_path, sqlite_url):
    feed = tmp_path / "wire.xml"
    feed.write_text(FEED, encoding="utf-8")
    polls = list(watch([str(feed)], parse_interval("1s"), sqlite_url, max_polls=2, sleep=lambda s: None))
    assert [p["documents_stored"] for p in polls] == [2, 0]
    assert stats(open_db(sqlite_url))["documents"] == 2


def test_cli_ingest_and_export(tmp_path, sqlite_url, capsys):
    # two inputs of the corpus fail (EA002, EA005): exit status 1, as extract gives, and the rest is stored
    assert store_main(["ingest", str(corpus(tmp_path)), "--db", sqlite_url, "--json", "--quiet"]) == 1
    summary = json.loads(capsys.readouterr().out)
    assert summary["documents_stored"] == 5
    out = tmp_path / "events.geojson"
    assert store_main(["export", "--format", "geojson", "--db", sqlite_url, "-o", str(out), "--country", "Mali"]) == 0
    assert {f["properties"]["location"]["country"] for f in json.loads(out.read_text())["features"]} == {"Mali"}
    assert store_main(["export", "--db", sqlite_url, "--since", "2000-01-01"]) == 0
    feed = json.loads(capsys.readouterr().out)
    assert len(feed["new"]) == stats(open_db(sqlite_url))["events"] + stats(open_db(sqlite_url))["statements"]
