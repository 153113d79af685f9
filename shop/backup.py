"""`flask backup create|restore`: the database and the media files in one archive.

    shop-backup-<UTC time>.tar.gz
        manifest.json       when, which database kind, schema revision, how many media files
        database.sqlite3    SQLite: a copy made with SQLite's online backup API
        database.dump       PostgreSQL: `pg_dump --format=custom`
        media/...           the local media folder (MEDIA_ROOT)

Both database copies are consistent while the shop runs: SQLite's backup API copies the
database in one step under a read lock (WAL keeps writers going meanwhile), and pg_dump
reads everything in one snapshot. Media files are copied after the database, so a photo
uploaded meanwhile is in the archive even if its row is not (never the other way round;
a file without a row is harmless). The search index is not kept: after a restore every
index rebuilds from the restored catalog (the restore forgets all index cursors). Media are
taken from the local folder (MEDIA_STORAGE=local); a backend that keeps files elsewhere
(an object store) is backed up by its own means (bucket versioning, replication).
"""

from __future__ import annotations

import io
import json
import os
import shutil
import sqlite3
import subprocess  # nosec B404  # pg_dump and pg_restore, with fixed arguments, no shell
import tarfile
import tempfile
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path

import click
from flask import current_app
from flask.cli import AppGroup
from sqlalchemy import delete, inspect, text
from sqlalchemy.engine import URL, make_url

from shop.db import utcnow
from shop.extensions import db
from shop.search.models import SearchIndexCursor

FORMAT = 1
MANIFEST = "manifest.json"
SQLITE_FILE = "database.sqlite3"
PG_FILE = "database.dump"
MEDIA_DIR = "media"


class BackupError(Exception):
    """A backup or restore that cannot be done, with the reason for the operator."""


@dataclass(frozen=True)
class BackupReport:
    path: Path
    database: str
    media_files: int
    size_bytes: int


@dataclass(frozen=True)
class RestoreReport:
    database: str
    created_at: str
    media_files: int


# Creating ------------------------------------------------------------------------------------

def create_backup(directory: str | os.PathLike, now: datetime | None = None) -> BackupReport:
    """Write a backup archive of the database and media into `directory`."""
    url = make_url(current_app.config["SQLALCHEMY_DATABASE_URI"])
    kind = _kind(url)
    now = now or utcnow()
    target_dir = Path(directory)
    target_dir.mkdir(parents=True, exist_ok=True)
    target = target_dir / f"shop-backup-{now:%Y%m%dT%H%M%S%fZ}.tar.gz"
    with tempfile.TemporaryDirectory(prefix="shop-backup-") as work:
        work_dir = Path(work)
        if kind == "sqlite":
            database_file = work_dir / SQLITE_FILE
            _sqlite_copy(_sqlite_path(url), database_file)
        else:
            database_file = work_dir / PG_FILE
            _run(["pg_dump", "--format=custom", "--no-owner", "--no-privileges",
                  f"--file={database_file}"], url)
        media = Path(current_app.config["MEDIA_ROOT"])
        media_files = [p for p in media.rglob("*") if p.is_file()] if media.is_dir() else []
        manifest = {"format": FORMAT, "created_at": now.isoformat(), "database": kind,
                    "revision": _revision(), "media_files": len(media_files)}
        partial = target.with_name(target.name + ".part")
        with tarfile.open(partial, "w:gz") as archive:
            data = json.dumps(manifest, indent=1).encode()
            info = tarfile.TarInfo(MANIFEST)
            info.size, info.mtime = len(data), int(now.timestamp())
            archive.addfile(info, io.BytesIO(data))
            archive.add(database_file, arcname=database_file.name)
            for path in media_files:
                archive.add(path, arcname=f"{MEDIA_DIR}/{path.relative_to(media).as_posix()}")
        partial.replace(target)
    return BackupReport(target, kind, len(media_files), target.stat().st_size)


def _sqlite_copy(source: Path, target: Path) -> None:
    """Copy a live SQLite database in one step of the online backup API: a consistent copy."""
    src = sqlite3.connect(source, timeout=15)
    dst = sqlite3.connect(target)
    try:
        src.backup(dst)  # all pages in one step, under one read transaction
    finally:
        dst.close()
        src.close()


# Restoring -----------------------------------------------------------------------------------

def restore_backup(file: str | os.PathLike) -> RestoreReport:
    """Put a backup's database and media in the places this configuration names.

    Meant for a stopped shop (or a fresh place). The database is replaced; media files
    are added to MEDIA_ROOT (a file of the same name is overwritten). Every index cursor is
    forgotten, so each host's search index rebuilds from the restored catalog.
    """
    url = make_url(current_app.config["SQLALCHEMY_DATABASE_URI"])
    kind = _kind(url)
    with tempfile.TemporaryDirectory(prefix="shop-restore-") as work:
        work_dir = Path(work)
        try:
            with tarfile.open(file, "r:gz") as archive:
                _extract(archive, work_dir)
            manifest = json.loads((work_dir / MANIFEST).read_text())
        except (OSError, tarfile.TarError, ValueError, KeyError) as exc:
            raise BackupError(f"{file} is not a readable shop backup ({exc})") from None
        if manifest.get("format") != FORMAT:
            raise BackupError(f"{file} has backup format {manifest.get('format')}, "
                              f"this shop reads format {FORMAT}")
        if manifest["database"] != kind:
            raise BackupError(f"{file} holds a {manifest['database']} database, and this "
                              f"shop is configured for {kind}")
        db.session.remove()
        db.engine.dispose()
        if kind == "sqlite":
            target = _sqlite_path(url)
            target.parent.mkdir(parents=True, exist_ok=True)
            _sqlite_copy(work_dir / SQLITE_FILE, target)
        else:
            _run(["pg_restore", "--clean", "--if-exists", "--no-owner", "--no-privileges",
                  "--single-transaction", str(work_dir / PG_FILE)], url)
        media_dir = work_dir / MEDIA_DIR
        media_files = 0
        if media_dir.is_dir():
            media_files = sum(1 for p in media_dir.rglob("*") if p.is_file())
            shutil.copytree(media_dir, current_app.config["MEDIA_ROOT"], dirs_exist_ok=True)
    db.engine.dispose()
    with db.engine.begin() as conn:
        if inspect(conn).has_table(SearchIndexCursor.__tablename__):
            conn.execute(delete(SearchIndexCursor))
    return RestoreReport(kind, manifest["created_at"], media_files)


# Shared --------------------------------------------------------------------------------------

def _extract(archive: tarfile.TarFile, target: Path) -> None:
    """Unpack only plain files and folders inside `target` (no links, no absolute paths)."""
    if hasattr(tarfile, "data_filter"):  # Python 3.11.4 and later
        archive.extractall(target, filter="data")
        return
    for member in archive.getmembers():
        path = (target / member.name).resolve()
        if not (member.isfile() or member.isdir()) or not path.is_relative_to(target.resolve()):
            raise BackupError(f"unexpected entry in the archive: {member.name}")
    # Every member was checked just above: plain files and folders inside the target.
    archive.extractall(target)  # noqa: S202  # nosec B202


def _kind(url: URL) -> str:
    backend = url.get_backend_name()
    if backend == "sqlite":
        if not url.database or url.database == ":memory:":
            raise BackupError("an in-memory SQLite database has nothing to back up")
        return "sqlite"
    if backend == "postgresql":
        return "postgresql"
    raise BackupError(f"no backup method for {backend} databases")


def _sqlite_path(url: URL) -> Path:
    return Path(url.database)


def _revision() -> str | None:
    with db.engine.connect() as conn:
        if not inspect(conn).has_table("alembic_version"):
            return None
        return conn.scalar(text("SELECT version_num FROM alembic_version"))


def _run(command: list[str], url: URL) -> None:
    """Run pg_dump or pg_restore against the database; the password goes by environment."""
    program = shutil.which(command[0])
    if program is None:
        raise BackupError(f"{command[0]} is not installed on this machine (Debian: apt-get "
                          "install postgresql-client, of the server's major version or newer)")
    env = dict(os.environ)
    if url.password:
        env["PGPASSWORD"] = str(url.password)
    dsn = url.set(drivername="postgresql", password=None).render_as_string(hide_password=False)
    # A fixed program from PATH and arguments built here: no shell, nothing from a request.
    result = subprocess.run([program, f"--dbname={dsn}", *command[1:]],  # noqa: S603  # nosec B603
                            env=env, capture_output=True, text=True, check=False)
    if result.returncode != 0:
        raise BackupError(f"{command[0]} failed: {result.stderr.strip()[-2000:]}")


# Commands ------------------------------------------------------------------------------------

backup_cli = AppGroup("backup", help="Back up and restore the database and media files.")


@backup_cli.command("create")
@click.option("--to", "directory", type=click.Path(file_okay=False), default=None,
              help="Folder for the archive (default: INSTANCE_PATH/backups).")
def create_command(directory: str | None) -> None:
    """Write a consistent backup of the database and media, also while the shop runs."""
    directory = directory or str(Path(current_app.config["INSTANCE_PATH"]) / "backups")
    try:
        report = create_backup(directory)
    except BackupError as exc:
        click.echo(f"Backup failed: {exc}", err=True)
        raise SystemExit(1) from None
    click.echo(f"Backed up the {report.database} database and {report.media_files} media "
               f"files to {report.path} ({report.size_bytes / 1_048_576:.1f} MB).")


@backup_cli.command("restore")
@click.argument("file", type=click.Path(exists=True, dir_okay=False))
@click.option("--yes", is_flag=True, help="Do not ask for confirmation.")
def restore_command(file: str, yes: bool) -> None:
    """Replace the database with a backup's and add its media files (stop the shop first)."""
    if not yes:
        click.confirm("This replaces the database this configuration names with the "
                      "backup's. Continue?", abort=True)
    try:
        report = restore_backup(file)
    except BackupError as exc:
        click.echo(f"Restore failed: {exc}", err=True)
        raise SystemExit(1) from None
    click.echo(f"Restored the {report.database} database of {report.created_at} and "
               f"{report.media_files} media files. Search indexes rebuild at their next "
               "read (or run `flask search reindex` on each host).")
