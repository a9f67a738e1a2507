from __future__ import annotations

import pytest

from graph_service.security.rate_limit import RateLimiter


class Clock:
    def __init__(self) -> None:
        self.now = 0.0

    def __call__(self) -> float:
        return self.now


def test_a_burst_is_allowed_then_the_steady_rate() -> None:
    clock = Clock()
    limiter = RateLimiter(per_minute=60, burst=3, clock=clock)
    assert [limiter.allow("a") for _ in range(3)] == [None, None, None]
    wait = limiter.allow("a")
    assert wait == pytest.approx(1.0)
    clock.now = 1.0
    assert limiter.allow("a") is None
    assert limiter.allow("b") is None  # each principal has its own bucket


def test_nonsense_limits_are_refused() -> None:
    with pytest.raises(ValueError, match="per_minute"):
        RateLimiter(per_minute=0, burst=1)
