"""Load benchmark: the shop under gunicorn's production settings against a bare Flask page.

    python benchmarks/load.py [--products 10000] [--duration 10] [--connections 32]
                              [--rounds 2] [--database-url postgresql+psycopg://…/bench]

Builds a fresh PostgreSQL database (demo catalog grown with synthetic products, search index
built), starts the shop with `gunicorn -c gunicorn.conf.py` (ENV=production, Redis for the
cache and rate limits) and benchmarks/bare_app.py with the same settings, then runs wrk
(`apt-get install wrk`) against each page, pages interleaved round after round so that a
noisy neighbour hurts every page alike. Prints req/s, p50 and p99 per page and the ratio of
req/s to the bare page. Everything it starts is stopped by PID. The database it names is
dropped and recreated.
"""

from __future__ import annotations

import argparse
import os
import re
import shutil
import signal
import statistics
import subprocess
import sys
import tempfile
import time
import urllib.request
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "benchmarks"))

PAGES = {
    "home": "/it/",
    "listing": "/it/products/",
    "listing filtered": "/it/products/?in_stock=1&min_price=10&sort=price_asc&page=3",
    "product": "/it/products/grembiule-canapa",
    "cooperative": "/it/cooperatives/filo-dritto",
    "search": "/it/search?q=grembiule",
}


def prepare(url: str, products: int, instance: Path) -> None:
    from sqlalchemy import create_engine, text
    from sqlalchemy.engine import make_url

    target = make_url(url)
    admin = create_engine(target.set(database="postgres"), isolation_level="AUTOCOMMIT")
    with admin.connect() as conn:
        conn.execute(text(f'DROP DATABASE IF EXISTS "{target.database}" WITH (FORCE)'))
        conn.execute(text(f'CREATE DATABASE "{target.database}"'))
    admin.dispose()
    os.environ.update(DATABASE_URL=url, INSTANCE_PATH=str(instance))
    from flask_migrate import upgrade
    from synthetic_catalog import write_catalog

    from shop import create_app
    from shop.extensions import db
    from shop.search import reindex

    app = create_app()
    with app.app_context():
        upgrade()
        total = write_catalog(products)
        db.session.commit()
        reindex()
        db.engine.dispose()
    print(f"catalog: {total} products", flush=True)


def start(app: str, port: int, env: dict) -> subprocess.Popen:
    process = subprocess.Popen(
        [sys.executable, "-m", "gunicorn", "-c", str(ROOT / "gunicorn.conf.py")],
        cwd=ROOT, env={**env, "GUNICORN_APP": app, "GUNICORN_BIND": f"127.0.0.1:{port}",
                       "GUNICORN_ACCESSLOG": "/dev/null"},
        stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, start_new_session=True)
    for _ in range(120):
        try:
            urllib.request.urlopen(f"http://127.0.0.1:{port}/", timeout=5)
            return process
        except OSError:
            time.sleep(1)
    stop(process)
    raise SystemExit(f"{app} did not start on port {port}")


def stop(process: subprocess.Popen) -> None:
    os.killpg(process.pid, signal.SIGTERM)
    try:
        process.wait(20)
    except subprocess.TimeoutExpired:
        os.killpg(process.pid, signal.SIGKILL)


def wrk(url: str, duration: int, connections: int) -> tuple[float, float, float]:
    out = subprocess.run(["wrk", "-t2", f"-c{connections}", f"-d{duration}s", "--latency", url],
                         capture_output=True, text=True, check=True).stdout
    rps = float(re.search(r"Requests/sec:\s+([\d.]+)", out).group(1))

    def ms(pct: str) -> float:
        value, unit = re.search(rf"\s{pct}%\s+([\d.]+)(us|ms|s)", out).groups()
        return float(value) * {"us": 0.001, "ms": 1, "s": 1000}[unit]

    return rps, ms("50"), ms("99")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--products", type=int, default=10_000)
    parser.add_argument("--duration", type=int, default=10)
    parser.add_argument("--connections", type=int, default=32)
    parser.add_argument("--rounds", type=int, default=2)
    parser.add_argument("--database-url",
                        default="postgresql+psycopg://postgres@127.0.0.1:5432/bench_load")
    parser.add_argument("--redis-url", default="redis://127.0.0.1:6379/15")
    parser.add_argument("--port", type=int, default=5110)
    args = parser.parse_args()
    if not shutil.which("wrk"):
        raise SystemExit("wrk is missing: apt-get install wrk")

    instance = Path(tempfile.mkdtemp(prefix="shop-load-"))
    prepare(args.database_url, args.products, instance)
    env = {**os.environ, "ENV": "production", "SECRET_KEY": "bench-" + "x" * 32,
           "DATABASE_URL": args.database_url, "REDIS_URL": args.redis_url,
           "STRIPE_SECRET_KEY": "sk_test_bench", "STRIPE_WEBHOOK_SECRET": "whsec_bench",
           "MAIL_SERVER": "127.0.0.1", "SHOP_BASE_URL": "https://shop.example",
           "INSTANCE_PATH": str(instance), "LOG_JSON": "1", "PYTHONPATH": str(ROOT)}
    shop = start("shop:create_app()", args.port, env)
    bare = start("benchmarks.bare_app:app", args.port + 1, env)
    results: dict[str, list[tuple[float, float, float]]] = {"bare": []}
    try:
        for _ in range(args.rounds):
            results["bare"].append(wrk(f"http://127.0.0.1:{args.port + 1}/", args.duration,
                                       args.connections))
            for name, path in PAGES.items():
                url = f"http://127.0.0.1:{args.port}{path}"
                results.setdefault(name, []).append(wrk(url, args.duration, args.connections))
    finally:
        stop(shop)
        stop(bare)
    bare_rps = statistics.median(r[0] for r in results["bare"])
    print(f"\n{args.products} products, {args.connections} connections, "
          f"{args.rounds} x {args.duration} s per page (medians)")
    print(f"{'page':18} {'req/s':>8} {'p50 ms':>8} {'p99 ms':>8} {'vs bare':>8}")
    for name, runs in results.items():
        rps = statistics.median(r[0] for r in runs)
        print(f"{name:18} {rps:8.0f} {statistics.median(r[1] for r in runs):8.1f} "
              f"{statistics.median(r[2] for r in runs):8.1f} {rps / bare_rps:8.0%}")


if __name__ == "__main__":
    main()
