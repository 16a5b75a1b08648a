"""Politeness and resilience: one shared rate limiter, retry delays, a failure budget.

Crossref publishes its limits per pool (since late 2025): the public pool
allows 5 requests a second with one request in flight; the polite pool
(requests that name a contact address) allows 10 a second with 3 in flight.
Every request citecheck sends, from any thread, passes through one
:class:`RateLimiter`.
"""

from __future__ import annotations

import math
import random
import re
import threading
import time
from collections.abc import Callable, Iterator, Mapping
from contextlib import contextmanager
from dataclasses import dataclass

PUBLIC_RATE, PUBLIC_CONCURRENCY = 5.0, 1
POLITE_RATE, POLITE_CONCURRENCY = 10.0, 3
#: The slowest rate a server's headers can bring citecheck down to.  Crossref's own lowest
#: published limit is a request a second; a header asking for less is taken as this.
MIN_RATE = 1.0
#: Default for the whole verification (``--crossref-deadline``).
DEFAULT_DEADLINE = 300.0
_INTERVAL = re.compile(r"\s*(\d+(?:\.\d+)?)\s*(ms|s|m|h)?\s*$")
_UNIT = {"ms": 0.001, "s": 1.0, None: 1.0, "m": 60.0, "h": 3600.0}


class DeadlineExceeded(Exception):
    """The time given to the whole verification ran out."""


class Deadline:
    """When the whole verification must end: every request and every wait checks it.

    ``seconds`` of ``None`` (or 0) means no deadline.
    """

    def __init__(self, seconds: float | None, clock: Callable[[], float] = time.monotonic) -> None:
        self.seconds = seconds if seconds else None
        self._clock = clock
        self._end = math.inf if self.seconds is None else clock() + self.seconds

    def remaining(self) -> float:
        return self._end - self._clock()

    def message(self, why: str | None = None) -> str:
        what = f"the Crossref deadline of {self.seconds:g} s was reached"
        return f"{what} ({why})" if why else what


def parse_interval(value: str) -> float | None:
    """Seconds in an ``X-Rate-Limit-Interval`` value (``1s``, ``500ms``, ``2``), or None."""
    match = _INTERVAL.match(value)
    if match is None:
        return None
    return float(match.group(1)) * _UNIT[match.group(2)]


class RateLimiter:
    """At most ``rate`` request starts per second and ``concurrency`` in flight.

    Starts are spaced ``1/rate`` apart (a leaky bucket without burst), which
    is what a server-side "N per 1s" window tolerates under any alignment.
    :meth:`pause` holds every caller back, e.g. for a ``Retry-After``.
    """

    def __init__(self, rate: float, concurrency: int,
                 clock: Callable[[], float] = time.monotonic,
                 sleep: Callable[[float], None] = time.sleep) -> None:
        if rate <= 0 or concurrency < 1:
            raise ValueError("rate must be positive and concurrency at least 1")
        self.rate = rate
        self.concurrency = concurrency
        self._slots = threading.BoundedSemaphore(concurrency)
        self._lock = threading.Lock()
        self._next = 0.0
        self._clock = clock
        self._sleep = sleep

    @classmethod
    def for_pool(cls, polite: bool) -> RateLimiter:
        if polite:
            return cls(POLITE_RATE, POLITE_CONCURRENCY)
        return cls(PUBLIC_RATE, PUBLIC_CONCURRENCY)

    def adapt(self, headers: Mapping[str, str]) -> None:
        """Slow down to the rate the server announces (``X-Rate-Limit-Limit``
        per ``X-Rate-Limit-Interval``) when it is lower than ours, e.g. when a
        request meant for the polite pool was served from the public one.

        The headers are hints: values that are not finite positive numbers are ignored, and
        no header brings the rate below :data:`MIN_RATE` (``0.001`` per second would make
        every request wait a quarter of an hour).
        """
        lowered = {k.lower(): v for k, v in headers.items()}
        try:
            limit = float(lowered["x-rate-limit-limit"])
        except (KeyError, ValueError):
            return
        interval = parse_interval(lowered.get("x-rate-limit-interval", "1s"))
        if interval is None or not (math.isfinite(limit) and limit > 0 and interval > 0):
            return
        rate = limit / interval
        if not math.isfinite(rate) or rate <= 0:
            return
        with self._lock:
            self.rate = max(MIN_RATE, min(self.rate, rate))

    def pause(self, seconds: float) -> None:
        """Let no request start for ``seconds`` from now."""
        with self._lock:
            self._next = max(self._next, self._clock() + seconds)

    def _wait_turn(self, deadline: Deadline | None = None) -> None:
        with self._lock:
            now = self._clock()
            start = max(now, self._next)
            if deadline is not None and start - now >= deadline.remaining():
                raise DeadlineExceeded(deadline.message())
            self._next = start + 1.0 / self.rate
        if start > now:
            self._sleep(start - now)

    @contextmanager
    def slot(self, deadline: Deadline | None = None) -> Iterator[None]:
        """Hold one of the concurrency slots, started no sooner than the rate allows (and,
        with a ``deadline``, not at all if that would be after it)."""
        with self._slots:
            self._wait_turn(deadline)
            yield


@dataclass(frozen=True)
class RetryPolicy:
    """How often and how long to wait before trying a request again.

    Exponential backoff with jitter: attempt ``n`` waits between half and all
    of ``min(cap, base * 2**n)`` seconds, so that clients that failed together
    do not retry together.  A server's ``Retry-After`` wins over
    the computed delay, up to ``max_retry_after``; a longer one is honoured for that long
    (and a wait past the run's :class:`Deadline` ends the verification instead).
    """

    tries: int = 5
    base: float = 0.25
    cap: float = 8.0
    max_retry_after: float = 30.0

    def delay(self, attempt: int, retry_after: float | None = None,
              rand: Callable[[], float] = random.random) -> float:
        if retry_after is not None:
            return min(max(retry_after, 0.0), self.max_retry_after)
        return min(self.cap, self.base * 2.0 ** attempt) * (0.5 + 0.5 * rand())


class FailureBudget:
    """Stops asking once ``threshold`` of the finished requests have failed.

    A request counts as failed when it still failed after all its retries.
    Once the budget trips it stays tripped: the remaining lookups are
    reported as unverified instead of hammering a service that is down.
    """

    def __init__(self, threshold: float = 0.10) -> None:
        self.threshold = threshold
        self.succeeded = 0
        self.failed = 0
        self._lock = threading.Lock()

    def record(self, ok: bool) -> None:
        with self._lock:
            if ok:
                self.succeeded += 1
            else:
                self.failed += 1

    @property
    def exhausted(self) -> bool:
        with self._lock:
            total = self.succeeded + self.failed
            return total > 0 and self.failed / total >= self.threshold
