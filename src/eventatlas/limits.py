"""The per-document time limit (``document_timeout_s``, error EA007), the same on every path.

In the main thread of a process (the CLI, ``ingest``, each ``--workers`` process) the limit is a
SIGALRM timer: it interrupts anything, a slow regular expression included. In other threads (Dask
workers run tasks in a thread pool, the API ingests in its request threads) signals cannot reach
the code, so the limit is a deadline that the pipeline checks at its step boundaries
(``checkpoint()``: after parsing, at every sentence and every event); a step itself is bounded by
``max_document_bytes``. Either way the document is abandoned with ``DocumentTimeout`` and the batch
goes on."""
from __future__ import annotations

import contextlib
import contextvars
import signal
import threading
import time
from collections.abc import Iterator

from eventatlas.errors import DocumentTimeout

#: (monotonic deadline, the limit in seconds, the document's source) of the document being worked on
_DEADLINE: contextvars.ContextVar[tuple[float, float, str | None] | None] = \
    contextvars.ContextVar("eventatlas_deadline", default=None)


def _timeout(seconds: float, source: str | None) -> DocumentTimeout:
    return DocumentTimeout(f"abandoned after {seconds:g} s (document_timeout_s)", source=source)


@contextlib.contextmanager
def time_limit(seconds: float | None, source: str | None = None) -> Iterator[None]:
    """Abandon the block with EA007 after ``seconds`` (None, 0 or less: no limit).

    Nested limits keep the outer one: the first caller owns the document's budget."""
    if not seconds or seconds <= 0 or _DEADLINE.get() is not None:
        yield
        return
    token = _DEADLINE.set((time.monotonic() + seconds, seconds, source))
    alarm = hasattr(signal, "setitimer") and threading.current_thread() is threading.main_thread()
    previous = None
    try:
        if alarm:
            def on_alarm(signum, frame):
                raise _Deadline

            previous = signal.signal(signal.SIGALRM, on_alarm)
            signal.setitimer(signal.ITIMER_REAL, seconds)
        yield
    except _Deadline:
        raise _timeout(seconds, source) from None
    finally:
        if alarm:
            signal.setitimer(signal.ITIMER_REAL, 0)
            if previous is not None:
                signal.signal(signal.SIGALRM, previous)
        _DEADLINE.reset(token)


def checkpoint() -> None:
    """Raise EA007 if the current document is past its deadline (cheap: call it in loops)."""
    deadline = _DEADLINE.get()
    if deadline is not None and time.monotonic() > deadline[0]:
        raise _timeout(deadline[1], deadline[2])


class _Deadline(BaseException):
    """Raised by the alarm; a BaseException so that library code's ``except Exception`` (cache
    fallbacks and the like) cannot swallow it and run on past the limit."""
