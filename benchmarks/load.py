"""Load benchmark: the shop under gunicorn's production settings against a bare Flask page.

    python benchmarks/load.py [--products 10000] [--duration 10] [--connections 32]
                              [--rounds 2] [--database-url postgresql+psycopg://…/bench]
    python benchmarks/load.py --quick     # 500 products, 8 connections, 2 s per page, once
    python benchmarks/load.py --serve     # only build the catalog and serve it (Lighthouse)

Builds a fresh PostgreSQL database (demo catalog grown with synthetic products, search index
built), starts the shop with `gunicorn -c gunicorn.conf.py` (ENV=production, Redis for the
cache and rate limits) and benchmarks/bare_app.py with the same settings, then runs wrk
(`apt-get install wrk`) against each page, pages interleaved round after round so that a
noisy neighbour hurts every page alike. The cart and a product page are also measured for a
visitor with an apron in the cart (their cookie sent by wrk). Prints req/s, p50 and p99 per
page and the ratio of req/s to the bare page. Everything it starts is stopped by PID. The
database it names is dropped and recreated.

`--quick` checks that the whole harness runs (its figures mean little); `--serve` builds the
catalog, starts the shop the same way, prints its address and serves until interrupted
(benchmarks/lighthouse.sh uses it).
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
    "gift box": "/it/products/scatola-regalo-colazione",
}
# Pages asked by a visitor with something in the cart (wrk sends their cookies).
CART_PAGES = {
    "cart (with cart)": "/it/cart",
    "product (with cart)": "/it/products/grembiule-canapa",
}
QUICK = {"products": 500, "duration": 2, "connections": 8, "rounds": 1}
DEFAULTS = {"products": 10_000, "duration": 10, "connections": 32, "rounds": 2}


def prepare(url: str, products: int, instance: Path, redis_url: str) -> None:
    from sqlalchemy import create_engine, text
    from sqlalchemy.engine import make_url

    target = make_url(url)
    admin = create_engine(target.set(database="postgres"), isolation_level="AUTOCOMMIT")
    with admin.connect() as conn:
        conn.execute(text(f'DROP DATABASE IF EXISTS "{target.database}" WITH (FORCE)'))
        conn.execute(text(f'CREATE DATABASE "{target.database}"'))
    admin.dispose()
    # The shop's Redis too, so that loading the catalog retires what an earlier run cached.
    os.environ.update(DATABASE_URL=url, INSTANCE_PATH=str(instance), REDIS_URL=redis_url)
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
    # Fresh tables have no planner statistics until autovacuum gets to them: without them a
    # correlated stock sum is planned as a sequential scan per product (seconds a page).
    # A shop that imports thousands of products at once wants the same ANALYZE.
    stats = create_engine(url, isolation_level="AUTOCOMMIT")
    with stats.connect() as conn:
        conn.execute(text("ANALYZE"))
    stats.dispose()
    print(f"catalog: {total} products", flush=True)


def start(app: str, port: int, env: dict) -> subprocess.Popen:
    log = Path(env["INSTANCE_PATH"]) / f"gunicorn-{port}.log"
    with open(log, "wb") as out:
        process = subprocess.Popen(
            [sys.executable, "-m", "gunicorn", "-c", str(ROOT / "gunicorn.conf.py"),
             "--no-control-socket"],
            cwd=ROOT, env={**env, "GUNICORN_APP": app, "GUNICORN_BIND": f"127.0.0.1:{port}",
                           "GUNICORN_ACCESSLOG": "/dev/null"},
            stdout=subprocess.DEVNULL, stderr=out, start_new_session=True)
    for _ in range(120):
        try:
            urllib.request.urlopen(f"http://127.0.0.1:{port}/", timeout=5)
            return process
        except OSError:
            if process.poll() is not None:
                break
            time.sleep(1)
    stop(process)
    tail = "\n".join(log.read_text(errors="replace").splitlines()[-20:])
    raise SystemExit(f"{app} did not start on port {port}:\n{tail}")


def stop(process: subprocess.Popen) -> None:
    os.killpg(process.pid, signal.SIGTERM)
    try:
        process.wait(20)
    except subprocess.TimeoutExpired:
        os.killpg(process.pid, signal.SIGKILL)


def wrk(url: str, duration: int, connections: int,
        cookie: str = "") -> tuple[float, float, float]:
    headers = ["-H", f"Cookie: {cookie}"] if cookie else []
    out = subprocess.run(["wrk", "-t2", f"-c{connections}", f"-d{duration}s", "--latency",
                          *headers, url],
                         capture_output=True, text=True, check=True).stdout
    if re.search(r"Non-2xx or 3xx responses", out):
        raise SystemExit(f"{url} answered errors under load:\n{out}")
    rps = float(re.search(r"Requests/sec:\s+([\d.]+)", out).group(1))

    def ms(pct: str) -> float:
        value, unit = re.search(rf"\s{pct}%\s+([\d.]+)(us|ms|s)", out).groups()
        return float(value) * {"us": 0.001, "ms": 1, "s": 1000}[unit]

    return rps, ms("50"), ms("99")


def cart_cookie(port: int) -> str:
    """The cookies of a visitor who has put an apron in the cart."""
    from production_smoke import Browser, csrf

    browser = Browser(port)
    status, _, html = browser.get(PAGES["product"])
    variant = re.search(r'name="variant_id" value="(\d+)"', html)
    if status != 200 or variant is None:
        raise SystemExit(f"cannot add to the cart: product page answered {status}")
    status, _, _ = browser.post(PAGES["product"] + "/add", {
        "csrf_token": csrf(html), "variant_id": variant.group(1), "quantity": "1"})
    if status not in (302, 303) or "vdm_cart" not in browser.cookies:
        raise SystemExit(f"cannot add to the cart: answered {status}")
    # Follow the redirect as a browser does: the page shows "added to the cart" once and
    # the session forgets the message (a cookie still holding it would be a visitor who
    # never saw the page after adding).
    browser.get(PAGES["product"])
    return "; ".join(f"{k}={v}" for k, v in browser.cookies.items())


def warm_up(port: int, cookie: str, times: int = 8) -> None:
    """Ask every page a few times first: each worker compiles its templates and statements."""
    for path in [*PAGES.values(), *CART_PAGES.values()]:
        for _ in range(times):
            request = urllib.request.Request(f"http://127.0.0.1:{port}{path}",
                                             headers={"Cookie": cookie} if cookie else {})
            urllib.request.urlopen(request, timeout=30).read()


def shop_env(args, instance: Path) -> dict:
    return {**os.environ, "ENV": "production", "SECRET_KEY": "bench-" + "x" * 32,
            "DATABASE_URL": args.database_url, "REDIS_URL": args.redis_url,
            "STRIPE_SECRET_KEY": "sk_test_bench", "STRIPE_WEBHOOK_SECRET": "whsec_bench",
            "MAIL_SERVER": "127.0.0.1", "SHOP_BASE_URL": "https://shop.example",
            "INSTANCE_PATH": str(instance), "LOG_JSON": "1", "PYTHONPATH": str(ROOT)}


def serve(args, instance: Path) -> None:
    """Serve the prepared shop until interrupted (SIGINT or SIGTERM), then stop it."""
    shop = start("shop:create_app()", args.port, shop_env(args, instance))
    print(f"serving http://127.0.0.1:{args.port} (pid {shop.pid})", flush=True)
    signal.signal(signal.SIGTERM, lambda *_: sys.exit(0))
    try:
        while shop.poll() is None:
            time.sleep(1)
    except KeyboardInterrupt:
        pass
    finally:
        stop(shop)
        shutil.rmtree(instance, ignore_errors=True)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--products", type=int)
    parser.add_argument("--duration", type=int, help="seconds of wrk per page and round")
    parser.add_argument("--connections", type=int)
    parser.add_argument("--rounds", type=int)
    parser.add_argument("--quick", action="store_true",
                        help="a smoke run: 500 products, 8 connections, 2 s per page, 1 round")
    parser.add_argument("--serve", action="store_true",
                        help="build the catalog, then only serve the shop until interrupted")
    parser.add_argument("--database-url",
                        default="postgresql+psycopg://postgres@127.0.0.1:5432/bench_load")
    parser.add_argument("--redis-url", default="redis://127.0.0.1:6379/15")
    parser.add_argument("--port", type=int, default=5110)
    args = parser.parse_args()
    for name, value in (QUICK if args.quick else DEFAULTS).items():
        if getattr(args, name) is None:
            setattr(args, name, value)
    if not args.serve and not shutil.which("wrk"):
        raise SystemExit("wrk is missing: apt-get install wrk")

    instance = Path(tempfile.mkdtemp(prefix="shop-load-"))
    prepare(args.database_url, args.products, instance, args.redis_url)
    if args.serve:
        serve(args, instance)
        return
    env = shop_env(args, instance)
    shop = start("shop:create_app()", args.port, env)
    bare = None
    results: dict[str, list[tuple[float, float, float]]] = {"bare": []}
    try:
        bare = start("benchmarks.bare_app:app", args.port + 1, env)
        cookie = cart_cookie(args.port)
        warm_up(args.port, cookie)
        for _ in range(args.rounds):
            results["bare"].append(wrk(f"http://127.0.0.1:{args.port + 1}/", args.duration,
                                       args.connections))
            for name, path in [*PAGES.items(), *CART_PAGES.items()]:
                url = f"http://127.0.0.1:{args.port}{path}"
                results.setdefault(name, []).append(
                    wrk(url, args.duration, args.connections,
                        cookie if name in CART_PAGES else ""))
    finally:
        stop(shop)
        if bare is not None:
            stop(bare)
        shutil.rmtree(instance, ignore_errors=True)
    bare_rps = statistics.median(r[0] for r in results["bare"])
    print(f"\n{args.products} products, {args.connections} connections, "
          f"{args.rounds} x {args.duration} s per page (medians)")
    print(f"{'page':20} {'req/s':>8} {'p50 ms':>8} {'p99 ms':>8} {'vs bare':>8}")
    for name, runs in results.items():
        rps = statistics.median(r[0] for r in runs)
        print(f"{name:20} {rps:8.0f} {statistics.median(r[1] for r in runs):8.1f} "
              f"{statistics.median(r[2] for r in runs):8.1f} {rps / bare_rps:8.0%}")


if __name__ == "__main__":
    main()
