"""Politeness and resilience: one shared rate limiter, retry delays, a failure budget.

Crossref publishes its limits per pool (since late 2025): the public pool
allows 5 requests a second with one request in flight; the polite pool
(requests that name a contact address) allows 10 a second with 3 in flight.
Every request citecheck sends, from any thread, passes through one
:class:`RateLimiter`.
"""

from __future__ import annotations

import random
import threading
import time
from collections.abc import Callable, Iterator, Mapping
from contextlib import contextmanager
from dataclasses import dataclass

PUBLIC_RATE, PUBLIC_CONCURRENCY = 5.0, 1
POLITE_RATE, POLITE_CONCURRENCY = 10.0, 3


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
        request meant for the polite pool was served from the public one."""
        lowered = {k.lower(): v for k, v in headers.items()}
        try:
            limit = float(lowered["x-rate-limit-limit"])
            interval = float(lowered.get("x-rate-limit-interval", "1s").rstrip("s") or 1)
        except (KeyError, ValueError):
            return
        if limit > 0 and interval > 0:
            with self._lock:
                self.rate = min(self.rate, limit / interval)

    def pause(self, seconds: float) -> None:
        """Let no request start for ``seconds`` from now."""
        with self._lock:
            self._next = max(self._next, self._clock() + seconds)

    def _wait_turn(self) -> None:
        with self._lock:
            now = self._clock()
            start = max(now, self._next)
            self._next = start + 1.0 / self.rate
        if start > now:
            self._sleep(start - now)

    @contextmanager
    def slot(self) -> Iterator[None]:
        """Hold one of the concurrency slots, started no sooner than the rate allows."""
        with self._slots:
            self._wait_turn()
            yield


@dataclass(frozen=True)
class RetryPolicy:
    """How often and how long to wait before trying a request again.

    Exponential backoff with jitter: attempt ``n`` waits between half and all
    of ``min(cap, base * 2**n)`` seconds, so that clients that failed together
    do not retry together.  A server's ``Retry-After`` wins over
    the computed delay, up to ``max_retry_after``.
    """

    tries: int = 5
    base: float = 0.25
    cap: float = 8.0
    max_retry_after: float = 60.0

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
