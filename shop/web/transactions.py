"""Requests that change state (POST) run their transactions as writers from the start."""

from __future__ import annotations

from flask import Flask, g, request

from shop.db import writing

STATE_CHANGING = frozenset({"POST", "PUT", "PATCH", "DELETE"})


def init_app(app: Flask) -> None:
    @app.before_request
    def begin_writing():
        if request.method in STATE_CHANGING:
            g.writing = writing()
            g.writing.__enter__()

    @app.teardown_request
    def end_writing(exc):
        context = g.pop("writing", None)
        if context is not None:
            context.__exit__(None, None, None)
