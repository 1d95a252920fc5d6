"""Issue 9: --workers N and --dask write exactly the records the one-process ingest writes, and a
retried or resubmitted partition adds no duplicates."""
from __future__ import annotations

import json
import sys
from pathlib import Path

import pytest

from eventatlas.store.db import open_db
from eventatlas.pipeline_run import ingest_paths
from eventatlas.store.repo import snapshot

TEXTS = {
    "fr01.txt": "BAMAKO, 5 avril – Au moins douze civils ont été tués mardi par des hommes armés non identifiés "
                "dans le village de Sofara, dans la région de Mopti, selon des sources locales.",
    "fr02.txt": "OUAGADOUGOU, 6 septembre – Au moins 17 soldats ont été tués lundi lors de violents combats contre "
                "des jihadistes près de Djibo, dans le nord du Burkina Faso, a indiqué l'armée.",
    "fr03.txt": "CONAKRY, 12 juillet – La police a dispersé jeudi à coups de gaz lacrymogènes des centaines de "
                "manifestants à Conakry qui protestaient contre les coupures d'électricité.",
    "fr04.txt": "NIAMEY, 3 mars – Une mine artisanale a explosé samedi au passage d'un véhicule militaire près de "
                "Tillabéri, tuant quatre soldats nigériens, a annoncé le ministère de la Défense.",
    "fr05.txt": "BANGUI, 13 septembre – Le gouvernement centrafricain et le groupe armé 3R ont signé hier à Bangui "
                "un accord de cessez-le-feu, a annoncé la présidence.",
    "fr06.txt": "DJIBO, 7 septembre – Dix-sept militaires sont morts lundi dans une embuscade jihadiste près de "
                "Djibo, au Burkina Faso, selon l'état-major.",
    "en01.txt": "KABUL, May 2 – Taliban fighters attacked a police checkpoint in Kandahar province on Tuesday, "
                "killing three officers, a provincial spokesman said.",
    "en02.txt": "BOGOTA, June 4 – Hundreds of students marched in Popayan on Friday to demand more university "
                "funding; the protest turned violent when some threw stones at the police.",
    "en03.txt": "BAGHDAD, March 9 – A roadside bomb exploded near a market in Baqubah on Sunday, killing two "
                "civilians and wounding five others, police said.",
    "en04.txt": "KINSHASA, Oct. 1 – Armed men looted shops in Mongbwalu, Ituri province, on Saturday night, "
                "residents told reporters.",
    "en05.txt": "BAMAKO, April 6 – Mali's army clashed with JNIM militants near Douentza on Wednesday, the "
                "army said, adding that ten militants were killed.",
    "en06.txt": "KANDAHAR, May 3 – Three police officers were killed when Taliban gunmen stormed a checkpoint "
                "in Kandahar province on Tuesday, officials said.",
    "bad_empty.txt": "   \n",
    "bad_de.txt": "Die Regierung hat am Montag in Berlin neue Gesetze beschlossen, die im nächsten Jahr gelten sollen.",
}


@pytest.fixture(scope="module")
def corpus(tmp_path_factory) -> Path:
    folder = tmp_path_factory.mktemp("corpus")
    for name, text in TEXTS.items():
        (folder / name).write_text(text, encoding="utf-8")
    return folder


def _db(tmp_path: Path, name: str):
    return open_db(f"sqlite:///{tmp_path / name}.sqlite")


def _comparable(summary: dict) -> dict:
    s = dict(summary)
    s["skipped"] = sorted(json.dumps(x, sort_keys=True) for x in s["skipped"])
    return s


def _events(engine) -> list[str]:
    """Sorted JSON of the stored records and merged events (timestamps left out by snapshot)."""
    snap = snapshot(engine)
    return sorted(json.dumps(r, sort_keys=True, default=str) for t in ("records", "events") for r in snap[t])


@pytest.fixture(scope="module")
def reference(corpus, tmp_path_factory):
    engine = _db(tmp_path_factory.mktemp("ref"), "ref")
    summary = ingest_paths([str(corpus)], engine)
    assert summary["documents_stored"] == 12 and summary["records"] > 0
    assert summary["events_merged"] >= 1  # the same attack told twice: order-sensitive merging is exercised
    assert summary["skipped_by_code"] == {"EA002": 1, "EA004": 1}
    return summary, snapshot(engine), _events(engine)


@pytest.fixture(scope="module")
def client():
    pytest.importorskip("distributed", reason="dask[distributed] is not installed: pip install 'dask[distributed]'")
    from distributed import Client

    from eventatlas.batch.cluster import local_cluster
    with local_cluster(2) as cluster, Client(cluster) as c:
        yield c


def test_workers_2_writes_the_same_records(corpus, reference, tmp_path):
    from eventatlas.pipeline_run import ingest_parallel
    engine = _db(tmp_path, "w2")
    stats: dict = {}
    summary = ingest_parallel([str(corpus)], engine, workers=2, chunk_size=3, stats=stats)
    assert _comparable(summary) == _comparable(reference[0])
    assert _events(engine) == reference[2]
    assert snapshot(engine) == reference[1]
    assert len(stats["worker_peak_rss_mb"]) == 2


def test_dask_writes_the_same_records(corpus, reference, client, tmp_path):
    from eventatlas.pipeline_run import ingest_dask
    engine = _db(tmp_path, "dask")
    staging = tmp_path / "staging"
    summary = ingest_dask([str(corpus)], engine, client=client, partition_size=3, staging=staging)
    assert _comparable(summary) == _comparable(reference[0])  # coded errors collected, not raised
    assert _events(engine) == reference[2]
    assert snapshot(engine) == reference[1]
    assert len(list(staging.glob("part-*.parquet"))) == 5  # 13 readable documents (12 + the EA004 one) by 3
    # Run again: everything is stored already, nothing is extracted or added.
    again = ingest_dask([str(corpus)], engine, client=client, partition_size=3, staging=staging)
    assert (again["documents_read"], again["documents_unchanged"], again["documents_stored"]) == (13, 12, 0)
    assert again["skipped_by_code"] == {"EA002": 1, "EA004": 1}  # the German text is tried again, like ingest_paths
    assert snapshot(engine) == reference[1]


def test_partition_submitted_twice_adds_no_duplicates(corpus, reference, client, tmp_path):
    from eventatlas import pipeline_run
    from eventatlas.batch import work
    from eventatlas.batch.cluster import run_partition
    from eventatlas.settings import load_settings
    settings = load_settings()
    engine = _db(tmp_path, "twice")
    summary = pipeline_run.new_summary()
    docs = list(pipeline_run.pending_documents([str(corpus)], engine, settings, summary))
    parts = [docs[i:i + 4] for i in range(0, len(docs), 4)]
    # Each partition twice, as distinct tasks (pure=False): two runs, two loads of the same file.
    futures = [client.submit(run_partition, p, "auto", settings, str(tmp_path / "st"), pure=False)
               for p in parts for _ in range(2)]
    for future in futures:
        for outcome in work.read_partition(future.result()["path"]):
            pipeline_run.store_outcome(engine, summary, outcome)
    assert summary["documents_stored"] == 12 and summary["documents_unchanged"] == 12  # the second copies
    assert [s["code"] for s in summary["skipped"]] == ["EA002", "EA004", "EA004"]
    assert _events(engine) == reference[2]
    assert snapshot(engine) == reference[1]


def flaky_partition(documents, lang, settings, staging):
    """Fails the first attempt of every partition (a worker dying mid-task), succeeds on the retry."""
    from eventatlas.batch import work
    from eventatlas.batch.cluster import run_partition
    marker = Path(staging) / f"attempted-{work.partition_key(documents)}"
    if not marker.exists():
        marker.parent.mkdir(parents=True, exist_ok=True)
        marker.write_text("1")
        # Half-written output of the failed attempt must not matter either.
        (Path(staging) / f"part-{work.partition_key(documents)}.parquet").write_bytes(b"garbage")
        raise RuntimeError("worker lost")
    return run_partition(documents, lang, settings, staging)


def test_retried_partition_adds_no_duplicates(corpus, reference, client, tmp_path):
    import cloudpickle

    from eventatlas.pipeline_run import ingest_dask
    cloudpickle.register_pickle_by_value(sys.modules[__name__])  # workers cannot import the test module
    try:
        engine = _db(tmp_path, "retry")
        summary = ingest_dask([str(corpus)], engine, client=client, partition_size=5, retries=1,
                              staging=tmp_path / "st", task=flaky_partition)
        assert _comparable(summary) == _comparable(reference[0])
        assert snapshot(engine) == reference[1]
        # No retries: the failed partitions are reported per document, not raised.
        engine2 = _db(tmp_path, "noretry")
        failed = ingest_dask([str(corpus)], engine2, client=client, partition_size=5, retries=0,
                             staging=tmp_path / "st2", task=flaky_partition)
        assert failed["documents_stored"] == 0 and len(failed["skipped"]) == 14
        assert failed["skipped_by_code"] == {"EA002": 1, "bug": 13}
    finally:
        cloudpickle.unregister_pickle_by_value(sys.modules[__name__])


def test_cli_flags_dispatch(monkeypatch):
    import eventatlas.pipeline_run as batch
    from eventatlas.cli import build_parser
    calls = []
    empty = {"documents_read": 0, "documents_stored": 0, "documents_unchanged": 0, "skipped": [], "records": 0,
             "statements": 0, "events_new": 0, "events_merged": 0, "events_merged_away": 0}
    monkeypatch.setattr(batch, "ingest_parallel", lambda paths, db, **kw: calls.append(("workers", kw)) or empty)
    monkeypatch.setattr(batch, "ingest_dask", lambda paths, db, **kw: calls.append(("dask", kw)) or empty)
    parser = build_parser()
    for argv in (["ingest", "x", "--workers", "3"], ["ingest", "x", "--dask", "local"],
                 ["ingest", "x", "--dask", "tcp://h:8786", "--workers", "4"]):
        args = parser.parse_args(argv)
        assert args.func(args) == 0
    from eventatlas.settings import Settings
    assert all(isinstance(kw.pop("settings"), Settings) for _, kw in calls)  # the run's settings (--published)
    assert calls[0] == ("workers", {"workers": 3, "lang": "auto", "progress": True})
    assert calls[1] == ("dask", {"address": "local", "workers": 2, "lang": "auto", "progress": True})
    assert calls[2][1]["address"] == "tcp://h:8786" and calls[2][1]["workers"] == 4
    with pytest.raises(SystemExit):
        parser.parse_args(["ingest", "x", "--workers", "0"])


# --- the per-document time limit holds on every path (EA007 reported, the batch goes on) -------------

def _tiny_timeout():
    from dataclasses import replace as dc_replace

    from eventatlas.settings import load_settings
    return dc_replace(load_settings(), document_timeout_s=1e-6)  # every document is past its deadline


def _all_timed_out(summary: dict) -> None:
    assert summary["documents_stored"] == 0 and summary["records"] == 0
    # the 12 good documents (and the German one when the alarm beats language detection)
    assert summary["skipped_by_code"].get("EA007", 0) >= 12, summary["skipped_by_code"]
    assert all("document_timeout_s" in s["message"] for s in summary["skipped"] if s["code"] == "EA007")


def test_time_limit_in_one_process_ingest(corpus, tmp_path):
    _all_timed_out(ingest_paths([str(corpus)], _db(tmp_path, "t1"), settings=_tiny_timeout()))


def test_time_limit_in_worker_processes(corpus, tmp_path):
    from eventatlas.pipeline_run import ingest_parallel
    _all_timed_out(ingest_parallel([str(corpus)], _db(tmp_path, "t2"), workers=2, settings=_tiny_timeout()))


def test_time_limit_on_dask_worker_threads(corpus, client, tmp_path):
    """Dask runs tasks in worker threads, out of SIGALRM's reach: the deadline is checked cooperatively."""
    from eventatlas.pipeline_run import ingest_dask
    _all_timed_out(ingest_dask([str(corpus)], _db(tmp_path, "t3"), client=client, settings=_tiny_timeout()))


def test_time_limit_in_a_thread_abandons_a_long_document():
    """A long document in a non-main thread (the API, Dask) stops at the next checkpoint, well before
    its natural end, and a short one in the same thread afterwards is unaffected."""
    import threading
    import time
    from dataclasses import replace as dc_replace

    from eventatlas.errors import DocumentTimeout
    from eventatlas.extract import extract
    from eventatlas.model import Document
    from eventatlas.settings import load_settings
    text = TEXTS["en03.txt"]
    long_doc = Document(id="long", text="\n\n".join([text] * 400), lang="en", source_path="long.txt")
    short = Document(id="short", text=text, lang="en")
    extract(short, settings=load_settings())  # models loaded outside the clock
    out: dict = {}

    def work():
        t0 = time.perf_counter()
        try:
            extract(long_doc, settings=dc_replace(load_settings(), document_timeout_s=0.3))
        except DocumentTimeout as exc:
            out["error"], out["elapsed"] = exc, time.perf_counter() - t0
        out["short"] = extract(short, settings=dc_replace(load_settings(), document_timeout_s=30))

    thread = threading.Thread(target=work)
    thread.start()
    thread.join(120)
    assert out["error"].code == "EA007" and "long.txt" in str(out["error"])
    assert out["elapsed"] < 10  # the whole document takes far longer; spaCy's parse is the one step that runs on
    assert out["short"], "the next document in the same thread must run with its own budget"
