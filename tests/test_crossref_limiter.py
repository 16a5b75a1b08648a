"""The rate limiter and retry policy, with a fake clock."""

from __future__ import annotations

import pytest

from citecheck.crossref.limiter import FailureBudget, RateLimiter, RetryPolicy


class Clock:
    def __init__(self) -> None:
        self.now = 100.0
        self.sleeps: list[float] = []

    def __call__(self) -> float:
        return self.now

    def sleep(self, seconds: float) -> None:
        self.sleeps.append(round(seconds, 6))
        self.now += seconds


def test_starts_are_spaced_by_the_rate() -> None:
    clock = Clock()
    limiter = RateLimiter(5, 1, clock=clock, sleep=clock.sleep)
    for _ in range(4):
        with limiter.slot():
            pass
    assert clock.sleeps == [0.2, 0.2, 0.2]


def test_pause_holds_back_the_next_start() -> None:
    clock = Clock()
    limiter = RateLimiter(10, 3, clock=clock, sleep=clock.sleep)
    with limiter.slot():
        pass
    limiter.pause(2.0)
    with limiter.slot():
        pass
    assert clock.sleeps == [2.0]


def test_pool_limits() -> None:
    assert (RateLimiter.for_pool(False).rate, RateLimiter.for_pool(False).concurrency) == (5, 1)
    assert (RateLimiter.for_pool(True).rate, RateLimiter.for_pool(True).concurrency) == (10, 3)
    with pytest.raises(ValueError):
        RateLimiter(0, 1)


def test_backoff_is_exponential_with_jitter_and_capped() -> None:
    policy = RetryPolicy(base=0.5, cap=4.0)
    assert [policy.delay(n, rand=lambda: 1.0) for n in range(5)] == [0.5, 1.0, 2.0, 4.0, 4.0]
    assert [policy.delay(n, rand=lambda: 0.0) for n in range(3)] == [0.25, 0.5, 1.0]
    assert policy.delay(0, retry_after=7) == 7
    assert policy.delay(0, retry_after=1e6) == policy.max_retry_after


def test_failure_budget_trips_at_ten_percent() -> None:
    budget = FailureBudget()
    assert not budget.exhausted
    for _ in range(10):
        budget.record(True)
    budget.record(False)
    assert not budget.exhausted  # 1 of 11
    budget.record(False)
    assert budget.exhausted  # 2 of 12
