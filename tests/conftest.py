"""Shared test helpers: small input files written into tmp_path, the CLI run in a child process, and a
throwaway PostgreSQL server.

PostgreSQL: a real server started once per session from the Debian/Ubuntu binaries
(/usr/lib/postgresql/*/bin), initdb'd into a temporary folder and listening on a free
127.0.0.1 port. As root, the server runs as the ``postgres`` user (or ``nobody``), since
PostgreSQL refuses to run as root. Tests are skipped, with the reason, only when no server
binaries are installed (``apt-get install postgresql``)."""
from __future__ import annotations

import glob
import json
import os
import pwd
import shutil
import socket
import subprocess
import sys
import tempfile
import uuid
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


def _pg_bindir() -> Path | None:
    for candidate in sorted(glob.glob("/usr/lib/postgresql/*/bin"), key=lambda p: int(Path(p).parent.name
                                                                                    if Path(p).parent.name.isdigit()
                                                                                    else 0), reverse=True):
        if (Path(candidate) / "initdb").exists() and (Path(candidate) / "pg_ctl").exists():
            return Path(candidate)
    found = shutil.which("pg_ctl")
    if found and shutil.which("initdb"):
        return Path(found).parent
    return None


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def _run_as(user: str | None, argv: list[str]) -> subprocess.CompletedProcess:
    if user:
        argv = ["runuser", "-u", user, "--", *argv]
    return subprocess.run(argv, capture_output=True, text=True, timeout=120)


@pytest.fixture(scope="session")
def postgres_server():
    """(host, port, superuser) of a throwaway PostgreSQL server for this test session."""
    bindir = _pg_bindir()
    if bindir is None:
        pytest.skip("PostgreSQL server binaries not found (install the Debian package 'postgresql')")
    user = None
    if os.geteuid() == 0:
        for name in ("postgres", "nobody"):
            try:
                pwd.getpwnam(name)
                user = name
                break
            except KeyError:
                continue
    base = Path(tempfile.mkdtemp(prefix="eventatlas-pg-"))
    data, sock = base / "data", base / "sock"
    sock.mkdir()
    if user:
        entry = pwd.getpwnam(user)
        os.chmod(base, 0o755)
        for p in (base, sock):
            os.chown(p, entry.pw_uid, entry.pw_gid)
    init = _run_as(user, [str(bindir / "initdb"), "-D", str(data), "-U", "postgres", "--auth=trust",
                          "--encoding=UTF8", "--no-sync"])
    if init.returncode != 0:
        pytest.fail(f"initdb failed: {init.stderr}")
    port = _free_port()
    options = f"-p {port} -k {sock} -c listen_addresses=127.0.0.1 -c fsync=off -c synchronous_commit=off " \
              f"-c full_page_writes=off"
    start = _run_as(user, [str(bindir / "pg_ctl"), "-D", str(data), "-o", options, "-l", str(base / "log"),
                           "-w", "-t", "60", "start"])
    if start.returncode != 0:
        log = (base / "log").read_text() if (base / "log").exists() else ""
        pytest.fail(f"pg_ctl start failed: {start.stderr}\n{log}")
    try:
        yield ("127.0.0.1", port, "postgres")
    finally:
        _run_as(user, [str(bindir / "pg_ctl"), "-D", str(data), "-m", "immediate", "-w", "stop"])
        shutil.rmtree(base, ignore_errors=True)


@pytest.fixture
def new_postgresql_url(postgres_server):
    """new_postgresql_url() -> the URL of a new, empty database on the session's server; as many as a
    test needs, all dropped after it."""
    import psycopg
    host, port, user = postgres_server
    names = []

    def _new() -> str:
        name = "ea_" + uuid.uuid4().hex[:12]
        with psycopg.connect(host=host, port=port, user=user, dbname="postgres", autocommit=True) as conn:
            conn.execute(f'CREATE DATABASE "{name}"')
        names.append(name)
        return f"postgresql://{user}@{host}:{port}/{name}"
    yield _new
    with psycopg.connect(host=host, port=port, user=user, dbname="postgres", autocommit=True) as conn:
        for name in names:
            conn.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')


@pytest.fixture
def postgresql_url(new_postgresql_url):
    """A new, empty database on the session's server."""
    return new_postgresql_url()
