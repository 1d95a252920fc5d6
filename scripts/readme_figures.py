"""Regenerate the figures README.md shows that a command produces, so they cannot go stale.

    python scripts/readme_figures.py          # rewrite README.md in place
    python scripts/readme_figures.py --check  # exit 1 if README.md differs from a fresh run

Each figure sits between ``<!-- figures:NAME -->`` and ``<!-- /figures:NAME -->`` markers:
``demo`` (the demo's closing line), ``ingest`` (the ingest summary of the bundled sample into an empty
store) and ``seed`` (``extract --format table`` on ../shared/seed, skipped when that is absent).
tests/unit/test_newcomer.py checks the same figures against a run."""
from __future__ import annotations

import argparse
import os
import re
import subprocess
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
README = ROOT / "README.md"
SEED = ROOT.parent / "shared" / "seed" / "iraq-2021-07-fr.txt"
DEMO_LINE = re.compile(r"^\d+ documents, \d+ events, \d+ statements")


def _run(*args: str, data_dir: str) -> subprocess.CompletedProcess:
    env = {k: v for k, v in os.environ.items() if not k.startswith("EVENTATLAS_")}
    env["EVENTATLAS_DATA_DIR"] = data_dir
    return subprocess.run([sys.executable, "-m", "eventatlas", *args], capture_output=True, text=True, env=env,
                          check=True, timeout=1800)


def demo_figures(stdout: str, stderr: str) -> dict[str, str]:
    """The README blocks a demo run gives: its closing counts and its ingest summary."""
    counts = next(line for line in stdout.splitlines() if DEMO_LINE.match(line))
    summary = [line for line in stderr.splitlines() if line.startswith(("documents read:", "event records:"))]
    return {"demo": "```\n" + DEMO_LINE.match(counts)[0] + "\n```",
            "ingest": "```\n" + "\n".join(summary) + "\n```"}


def seed_figure(stdout: str) -> str:
    return "```\n$ eventatlas extract ../shared/seed/iraq-2021-07-fr.txt --published 2021-07-31 --format table\n" \
           + "\n".join(line.rstrip() for line in stdout.splitlines()) + "\n```"


def blocks(text: str) -> dict[str, str]:
    return {m[1]: m[2].strip() for m in re.finditer(r"<!-- figures:(\w+) -->\n(.*?)<!-- /figures:\1 -->", text, re.S)}


def replace_blocks(text: str, new: dict[str, str]) -> str:
    for name, body in new.items():
        text = re.sub(rf"(<!-- figures:{name} -->\n).*?(<!-- /figures:{name} -->)",
                      lambda m: m[1] + body + "\n" + m[2], text, flags=re.S)
    return text


def fresh_figures() -> dict[str, str]:
    with tempfile.TemporaryDirectory() as data:
        demo = _run("demo", "--no-serve", data_dir=data)
        figures = demo_figures(demo.stdout, demo.stderr)
        if SEED.exists():
            seed = _run("extract", str(SEED), "--published", "2021-07-31", "--format", "table", data_dir=data)
            figures["seed"] = seed_figure(seed.stdout)
    return figures


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--check", action="store_true", help="only compare; exit 1 when README is stale")
    args = parser.parse_args()
    text = README.read_text(encoding="utf-8")
    figures = fresh_figures()
    updated = replace_blocks(text, figures)
    if args.check:
        stale = [name for name in figures if blocks(text).get(name) != figures[name]]
        print("stale: " + ", ".join(stale) if stale else "README figures are current")
        return 1 if stale else 0
    README.write_text(updated, encoding="utf-8")
    print(f"README.md: {', '.join(figures)} regenerated")
    return 0


if __name__ == "__main__":
    sys.exit(main())
