"""eventatlas.cli: the `extract` command's contract (DESIGN.md, "The CLI contract").

`extract --format jsonl` prints one event record per line on stdout and nothing else there;
progress and errors go to stderr. Every span in a record points into `document.text`.
"""
from __future__ import annotations

import json
from pathlib import Path

import pytest

from eventatlas import cli

GOLDEN = Path(__file__).resolve().parents[1] / "golden"
GOLDEN_CASES = sorted(p.parent for p in GOLDEN.glob("*/*/input.txt"))

DISPATCH = ("BAMAKO, March 14 - Gunmen attacked an army post near Douentza, in central Mali, on Tuesday, "
            "killing at least four soldiers, the army said in a statement.\n")
DEPECHE = ("OUAGADOUGOU, 14 mars - Des hommes armés ont attaqué mardi un poste de l'armée près de Djibo, "
           "dans le nord du Burkina Faso, tuant trois soldats, selon une source sécuritaire.\n")


def run(capsys, *args) -> tuple[int, str, str]:
    status = cli.main(["extract", *map(str, args)])
    out, err = capsys.readouterr()
    return status, out, err


# --- output formats ------------------------------------------------------------------------------

def test_jsonl_on_stdout_is_json_lines_only_in_a_child_process(run_cli, write):
    # A separate process, as a user runs it: nothing a library prints at import or load time may
    # reach stdout.
    result = run_cli("extract", write("dispatch.txt", DISPATCH), "--published", "2024-03-14", "--format", "jsonl")
    assert result.returncode == 0, result.stderr
    lines = result.stdout.splitlines()
    assert lines, result.stderr
    assert all(isinstance(json.loads(line), dict) for line in lines)
    assert "dispatch.txt: 1 events" in result.stderr  # progress goes to stderr


def test_jsonl_is_the_default_format(capsys, write):
    status, out, _ = run(capsys, write("dispatch.txt", DISPATCH), "--published", "2024-03-14")
    assert status == 0
    assert [json.loads(line)["event_type"] for line in out.splitlines()] == ["Battles"]


def test_json_format_is_one_array_of_records(capsys, write):
    status, out, _ = run(capsys, write("a.txt", DISPATCH), write("b.txt", DEPECHE), "--published", "2024-03-14",
                         "--format", "json")
    records = json.loads(out)
    assert status == 0 and isinstance(records, list) and len(records) >= 2
    assert [r["document"]["lang"] for r in records][:1] == ["en"]


def test_table_format_has_a_header_and_one_row_per_record(capsys, write):
    status, out, _ = run(capsys, write("a.txt", DISPATCH), "--published", "2024-03-14", "--format", "table")
    header, *rows = out.splitlines()
    assert status == 0
    assert header.split() == ["date", "event_type", "sub_event_type", "location", "admin1", "fatalities",
                              "certainty", "source"]
    assert len(rows) == 1 and rows[0].startswith("2024-03-12  Battles")


def test_no_input_gives_no_records_and_status_0_with_an_empty_table(capsys, write, tmp_path):
    (tmp_path / "empty-folder").mkdir()
    status, out, _ = run(capsys, tmp_path / "empty-folder", "--format", "table")
    assert status == 0 and out.split() == ["date", "event_type", "sub_event_type", "location", "admin1",
                                           "fatalities", "certainty", "source"]


# --- options -------------------------------------------------------------------------------------

def test_published_dates_relative_expressions_for_inputs_without_one(capsys, write):
    _, out, _ = run(capsys, write("a.txt", DISPATCH), "--published", "2024-03-14")
    record = json.loads(out.splitlines()[0])
    assert record["document"]["published"] == "2024-03-14" and record["document"]["published_inferred"] is False
    assert record["date"]["start"] == "2024-03-12"  # "on Tuesday" before Thursday 14 March


def test_published_does_not_override_the_date_a_jsonl_record_carries(capsys, write):
    batch = write("batch.jsonl", json.dumps({"id": "x", "text": DISPATCH, "published": "2024-03-15"}) + "\n")
    _, out, _ = run(capsys, batch, "--published", "2024-01-01")
    assert json.loads(out.splitlines()[0])["document"]["published"] == "2024-03-15"


def test_jsonl_metadata_is_carried_into_the_record(capsys, write):
    meta = {"id": "wire-42", "url": "https://example.org/42", "title": "Attack in Mali", "outlet": "Sahel Wire",
            "published": "2024-03-14"}
    _, out, _ = run(capsys, write("batch.jsonl", json.dumps({**meta, "text": DISPATCH}) + "\n"))
    document = json.loads(out.splitlines()[0])["document"]
    assert {k: document[k] for k in meta} == meta
    # the headline is part of the document: first, as its own paragraph (offsets count in this text)
    assert document["text"] == "Attack in Mali\n\n" + DISPATCH


def test_a_title_the_text_already_opens_with_is_not_repeated(capsys, write):
    record = {"id": "wire-43", "title": "Attack in Mali", "text": "Attack in Mali\n\n" + DISPATCH}
    _, out, _ = run(capsys, write("batch.jsonl", json.dumps(record) + "\n"))
    assert json.loads(out.splitlines()[0])["document"]["text"] == record["text"]


def test_lang_forces_the_language(capsys, write):
    _, out, _ = run(capsys, write("a.txt", DEPECHE), "--published", "2024-03-14", "--lang", "fr")
    assert {json.loads(line)["document"]["lang"] for line in out.splitlines()} == {"fr"}


@pytest.mark.parametrize("args", [["--published", "14/03/2024"], ["--lang", "de"], ["--format", "csv"], []])
def test_bad_arguments_exit_2_before_reading_anything(capsys, args):
    with pytest.raises(SystemExit) as exit_info:
        cli.main(["extract", *args] if args else ["extract"])
    assert exit_info.value.code == 2
    assert capsys.readouterr().out == ""


# --- evidence spans ------------------------------------------------------------------------------

SPAN_FIELDS = ("trigger", "date", "location", "weapon", "fatalities", "injuries", "attribution")


def spans_of(record: dict):
    """(name, span dict) for every field that carries a span, null fields left out."""
    for name in SPAN_FIELDS:
        if record[name] is not None and record[name]["start_char"] is not None:
            yield name, record[name]
    for i, actor in enumerate(record["actors"]):
        yield f"actors[{i}]", actor
    for name, attribution in record["field_attribution"].items():
        if attribution["start_char"] is not None:
            yield f"field_attribution.{name}", attribution
    for i, span in enumerate(record["evidence"]):
        yield f"evidence[{i}]", span


@pytest.mark.parametrize("case", GOLDEN_CASES, ids=lambda p: f"{p.parent.name}/{p.name}")
def test_every_span_points_into_the_document_text(capsys, case):
    expected = json.loads((case / "expected.json").read_text(encoding="utf-8"))
    status, out, err = run(capsys, case / "input.txt", "--published", expected["published"],
                           "--lang", expected["lang"])
    assert status == 0, err
    for record in map(json.loads, out.splitlines()):
        text = record["document"]["text"]
        assert record["trigger"]["start_char"] is not None
        for name, span in spans_of(record):
            assert text[span["start_char"]:span["end_char"]] == span["text"], (name, span)


def test_spans_hold_after_crlf_and_html_extraction(capsys, write):
    page = ("<html><head><title>Attack</title></head><body><nav><a href='/'>Home</a> <a href='/w'>World</a></nav>"
            f"<article><p>{DISPATCH}</p><p>The army said the attackers fled on motorbikes.</p></article>"
            "<footer>Copyright Sahel Wire</footer></body></html>")
    status, out, _ = run(capsys, write("page.html", page), write("crlf.txt", DEPECHE.replace("\n", "\r\n") * 2),
                         "--published", "2024-03-14")
    records = [json.loads(line) for line in out.splitlines()]
    assert status == 0 and len({r["document"]["id"] for r in records}) == 2
    for record in records:
        assert "\r" not in record["document"]["text"]
        for name, span in spans_of(record):
            assert record["document"]["text"][span["start_char"]:span["end_char"]] == span["text"], (name, span)


# --- the README demo --------------------------------------------------------------------------------

SAMPLE = Path(__file__).resolve().parents[2] / "src" / "eventatlas" / "sample"


@pytest.mark.parametrize("name", ["dispatch-fr.txt", "dispatch-en.txt"])
def test_the_bundled_sample_dispatches_give_events(capsys, name):
    status, out, err = run(capsys, SAMPLE / name, "--format", "jsonl")
    records = [json.loads(line) for line in out.splitlines()]
    assert status == 0, err
    assert [r for r in records if r["event_type"]], "README's demo must show events"
    assert all(r["document"]["published"] == "2024-03-14" for r in records)  # from the dateline
