"""The languages claimflow has claim rules and alias-table entries for (others get entities but no claims)."""

from __future__ import annotations

CLAIM_LANGUAGES = ("en", "ru", "uk")
