"""The fingerprint of a claim: a stable signature grouping the same claim across outlets."""

from __future__ import annotations

import hashlib
import json
from collections.abc import Sequence
from datetime import date, datetime
from typing import Any


def date_bucket(times: Sequence[Any], published_at: datetime | date | None) -> str:
    """ISO week ("2025-W02") of the claim's first resolved time expression, else of the publication date."""
    day: date | None = None
    for t in times:
        start = t.resolved_start if hasattr(t, "resolved_start") else t.get("resolved_start")
        if start:
            day = date.fromisoformat(start)
            break
    if day is None and published_at is not None:
        day = published_at.date() if isinstance(published_at, datetime) else published_at
    if day is None:
        return "undated"
    iso = day.isocalendar()
    return f"{iso[0]}-W{iso[1]:02d}"


def fingerprint(
    event_type: str,
    actors: Sequence[str],
    location: str | None,
    times: Sequence[Any],
    published_at: datetime | date | None,
) -> str:
    """A stable signature of (event type, canonical actors, canonical location, date bucket): 16 hex chars of
    SHA-1 over a canonical JSON encoding. Claimants are deliberately not part of it, so that opposing sides
    reporting the same event share a fingerprint."""
    payload = json.dumps(
        [
            event_type,
            sorted({a.casefold() for a in actors}),
            location.casefold() if location else None,
            date_bucket(times, published_at),
        ],
        ensure_ascii=False,
        separators=(",", ":"),
    )
    return hashlib.sha1(payload.encode("utf-8")).hexdigest()[:16]
