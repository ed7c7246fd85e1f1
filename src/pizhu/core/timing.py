"""Where a build's time goes: seconds by stage, for ``mkdocs build --verbose`` and ``make bench``."""

from __future__ import annotations

import time
from collections.abc import Iterator
from contextlib import contextmanager


class Stopwatch:
    """Seconds spent in each named stage, in the order the stages first ran (a stage timed again,
    like minifying each page, adds up)."""

    def __init__(self) -> None:
        self.seconds: dict[str, float] = {}

    @contextmanager
    def stage(self, name: str) -> Iterator[None]:
        start = time.perf_counter()
        try:
            yield
        finally:
            self.seconds[name] = self.seconds.get(name, 0.0) + time.perf_counter() - start

    def summary(self) -> str:
        """``load and check 0.12 s, render pages 0.05 s, …``"""
        return ", ".join(f"{name} {seconds:.2f} s" for name, seconds in self.seconds.items())
