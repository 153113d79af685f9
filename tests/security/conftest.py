"""Fixtures of the security walks: the two-cooperative world and signing in, from tests/web."""

from __future__ import annotations

from tests.web.conftest import World, login, world  # noqa: F401  (fixtures used here)
