"""A Crossref server that misbehaves cannot hold citecheck: rate headers are hints within
bounds, bodies are capped, slow bodies are cut off, ``Retry-After`` is honoured only so long,
and the whole verification ends by its deadline with what was verified reported.

These tests check how the client ends (the requests it sent, the reason it gives), not how
many seconds it took; each fault is bounded on the server side as well."""

from __future__ import annotations

import json
import math
from pathlib import Path

import pytest
from click.testing import CliRunner
from crossref_server import FakeCrossref
from crossref_support import client_for, server_fixture, verifier_for  # noqa: F401 (fixture)
from test_crossref_cli import MANUSCRIPT

from citecheck.cli import cli
from citecheck.crossref.client import Reply
from citecheck.crossref.limiter import (
    MIN_RATE, Deadline, DeadlineExceeded, FailureBudget, RateLimiter, RetryPolicy, parse_interval,
)
from citecheck.crossref.verifier import DoiStatus

DOI = "10.1038/srep16696"


@pytest.mark.parametrize(("limit", "interval", "rate"), [
    ("5", "infs", 10.0),       # not a number of seconds: ignored (was ZeroDivisionError)
    ("5", "inf", 10.0),
    ("inf", "1s", 10.0),
    ("nan", "1s", 10.0),
    ("-3", "1s", 10.0),
    ("5", "0s", 10.0),
    ("0.001", "1s", MIN_RATE),  # would wait 1,000 s a request: held at the floor
    ("1", "1h", MIN_RATE),
    ("5", "1s", 5.0),           # Crossref's public pool, as recorded
    ("50", "10s", 5.0),
    ("3", "500ms", 6.0),
])
def test_rate_headers_are_hints_within_bounds(limit: str, interval: str, rate: float) -> None:
    limiter = RateLimiter(10, 3)
    limiter.adapt({"X-Rate-Limit-Limit": limit, "X-Rate-Limit-Interval": interval})
    assert limiter.rate == rate
    assert math.isfinite(1.0 / limiter.rate)


def test_interval_syntax() -> None:
    assert [parse_interval(v) for v in ("1s", "2", "500ms", " 1m ", "infs", "s", "-1s")] == [
        1.0, 2.0, 0.5, 60.0, None, None, None]


def test_an_infinite_interval_header_does_not_break_a_run(server: FakeCrossref) -> None:
    server.headers = {"X-Rate-Limit-Limit": "5", "X-Rate-Limit-Interval": "infs"}
    with client_for(server, limiter=RateLimiter(10, 3)) as client:
        assert client.work(DOI).ok and client.work(DOI).ok
        assert client.limiter.rate == 10


def test_a_body_over_the_limit_is_refused_and_not_asked_again(server: FakeCrossref) -> None:
    server.fail_next("endless")
    with client_for(server, max_body=1024 * 1024, budget=FailureBudget(1.0)) as client:
        reply = client.work(DOI)
    assert not reply.ok and reply.error == "response over 1 MB refused"
    assert len(server.requests) == 1


def test_a_declared_huge_body_is_refused_unread(server: FakeCrossref) -> None:
    server.fail_next("huge")
    with client_for(server, budget=FailureBudget(1.0)) as client:
        reply = client.works_by_doi([DOI])
    assert not reply.ok and reply.error == "response of 100 MB refused"
    assert len(server.requests) == 1


def test_a_dripping_body_is_cut_off_at_the_request_limit(server: FakeCrossref,
                                                         monkeypatch: pytest.MonkeyPatch) -> None:
    from citecheck.crossref import client as client_module

    monkeypatch.setattr(client_module, "REQUEST_LIMIT", 0.5)
    server.fail_next("drip")
    with client_for(server, retry=RetryPolicy(tries=1), budget=FailureBudget(1.0)) as client:
        reply = client.work(DOI)
    assert not reply.ok and reply.error == "timed out (response too slow)"


def test_a_dripping_body_ends_at_the_deadline(server: FakeCrossref) -> None:
    server.fail_next("drip", count=5)
    with client_for(server, deadline=Deadline(1.0), budget=FailureBudget(1.0)) as client:
        with pytest.raises(DeadlineExceeded, match="deadline of 1 s was reached"):
            client.work(DOI)
        with pytest.raises(DeadlineExceeded):
            client.work(DOI)  # and nothing more is sent
    assert len(server.requests) == 1


@pytest.mark.parametrize("fault", ["html", "truncated", "redirect"])
def test_bad_answers_end_as_failures(server: FakeCrossref, fault: str) -> None:
    server.fail_next(fault, count=10)
    with client_for(server, budget=FailureBudget(1.0)) as client:
        reply = client.work(DOI)
    assert not reply.ok


def test_a_day_long_retry_after_ends_at_the_deadline(server: FakeCrossref) -> None:
    server.fail_next("429", count=10, retry_after=86400)
    retry = RetryPolicy(tries=5, base=0.001, cap=0.01)  # max_retry_after: the default
    with client_for(server, retry=retry, deadline=Deadline(5.0)) as client:
        with pytest.raises(DeadlineExceeded, match=r"asked to wait 30 s"):
            client.work(DOI)
    assert len(server.requests) == 1  # it did not wait, since the wait would pass the deadline


def test_retry_after_is_capped() -> None:
    assert RetryPolicy().delay(0, retry_after=86400) == 30.0
    assert RetryPolicy().delay(0, retry_after=2) == 2


def test_a_paused_limiter_does_not_start_past_the_deadline() -> None:
    now = [0.0]
    limiter = RateLimiter(10, 1, clock=lambda: now[0], sleep=lambda s: None)
    limiter.pause(100)
    with pytest.raises(DeadlineExceeded):
        with limiter.slot(Deadline(10, clock=lambda: now[0])):
            pass


def test_the_verifier_reports_what_it_verified_before_the_deadline(server: FakeCrossref,
                                                                   tmp_path: Path) -> None:
    verifier = verifier_for(server, tmp_path / "cache")
    verifier.prefetch_dois([DOI])
    assert verifier.check(DOI).status is DoiStatus.FOUND
    verifier.client.deadline = Deadline(0.5)
    server.fail_next("drip", count=20)
    verifier.prefetch_dois(["10.1371/journal.pone.0020476"])
    assert verifier.check("10.1371/journal.pone.0020476").status is DoiStatus.UNVERIFIED
    assert verifier.check(DOI).status is DoiStatus.FOUND
    assert any("deadline" in e or "too slow" in e for e in verifier.errors)


def test_cli_ends_at_the_deadline_with_one_line_and_exit_2(server: FakeCrossref, tmp_path: Path) -> None:
    paper = tmp_path / "paper.txt"
    paper.write_text(MANUSCRIPT, encoding="utf-8")
    server.fail_next("429", count=1000, retry_after=86400)
    result = CliRunner().invoke(cli, [
        "check", str(paper), "--format", "json", "--crossref", "--crossref-url", server.url,
        "--cache-dir", str(tmp_path / "cache"), "--crossref-deadline", "3", "--fail-on", "error"],
        env={"CITECHECK_MAILTO": ""})
    assert result.exit_code == 2
    report = json.loads(result.stdout)
    assert report["summary"]["unverified"] == 8
    lines = result.stderr.strip().splitlines()
    assert len(lines) == 1, lines
    (line,) = lines
    assert "the Crossref deadline of 3 s was reached (Crossref asked to wait 30 s)" in line


def test_deadline_option_is_checked(tmp_path: Path) -> None:
    paper = tmp_path / "paper.txt"
    paper.write_text(MANUSCRIPT, encoding="utf-8")
    result = CliRunner().invoke(cli, ["check", str(paper), "--crossref", "--crossref-deadline", "-1"])
    assert result.exit_code == 2 and "Traceback" not in result.output


def test_reply_final_marks_failures_not_worth_repeating() -> None:
    assert not Reply(0, error="x").final
