"""`eventatlas extract` over a folder of hostile files: every file answers (a result line or a coded
error line), the good ones all come through, the batch does not stop."""
from __future__ import annotations

import re
import time

import pytest

from eventatlas.limits import time_limit
from eventatlas.errors import DocumentTimeout

from .support import crashed, lost, tried, typed
from .test_readers import EN, HOSTILE


def test_a_hostile_folder_does_not_stop_the_batch(tmp_path, run_cli):
    folder = tmp_path / "in"
    folder.mkdir()
    for name, (data, _) in HOSTILE.items():
        (folder / name).write_bytes(data)
    good = [f"good-{i}.txt" for i in range(3)]
    for name in good:
        (folder / name).write_text(EN, encoding="utf-8")
    (folder / "big.txt").write_text(EN * 50, encoding="utf-8")
    result = run_cli("extract", folder, env={"EVENTATLAS_MAX_DOCUMENT_BYTES": "2000"})
    tried(len(HOSTILE) + len(good) + 1)
    assert result.returncode == 1, result.stderr
    errors = result.error_lines
    typed(len(errors))
    assert all(re.match(r"error: EA0\d\d ", line) for line in errors), errors
    bugs = [line for line in errors if line.startswith("error: EA010")]
    crashed(len(bugs))
    assert not bugs, bugs
    assert "Traceback" not in result.stderr
    assert any("EA006" in line and "big.txt" in line for line in errors)
    answered = set(re.findall(r"/in/([^:\s]+)", result.stderr))
    missing = set(HOSTILE) | set(good) | {"big.txt"}
    missing -= answered
    lost(len(missing))
    assert not missing
    for name in good:
        assert re.search(rf"{name}: \d+ events", result.stderr), result.stderr


def test_the_time_limit_raises_the_coded_timeout():
    tried()
    with pytest.raises(DocumentTimeout) as info, time_limit(0.05, "slow.txt"):
        time.sleep(2)
    typed()
    assert info.value.code == "EA007" and "slow.txt" in str(info.value)
