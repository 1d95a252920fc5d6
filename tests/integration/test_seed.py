"""The founding example: ../shared/seed/iraq-2021-07-fr.txt must give exactly gold.json's events,
with and without the publication date, scored by the shared seedcheck tool."""
import json
import subprocess
import sys
from pathlib import Path

import pytest

SHARED = Path(__file__).resolve().parents[2].parent / "shared"
SEED = SHARED / "seed" / "iraq-2021-07-fr.txt"
GOLD = SHARED / "seed" / "gold.json"
CHECK = SHARED / "tools" / "seedcheck.py"

pytestmark = pytest.mark.skipif(not SEED.exists(), reason="../shared/seed is absent (only CI and developers have it)")


def _extract(*extra) -> list[dict]:
    out = subprocess.run([sys.executable, "-m", "eventatlas.cli", "extract", str(SEED), "--format", "jsonl", *extra],
                         capture_output=True, text=True, check=True)
    return [json.loads(line) for line in out.stdout.splitlines() if line.strip()]


@pytest.mark.parametrize("extra", [["--published", "2021-07-31"], []], ids=["with-published", "without-published"])
def test_seed_matches_gold(tmp_path, extra):
    records = _extract(*extra)
    path = tmp_path / "out.jsonl"
    path.write_text("".join(json.dumps(r, ensure_ascii=False) + "\n" for r in records), encoding="utf-8")
    check = subprocess.run([sys.executable, str(CHECK), str(GOLD), str(path)], capture_output=True, text=True)
    assert check.returncode == 0, check.stdout


def test_seed_evidence_and_attribution():
    records = _extract("--published", "2021-07-31")
    text = records[0]["document"]["text"]
    for r in records:
        for key in ("trigger", "date", "location", "weapon", "fatalities", "attribution"):
            f = r.get(key)
            if isinstance(f, dict) and f.get("start_char") is not None:
                assert text[f["start_char"]:f["end_char"]] == f["text"]
        for a in r["actors"]:
            assert text[a["start_char"]:a["end_char"]] == a["text"]
    helicopter = records[0]
    assert helicopter["certainty"] == "alleged"
    assert "Dijlah.tv" in helicopter["attribution"]["source"]
    assert helicopter["attribution"]["kind"] == "anonymous"
    assert "commandement" in helicopter["field_attribution"]["fatalities"]["source"]
    assert helicopter["fatalities"]["text"].startswith("cinq passagers")
    ied = records[1]
    assert ied["certainty"] == "claimed" and any(a["role"] == "claimant" for a in ied["actors"])
    threat = [r for r in records if r["event_type"] is None]
    assert len(threat) == 1 and threat[0]["plover"] == "THREATEN" and threat[0]["certainty"] == "speculative"
    assert threat[0]["date"]["start"] == "2021-07-31"


def test_seed_without_published_date_infers_2021():
    records = _extract()
    assert records[0]["document"]["published"] == "2021-07-31"
    assert records[0]["document"]["published_inferred"] is True
