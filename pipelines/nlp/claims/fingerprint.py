"""The fingerprint of a claim: a stable signature grouping the same claim across outlets.

Only a claim that names what happened (an event type other than ``other``) and at least one actor or place
has one; any other claim's fingerprint is ``None`` and it joins no cluster (issue 17: without this every
claim of type ``other`` with no actor and no place shared one catch-all fingerprint per week).
"""

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
) -> str | None:
    """A stable signature of (event type, canonical actors, canonical location, date bucket): 16 hex chars of
    SHA-1 over a canonical JSON encoding. Claimants are deliberately not part of it, so that opposing sides
    reporting the same event share a fingerprint. ``None`` when the claim is not clusterable
    (:func:`clusterable`)."""
    if not clusterable(event_type, actors, location):
        return None
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


def clusterable(event_type: str, actors: Sequence[str], location: str | None) -> bool:
    """Whether a claim names what happened (an event type other than ``other``) and at least one actor or
    place: only such a claim has a fingerprint."""
    return event_type != "other" and (any(a.strip() for a in actors) or bool(location and location.strip()))
