"""The progress line the batch commands show on stderr (only when stderr is a terminal)."""
from __future__ import annotations

import sys
import time
from collections.abc import Iterator, Sequence


class Progress:
    """A counter of documents done, with elapsed time; safe to call when off (not a terminal)."""

    def __init__(self, description: str, enabled: bool = True):
        self._bar = None
        self._task = None
        if not enabled:
            return
        from rich.console import Console
        from rich.progress import Progress as RichProgress, SpinnerColumn, TextColumn, TimeElapsedColumn
        console = Console(file=sys.stderr)
        if not console.is_terminal:
            return
        self._bar = RichProgress(SpinnerColumn(), TextColumn("{task.description}: {task.completed} documents"),
                                 TimeElapsedColumn(), console=console, transient=True)
        self._task = self._bar.add_task(description, total=None)
        self._bar.start()

    def advance(self, n: int = 1) -> None:
        if self._bar is not None:
            self._bar.advance(self._task, n)

    def describe(self, description: str) -> None:
        if self._bar is not None:
            self._bar.update(self._task, description=description)

    def close(self) -> None:
        if self._bar is not None:
            self._bar.stop()
            self._bar = None

    def __enter__(self) -> "Progress":
        return self

    def __exit__(self, *exc) -> None:
        self.close()


def progress(items: Sequence, label: str, every_s: float = 10.0) -> Iterator:
    """Yield items, printing `label: i/n` to stderr at most every `every_s` seconds and at the end."""
    n = len(items)
    t0 = last = time.monotonic()
    for i, item in enumerate(items, 1):
        yield item
        now = time.monotonic()
        if now - last >= every_s or i == n:
            last = now
            print(f"{label}: {i}/{n} ({now - t0:.0f} s)", file=sys.stderr, flush=True)
