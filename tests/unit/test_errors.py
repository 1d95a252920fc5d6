"""eventatlas.errors: the catalogue, and what a user sees when an input fails.

Every failure has a stable code (EA001 ...). On the command line it is one line on stderr,
"error: EA00n <input>: <what happened> (<what to do>)"; the other inputs of the run are still
processed, and the exit status is 1 when any input failed, 0 when all went through.
"""
from __future__ import annotations

import codecs
import json
import re

import pytest

from eventatlas import cli
from eventatlas.errors import CATALOGUE, EventAtlasError, UnreadableInput

GOOD = ("BAMAKO, March 14 - Gunmen attacked an army post near Douentza, in central Mali, on Tuesday, "
        "killing four soldiers, the army said in a statement.\n")
GERMAN = ("Bewaffnete Männer haben am Dienstag ein Dorf im Norden des Landes angegriffen. Nach Angaben der "
          "Polizei wurden dabei mindestens zwölf Menschen getötet und viele weitere verletzt. Die Regierung "
          "verurteilte den Angriff und kündigte eine Untersuchung an.\n")
SPANISH = ("Hombres armados atacaron el martes una aldea en el norte del país. Según la policía, al menos doce "
           "personas murieron y muchas otras resultaron heridas. El gobierno condenó el ataque y anunció una "
           "investigación.\n")

ERROR_LINE = re.compile(r"^error: (EA\d{3}) (\S.*?): (.+) \((.+)\)$")


def extract(capsys, *args) -> tuple[int, list[dict], list[str]]:
    """Run `eventatlas extract ARGS --format jsonl` in this process: (exit status, records, error lines)."""
    status = cli.main(["extract", *map(str, args), "--format", "jsonl"])
    out, err = capsys.readouterr()
    records = [json.loads(line) for line in out.splitlines()]
    return status, records, [line for line in err.splitlines() if line.startswith("error")]


def assert_one_error(errors: list[str], code: str, source) -> re.Match:
    assert len(errors) == 1, errors
    match = ERROR_LINE.match(errors[0])
    assert match, f"not a one-line coded error: {errors[0]!r}"
    assert match.group(1) == code
    assert match.group(2) == str(source)
    return match


# --- the catalogue -----------------------------------------------------------------------------

def test_codes_are_unique_and_numbered_ea001_upwards():
    codes = sorted(CATALOGUE)
    assert codes == [f"EA{n:03d}" for n in range(1, len(codes) + 1)]
    assert all(cls.code == code for code, cls in CATALOGUE.items())


@pytest.mark.parametrize("code", sorted(CATALOGUE))
def test_every_error_says_what_to_do(code):
    error = CATALOGUE[code]("something failed", source="in.txt")
    assert error.hint
    assert str(error) == f"{code} in.txt: something failed ({error.hint})"
    assert isinstance(error, EventAtlasError)


def test_the_message_is_one_line_even_when_it_quotes_several():
    error = UnreadableInput("first line\nsecond line", source="in.txt")
    assert "\n" not in str(error) and "first line second line" in str(error)


def test_without_a_source_the_code_leads():
    assert str(UnreadableInput("gone")).startswith("EA001 gone")


# --- on the command line: one line per failed input, the rest still processed ------------------

def test_all_inputs_fine_exits_0(capsys, write):
    status, records, errors = extract(capsys, write("good.txt", GOOD))
    assert status == 0 and errors == [] and records


def test_ea001_missing_file_and_the_next_input_still_runs(capsys, write, tmp_path):
    missing = tmp_path / "missing.txt"
    status, records, errors = extract(capsys, missing, write("good.txt", GOOD))
    assert_one_error(errors, "EA001", missing)
    assert status == 1
    assert records and all(r["document"]["text"] == GOOD for r in records)


def test_ea002_empty_file(capsys, write):
    empty = write("empty.txt", "")
    status, records, errors = extract(capsys, empty, write("good.txt", GOOD))
    assert_one_error(errors, "EA002", empty)
    assert status == 1 and records


def test_ea003_binary_file(capsys, write):
    binary = write("scan.txt", bytes(range(256)) * 16)
    status, records, errors = extract(capsys, binary, write("good.txt", GOOD))
    assert_one_error(errors, "EA003", binary)
    assert status == 1 and records


@pytest.mark.parametrize("name, text", [("german.txt", GERMAN), ("spanish.txt", SPANISH)])
def test_ea004_unsupported_language_under_lang_auto(capsys, write, name, text):
    article = write(name, text)
    status, records, errors = extract(capsys, article, write("good.txt", GOOD), "--lang", "auto")
    match = assert_one_error(errors, "EA004", article)
    assert "--lang" in match.group(4)  # the hint says how to force a language
    assert status == 1 and records


def test_ea005_bad_jsonl_line_while_the_good_lines_of_the_file_give_events(capsys, write):
    batch = write("batch.jsonl", "\n".join([
        json.dumps({"id": "first", "text": GOOD, "published": "2024-03-14"}),
        '{"id": "broken", "text": "unterminated',
        json.dumps({"id": "third", "text": GOOD.replace("four", "six"), "published": "2024-03-14"}),
    ]) + "\n")
    status, records, errors = extract(capsys, batch)
    assert_one_error(errors, "EA005", f"{batch}:2")
    assert status == 1
    assert {r["document"]["id"] for r in records} == {"first", "third"}


def test_ea006_document_over_max_document_bytes(capsys, write, monkeypatch):
    monkeypatch.setenv("EVENTATLAS_MAX_DOCUMENT_BYTES", "100")
    short = "Gunmen killed two soldiers near Douentza, Mali, on Tuesday.\n"
    large = write("large.txt", GOOD)
    status, records, errors = extract(capsys, large, write("short.txt", short), "--published", "2024-03-14")
    match = assert_one_error(errors, "EA006", large)
    assert "max_document_bytes" in match.group(3) + match.group(4)
    assert status == 1 and records


def test_ea007_document_over_document_timeout_s(capsys, write, monkeypatch):
    import time

    import eventatlas.extract as extract_module

    def slow_extract(document, lang, settings):
        time.sleep(2)  # a document that takes longer than the limit, whatever the machine's speed
        return [], []

    monkeypatch.setattr(extract_module, "_extract_both", slow_extract)
    monkeypatch.setenv("EVENTATLAS_DOCUMENT_TIMEOUT_S", "0.2")
    slow = write("slow.txt", GOOD)
    status, records, errors = extract(capsys, slow)
    assert_one_error(errors, "EA007", slow)
    assert status == 1 and records == []


def test_ea008_bad_setting_value_stops_the_run_with_status_2(capsys, write, monkeypatch):
    monkeypatch.setenv("EVENTATLAS_MAX_DOCUMENT_BYTES", "five megabytes")
    status = cli.main(["extract", str(write("good.txt", GOOD))])
    err = capsys.readouterr().err
    assert status == 2
    assert err.startswith("error: EA008 ") and "EVENTATLAS_MAX_DOCUMENT_BYTES" in err


def test_ea009_undecodable_text(capsys, write):
    broken = write("broken.txt", codecs.BOM_UTF8 + b"caf\xe9 ferm\xe9\n")  # a UTF-8 BOM, then Latin-1
    status, records, errors = extract(capsys, broken, write("good.txt", GOOD))
    assert_one_error(errors, "EA009", broken)
    assert status == 1 and records


def test_ea010_a_crash_on_one_document_is_reported_and_the_batch_goes_on(capsys, write, monkeypatch):
    import eventatlas.extract as extract_module
    real = extract_module.extract

    def crash_on_bug(document, **kw):
        if "bug" in document.source_path:
            raise RuntimeError("something broke")
        return real(document, **kw)

    monkeypatch.setattr(extract_module, "extract", crash_on_bug)
    bug = write("bug.txt", GOOD)
    status, records, errors = extract(capsys, bug, write("good.txt", GOOD))
    match = assert_one_error(errors, "EA010", bug)
    assert "RuntimeError: something broke" in match.group(3)
    assert status == 1 and records


def test_several_failures_give_one_line_each_in_input_order(capsys, write, tmp_path):
    inputs = [tmp_path / "missing.txt", write("empty.txt", ""), write("good.txt", GOOD),
              write("german.txt", GERMAN)]
    status, records, errors = extract(capsys, *inputs)
    assert [e.split()[1] for e in errors] == ["EA001", "EA002", "EA004"]
    assert status == 1 and records
