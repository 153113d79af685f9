"""Static files: fingerprinted URLs cached for a year, and no session on asset responses.

`url_for('static', filename=…)` adds `?v=<hash of the file>`; a request carrying the
current hash is answered with a one-year immutable lifetime, so browsers and proxies keep
it until a release changes the file (and so its URL). Static and media responses never
touch the session cookie, so they carry no `Vary: Cookie` and stay cacheable by anyone.
"""

from __future__ import annotations

import hashlib
import os
from pathlib import Path

from flask import Flask, request
from flask.sessions import SecureCookieSessionInterface

IMMUTABLE = "public, max-age=31536000, immutable"
SESSIONLESS_ENDPOINTS = frozenset({"static", "root.media", "root.healthz"})


class SessionlessAssetsInterface(SecureCookieSessionInterface):
    """The usual signed-cookie session, left alone for static files, media and health."""

    def save_session(self, app, session, response) -> None:
        if request.endpoint in SESSIONLESS_ENDPOINTS:
            return
        super().save_session(app, session, response)


class Fingerprints:
    """Short content hashes of the files under the static folder, computed once per file.

    With `watch` (debug mode) a file's hash is recomputed when its modification time changes.
    """

    def __init__(self, folder: str | None, watch: bool = False) -> None:
        self.folder = Path(folder) if folder else None
        self.watch = watch
        self.known: dict[str, tuple[float, str | None]] = {}

    def get(self, filename: str) -> str | None:
        known = self.known.get(filename)
        if known is not None and not self.watch:
            return known[1]
        if self.folder is None:
            return None
        path = self.folder / filename
        try:
            mtime = os.stat(path).st_mtime
        except OSError:
            return None
        if known is not None and known[0] == mtime:
            return known[1]
        digest = hashlib.sha256(path.read_bytes()).hexdigest()[:12]
        self.known[filename] = (mtime, digest)
        return digest

    def warm(self) -> None:
        """Hash every static file now, so no request pays for it."""
        if self.folder is None or not self.folder.is_dir():
            return
        for path in self.folder.rglob("*"):
            if path.is_file():
                self.get(path.relative_to(self.folder).as_posix())


def init_app(app: Flask) -> None:
    app.session_interface = SessionlessAssetsInterface()
    fingerprints = Fingerprints(app.static_folder, watch=app.debug)
    fingerprints.warm()
    app.extensions["static_fingerprints"] = fingerprints

    @app.url_defaults
    def fingerprint_static(endpoint, values):
        if endpoint == "static" and "filename" in values and "v" not in values:
            version = fingerprints.get(values["filename"])
            if version:
                values["v"] = version

    @app.after_request
    def cache_fingerprinted(response):
        if (request.endpoint == "static" and response.status_code in (200, 206, 304)
                and request.args.get("v")
                and request.args["v"] == fingerprints.get(request.view_args["filename"])):
            response.headers["Cache-Control"] = IMMUTABLE
            response.headers.pop("Expires", None)
        return response
