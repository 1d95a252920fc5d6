"""``eventatlas gazetteer import``: GeoNames dumps (fixtures in GeoNames' formats) into the index
that extraction then uses; streamed from zips, resumable, idempotent."""
from __future__ import annotations

import sqlite3
import zipfile
from pathlib import Path

import pytest

from eventatlas.errors import NotAGazetteerFile
from eventatlas.nlp.geo import importer
from eventatlas.gazetteer_cli import index_summary
from eventatlas.nlp.geo.importer import file_kind, import_files

FIXTURES = Path(__file__).resolve().parents[1] / "fixtures" / "geonames"


def _zipped(tmp_path: Path, name: str) -> Path:
    target = tmp_path / (Path(name).stem + ".zip")
    with zipfile.ZipFile(target, "w", compression=zipfile.ZIP_DEFLATED) as archive:
        archive.write(FIXTURES / name, name)
    return target


@pytest.fixture()
def dumps(tmp_path):
    return [_zipped(tmp_path, "IQ.txt"), _zipped(tmp_path, "alternateNamesV2.txt"),
            FIXTURES / "admin1CodesASCII.txt", FIXTURES / "admin2Codes.txt"]


def test_kinds_of_files():
    assert file_kind(Path("allCountries.zip")) == "geoname"
    assert file_kind(Path("cities15000.zip")) == "geoname"
    assert file_kind(Path("SY.zip")) == "geoname"
    assert file_kind(Path("alternateNamesV2.zip")) == "alternate"
    assert file_kind(Path("admin1CodesASCII.txt")) == "admin1"
    with pytest.raises(NotAGazetteerFile):
        file_kind(Path("countryInfo.txt"))


def test_import_streams_dumps_into_the_index(tmp_path, dumps):
    index = tmp_path / "index.sqlite"
    results = {r.file: r for r in import_files(dumps, index, show_progress=False)}
    assert results["IQ.zip"].lines == 7 and results["IQ.zip"].added == 5  # the hotel (S) and a short row skipped
    summary = index_summary(index)
    assert summary["place"] == 5 and summary["admin1"] == 4 and summary["admin2"] == 1
    conn = sqlite3.connect(index)
    keys = {k for (k,) in conn.execute("SELECT key FROM name WHERE geonameid = 99000001")}
    assert {"jabal hamrin", "hamrin mountains", "hamrin", "djebel hamrine"} <= keys
    assert not [k for k in keys if "wikipedia" in k]  # link "names" are not names
    old = {k for (k,) in conn.execute("SELECT key FROM name WHERE geonameid = 99000003")}
    assert "old zurbatiya" not in old and "zzb" not in old  # historic names and airport codes left out
    arabic = conn.execute("SELECT count(*) FROM name WHERE geonameid = 99000002 AND key LIKE '%حمرين%'").fetchone()
    assert arabic == (0,)
    hotel = conn.execute("SELECT count(*) FROM name WHERE geonameid = 99000004").fetchone()
    assert hotel == (0,)  # the hotel (class S) is not kept, nor are alternate names pointing at it
    # A rerun of finished files adds nothing.
    again = import_files(dumps, index, show_progress=False)
    assert all(r.added == 0 for r in again)


def test_an_interrupted_import_resumes(tmp_path, monkeypatch):
    index = tmp_path / "index.sqlite"
    source = _zipped(tmp_path, "IQ.txt")
    monkeypatch.setattr(importer, "BATCH_LINES", 2)
    calls = {"n": 0}
    real = importer.Importer._rows_geoname

    def failing(self, batch):
        calls["n"] += 1
        if calls["n"] == 2:
            raise KeyboardInterrupt
        return real(self, batch)

    monkeypatch.setattr(importer.Importer, "_rows_geoname", failing)
    with pytest.raises(KeyboardInterrupt):
        import_files([source], index, show_progress=False)
    assert index_summary(index)["files"] == [{"file": "IQ.zip", "lines": 2, "done": 0}]
    monkeypatch.setattr(importer.Importer, "_rows_geoname", real)
    result, = import_files([source], index, show_progress=False)
    assert result.resumed_from == 2 and result.lines == 7
    assert index_summary(index)["place"] == 5


def test_a_changed_file_starts_over(tmp_path):
    index = tmp_path / "index.sqlite"
    source = tmp_path / "IQ.txt"
    lines = (FIXTURES / "IQ.txt").read_text(encoding="utf-8").splitlines(keepends=True)
    source.write_text("".join(lines[:2]), encoding="utf-8")
    import_files([source], index, show_progress=False)
    source.write_text("".join(lines), encoding="utf-8")
    result, = import_files([source], index, show_progress=False)
    assert result.resumed_from == 0 and index_summary(index)["place"] == 5


def test_extraction_uses_the_imported_index(tmp_path, dumps):
    from eventatlas.nlp.geo import find_places
    from eventatlas.nlp.geo.gazetteer import load_gazetteer
    from eventatlas.nlp.geo.imported import ImportedIndex

    index = tmp_path / "index.sqlite"
    import_files(dumps, index, show_progress=False)
    gaz = load_gazetteer()
    text = "Gunmen attacked a checkpoint in the Hamrin Mountains in Diyala province, Iraq, on Sunday."
    assert not [m for m in find_places(text, "en") if m.span.text == "Hamrin Mountains" and m.place]
    size = len(gaz)
    gaz.imported = ImportedIndex(index)
    try:
        mentions = {m.span.text: m for m in find_places(text, "en")}
        place = mentions["Hamrin Mountains"].place
        assert place is not None and place.feature == "feature" and place.geonames_id == 99000001
        assert place.admin1_code == "IQ-DI" and place.precision == 3
        names = dict(gaz.admin1_name)
        gaz.imported.english_admin1_names(gaz)
        assert names["SO-SH"] == "Shabeellaha Hoose" and gaz.admin1_name["SO-SH"] == "Lower Shabeelle"
        baqubah = find_places("Clashes in Baqubah, Iraq.", "en")[0].place
        assert baqubah.geonames_id == 97990 and baqubah.admin1_code == "IQ-DI"
        assert not [r for r in range(size, len(gaz)) if gaz.geonames_id[r] == 97990]  # not added twice
        # A lake no context supports is not taken for a place.
        assert not [m for m in find_places("Hamrin Reservoir said on Sunday it would sell shares.", "en") if m.place]
    finally:
        gaz.imported = None
        if "names" in locals():
            gaz.admin1_name.clear()
            gaz.admin1_name.update(names)


def test_cli_import(tmp_path, dumps, capsys):
    from eventatlas.cli import main

    index = tmp_path / "index.sqlite"
    assert main(["gazetteer", "import", "--quiet", "--index", str(index), *map(str, dumps)]) == 0
    out = capsys.readouterr().out
    assert "IQ.zip: geoname, 7 lines, 5 rows added" in out and "5 places" in out
    assert main(["gazetteer", "import", "--index", str(index), str(tmp_path / "missing.zip")]) == 2
