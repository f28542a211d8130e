"""A time budget for one review: `with time_limit(60): ...` raises `ReviewTimedOut` when the
work inside runs longer.

Why a timer signal: every stage of the pipeline is Python code (or `re`, which checks for
signals while it matches), so SIGALRM interrupts any of them within milliseconds, in the
process that is doing the work: the audit's worker keeps going with its next case instead of
being held by one odd draft. `ReviewTimedOut` is a BaseException so that the places that
isolate a crashing check (`except Exception`) cannot swallow it and carry on past the budget.
Where there is no SIGALRM (Windows) or the caller is not the main thread, the limit is not
applied by this module; the audit's parent process still kills a worker that runs far over.
"""

from __future__ import annotations

import signal
import threading
from collections.abc import Iterator
from contextlib import contextmanager
from types import FrameType

DEFAULT_CASE_TIMEOUT = 60.0  # seconds: a real draft takes milliseconds; this is only a guard
_REPEAT = 0.1  # seconds between alarms once the budget is spent


class ReviewTimedOut(BaseException):
    """The review ran past its time budget."""

    def __init__(self, seconds: float) -> None:
        super().__init__(f"review timed out after {seconds:g} s")
        self.seconds = seconds


def can_interrupt() -> bool:
    """True when `time_limit` can stop work in this thread."""
    return hasattr(signal, "setitimer") and threading.current_thread() is threading.main_thread()


@contextmanager
def time_limit(seconds: float | None) -> Iterator[None]:
    """Raise `ReviewTimedOut` in the body once `seconds` have passed (None or 0: no limit)."""
    if not seconds or seconds <= 0 or not can_interrupt():
        yield
        return

    def on_alarm(signum: int, frame: FrameType | None) -> None:
        raise ReviewTimedOut(seconds)

    previous = signal.signal(signal.SIGALRM, on_alarm)
    # The timer repeats: an exception raised while Python runs a garbage-collector callback or
    # a __del__ is printed and dropped ("Exception ignored in ..."), so one alarm can be lost;
    # the next one, _REPEAT later, lands in the review itself.
    signal.setitimer(signal.ITIMER_REAL, seconds, _REPEAT)
    try:
        yield
    finally:
        while True:  # an alarm already on its way may still arrive here: clear until it has
            try:
                signal.setitimer(signal.ITIMER_REAL, 0)
                break
            except ReviewTimedOut:
                continue
        signal.signal(signal.SIGALRM, previous)
