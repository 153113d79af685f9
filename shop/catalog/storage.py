"""Where media files live: a small storage interface, the local folder as its one backend.

Pictures are named by relative paths (`products/<slug>-1.webp`, `photos/<hex>.webp`, the
path a ProductImage stores). Code that writes, reads or removes them goes through
`media_storage()`, chosen by MEDIA_STORAGE; the `/media/` route and the templates ask the
same object for a file's URL or response. So another backend (an S3-compatible bucket, for
hosts that share no disk) is one class with these methods, registered in BACKENDS:
`url()` would give the bucket's (or CDN's) public address and `serve()` would redirect
there, `save()` a PUT of the bytes, `read()` a GET, `delete()` a DELETE. Nothing else in
the shop changes.
"""

from __future__ import annotations

import os
import threading
from collections.abc import Callable
from pathlib import Path
from typing import Protocol

from flask import Flask, Response, current_app, send_from_directory, url_for
from werkzeug.security import safe_join

MEDIA_MAX_AGE = 86400 * 30


class MediaStorage(Protocol):
    """What the shop needs from a place that keeps media files."""

    def save(self, path: str, data: bytes) -> None:
        """Store the bytes under `path`, replacing a file there; readers never see half."""

    def read(self, path: str) -> bytes:
        """The file's bytes; FileNotFoundError if there is none."""

    def exists(self, path: str) -> bool: ...

    def delete(self, path: str) -> None:
        """Remove the file if it is there."""

    def url(self, path: str) -> str:
        """The address a browser fetches the file from."""

    def serve(self, path: str) -> Response:
        """The response of the shop's own `/media/<path>` route (404 if missing)."""


class LocalMediaStorage:
    """Files in a folder of this host (MEDIA_ROOT), served at `/media/` by the app or a front
    server. Hosts behind one load balancer must then share that folder (NFS or alike)."""

    def __init__(self, root: str | os.PathLike) -> None:
        self.root = Path(root)

    def file(self, path: str) -> Path:
        """The file a relative path names, never outside the folder."""
        joined = safe_join(str(self.root), path)
        if joined is None:
            raise ValueError(f"not a media path: {path!r}")
        return Path(joined)

    def save(self, path: str, data: bytes) -> None:
        target = self.file(path)
        target.parent.mkdir(parents=True, exist_ok=True)
        # Written beside the target and renamed: a reader never sees half a file, and the
        # partial name is the writer's own, so two processes writing one path never collide.
        partial = target.with_name(f"{target.name}.{os.getpid()}-{threading.get_ident()}.part")
        try:
            partial.write_bytes(data)
            partial.replace(target)
        except BaseException:
            partial.unlink(missing_ok=True)
            raise

    def read(self, path: str) -> bytes:
        return self.file(path).read_bytes()

    def exists(self, path: str) -> bool:
        try:
            return self.file(path).is_file()
        except ValueError:
            return False

    def delete(self, path: str) -> None:
        self.file(path).unlink(missing_ok=True)

    def url(self, path: str) -> str:
        return url_for("root.media", filename=path)

    def serve(self, path: str) -> Response:
        # send_from_directory refuses paths leaving the folder, and answers 404 for them.
        return send_from_directory(self.root, path, max_age=MEDIA_MAX_AGE)


# MEDIA_STORAGE value → how to build the backend from the app's configuration.
BACKENDS: dict[str, Callable[[Flask], MediaStorage]] = {
    "local": lambda app: LocalMediaStorage(app.config["MEDIA_ROOT"]),
}


def init_app(app: Flask) -> None:
    """Build the configured backend once; an unknown MEDIA_STORAGE stops the start."""
    name = app.config.get("MEDIA_STORAGE", "local")
    if name not in BACKENDS:
        raise RuntimeError(f"MEDIA_STORAGE={name!r} is not one of {sorted(BACKENDS)}")
    app.extensions["media_storage"] = BACKENDS[name](app)


def media_storage() -> MediaStorage:
    """The current application's media storage."""
    return current_app.extensions["media_storage"]
