"""Shared test helpers: small input files written into tmp_path, and the CLI run in a child process."""
from __future__ import annotations

import json
import os
import subprocess
import sys
from dataclasses import dataclass
from pathlib import Path

import pytest


@dataclass
class CliResult:
    returncode: int
    stdout: str
    stderr: str

    @property
    def records(self) -> list[dict]:
        """stdout of `extract --format jsonl`, parsed: fails if any line is not a JSON object."""
        return [json.loads(line) for line in self.stdout.splitlines()]

    @property
    def error_lines(self) -> list[str]:
        return [line for line in self.stderr.splitlines() if line.startswith("error: ")]


@pytest.fixture
def write(tmp_path):
    """write("name.txt", "text") or write("name.bin", b"bytes") -> the Path of a new file in tmp_path."""
    def _write(name: str, content: str | bytes, encoding: str = "utf-8") -> Path:
        path = tmp_path / name
        path.parent.mkdir(parents=True, exist_ok=True)
        if isinstance(content, bytes):
            path.write_bytes(content)
        else:
            path.write_bytes(content.encode(encoding))
        return path
    return _write


@pytest.fixture
def run_cli():
    """Run `python -m eventatlas.cli ARGS...` in a child process, with extra environment variables."""
    def _run(*args, env: dict[str, str] | None = None, timeout: float = 300) -> CliResult:
        full_env = {k: v for k, v in os.environ.items() if not k.startswith("EVENTATLAS_")}
        full_env.update(env or {})
        proc = subprocess.run([sys.executable, "-m", "eventatlas.cli", *map(str, args)], capture_output=True,
                              text=True, encoding="utf-8", env=full_env, timeout=timeout)
        return CliResult(proc.returncode, proc.stdout, proc.stderr)
    return _run
