"""Progress of a bounded run: records done of planned, records/s and an ETA.

On a terminal one status line is rewritten in place after every chunk; otherwise (logs, pipes) a plain line is
written at most every ``interval`` seconds, and always for the last chunk. Both go to standard error, so the
run's report on standard output stays machine-readable.
"""

from __future__ import annotations

import sys
import time
from typing import TextIO


def _duration(seconds: float) -> str:
    hours, rest = divmod(round(seconds), 3600)
    return f"{hours}h{rest // 60:02d}m" if hours else f"{rest // 60}m{rest % 60:02d}s"


class RunProgress:
    """A ``progress(done, planned, seconds)`` callback for :func:`pipelines.job.run_bounded`."""

    def __init__(
        self, *, interval: float = 30.0, stream: TextIO | None = None, tty: bool | None = None
    ) -> None:
        self._stream = stream if stream is not None else sys.stderr
        self._tty = self._stream.isatty() if tty is None else tty
        self._interval = interval
        self._last = float("-inf")

    def line(self, done: int, planned: int, seconds: float) -> str:
        rate = done / seconds if seconds > 0 else 0.0
        text = f"run: {done}/{planned} records ({100 * done / max(planned, 1):.0f}%), {rate:.2f} records/s"
        if done < planned and rate > 0:
            text += f", ETA {_duration((planned - done) / rate)}"
        elif done >= planned:
            text += f", done in {_duration(seconds)}"
        return text

    def __call__(self, done: int, planned: int, seconds: float) -> None:
        now = time.monotonic()
        last = done >= planned
        if self._tty:
            self._stream.write("\r\033[K" + self.line(done, planned, seconds) + ("\n" if last else ""))
        elif last or now - self._last >= self._interval:
            self._stream.write(self.line(done, planned, seconds) + "\n")
        else:
            return
        self._last = now
        self._stream.flush()
