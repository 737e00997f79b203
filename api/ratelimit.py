"""Rate limits (the ``limits`` library): per partner key, and per client address for public routes."""

from __future__ import annotations

import math
import time

from fastapi import HTTPException, status
from limits import RateLimitItem, RateLimitItemPerMinute, parse
from limits.storage import storage_from_string
from limits.strategies import MovingWindowRateLimiter


class TooManyRequests(HTTPException):
    def __init__(self, retry_after: int) -> None:
        super().__init__(
            status.HTTP_429_TOO_MANY_REQUESTS,
            f"Trop de demandes en peu de temps : merci de réessayer dans {retry_after} seconde(s).",
            headers={"Retry-After": str(retry_after)},
        )


class RateLimits:
    """One limiter per process, on the configured storage (memory, or Redis shared by every worker)."""

    def __init__(self, storage_url: str) -> None:
        self.limiter = MovingWindowRateLimiter(storage_from_string(storage_url))

    def check(self, limit: RateLimitItem, *identifiers: str) -> None:
        """Count one call; raise a 429 (with Retry-After) when the limit is reached."""
        if self.limiter.hit(limit, *identifiers):
            return
        reset_at = self.limiter.get_window_stats(limit, *identifiers).reset_time
        raise TooManyRequests(max(1, math.ceil(reset_at - time.time())))

    def check_api_key(self, key_id: int, per_minute: int) -> None:
        self.check(RateLimitItemPerMinute(per_minute), "api-key", str(key_id))

    def check_address(self, rule: str, scope: str, address: str) -> None:
        """``rule`` in the ``limits`` notation, e.g. "30/minute"; ``scope`` keeps routes' counters apart."""
        self.check(parse(rule), scope, address)
