"""How long placing an order holds its locks, on SQLite or PostgreSQL.

Places orders for a mixed cart (three cooperatives, one made-to-order line) through
shop.checkout.services.place_order and times the transaction from its first statement
(BEGIN IMMEDIATE / SELECT ... FOR UPDATE) to its commit, sequentially and with concurrent
shoppers. Prints p50/p95/max in milliseconds.

    .venv/bin/python benchmarks/checkout_locks.py                       # SQLite file
    DATABASE_URL=postgresql+psycopg://postgres@127.0.0.1:5432/bench \\
        .venv/bin/python benchmarks/checkout_locks.py                   # PostgreSQL
"""

from __future__ import annotations

import os
import statistics
import sys
import tempfile
import threading
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from shop import create_app
from shop.cart.services import add_to_cart, get_or_create_cart
from shop.checkout import services as checkout_services
from shop.checkout.defaults import ensure_default_shipping_methods
from shop.checkout.services import CheckoutDetails, place_order
from shop.config import TestConfig
from shop.extensions import db
from shop.orders.models import DeliveryMethod
from tests.fixtures.factories import make_category, make_cooperative, make_product

ORDERS = 200
THREADS = 8


def build(app) -> list[int]:
    with app.app_context():
        db.drop_all()
        db.create_all()
        cat = make_category("c", "Casa", "Home")
        variants = []
        for i in range(3):
            coop = make_cooperative(f"coop{i}", f"Coop {i}")
            product = make_product(coop, cat, name_it=f"P{i}", name_en=f"P{i}",
                                   prices=(1000 + i,), stock=(100_000,))
            variants.append(product.variants[0].id)
        mto = make_product(coop, cat, name_it="Su misura", name_en="Custom", prices=(5000,),
                           made_to_order=True, lead_time_days=7)
        variants.append(mto.variants[0].id)
        ensure_default_shipping_methods()
        db.session.commit()
        return variants


def details() -> CheckoutDetails:
    return CheckoutDetails(email="b@example.org", name="Bench", phone="",
                           delivery_method=DeliveryMethod.SHIP, shipping_method="it-standard",
                           locale="it", ship_line1="Via Roma 1", ship_postal_code="20121",
                           ship_city="Milano", ship_province="MI", ship_country="IT")


_locked_at = threading.local()


def _timed_lock(pairs):
    rows = _real_lock_stock(pairs)
    _locked_at.t = time.perf_counter()
    return rows


_real_lock_stock = checkout_services.lock_stock
checkout_services.lock_stock = _timed_lock


def one_order(app, variants: list[int]) -> tuple[float, float]:
    """(whole transaction, stock locks held) in milliseconds."""
    with app.app_context():
        cart = get_or_create_cart()
        for v in variants:
            add_to_cart(cart, v, 1)
        db.session.commit()
        started = time.perf_counter()
        place_order(cart.id, details(), None)
        db.session.commit()
        done = time.perf_counter()
        return (done - started) * 1000, (done - _locked_at.t) * 1000


def report(label: str, times: list[float]) -> None:
    times = sorted(times)
    p95 = times[int(len(times) * 0.95) - 1]
    print(f"{label:<30} n={len(times):<4} p50={statistics.median(times):6.1f} ms  "
          f"p95={p95:6.1f} ms  max={times[-1]:6.1f} ms")


def main() -> None:
    url = os.environ.get("DATABASE_URL") or "sqlite:///" + str(
        Path(tempfile.mkdtemp()) / "bench.sqlite3")
    app = create_app(type("BenchConfig", (TestConfig,), {"SQLALCHEMY_DATABASE_URI": url}))
    variants = build(app)
    print(f"database: {url.split('@')[-1]}")
    sequential = [one_order(app, variants) for _ in range(ORDERS)]
    report("sequential: transaction", [t for t, _ in sequential])
    report("sequential: locks held", [h for _, h in sequential])
    times: list[tuple[float, float]] = []
    lock = threading.Lock()

    def shopper():
        for _ in range(ORDERS // THREADS):
            t = one_order(app, variants)
            with lock:
                times.append(t)

    threads = [threading.Thread(target=shopper) for _ in range(THREADS)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    report(f"{THREADS} shoppers: transaction", [t for t, _ in times])
    report(f"{THREADS} shoppers: locks held", [h for _, h in times])


if __name__ == "__main__":
    main()
