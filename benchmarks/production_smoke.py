"""Production smoke test: one purchase through every moving part of a production deployment.

    python benchmarks/production_smoke.py [--database-url postgresql+psycopg://…/smoke]
                                          [--redis-url redis://127.0.0.1:6379/14]
                                          [--workers 3] [--port 5120]

Creates a scratch PostgreSQL database (dropped at the end), migrates it and loads the demo
catalog; starts an SMTP sink (aiosmtpd) and the fake Stripe server of the tests, both in
this process; starts gunicorn with `gunicorn.conf.py` and several workers and one
`flask worker` process, both with ENV=production and every required setting (Redis for
cache and rate limits). Then buys an apron over HTTP as a browser would (product page, add
to cart, checkout details, review, place the order), finishes the payment on the fake
Stripe's side, posts the signed `checkout.session.completed` webhook, and checks that the
order is paid (in the database and on its page) and that the confirmation email reaches
the sink. Prints each step with its time; exits non-zero on the first failure. Everything
it started is stopped by PID, also on failure.
"""

from __future__ import annotations

import argparse
import http.client
import json
import os
import re
import shutil
import signal
import subprocess
import sys
import tempfile
import time
from contextlib import ExitStack
from pathlib import Path
from urllib.parse import urlencode, urlparse

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

PRODUCT = "grembiule-canapa"
EMAIL = "smoke@example.org"
DETAILS = {
    "email": EMAIL, "name": "Anna Bianchi", "phone": "+39 333 1234567",
    "delivery_method": "ship", "shipping_method": "it-standard", "ship_line1": "Via Roma 1",
    "ship_line2": "", "ship_postal_code": "20121", "ship_city": "Milano",
    "ship_province": "MI", "ship_country": "IT",
}
WEBHOOK_SECRET = "whsec_smoke_" + "s" * 20


class Failed(Exception):
    pass


def step(name: str):
    """Print a step's name, then its time when the block ends (or FAILED)."""
    class Step:
        def __enter__(self):
            self.start = time.perf_counter()
            print(f"  {name:58}", end="", flush=True)
            return self

        def __exit__(self, kind, value, tb):
            took = time.perf_counter() - self.start
            print(f"{took * 1000:8.0f} ms" if kind is None else "  FAILED", flush=True)
            return False

    return Step()


class Browser:
    """A cookie-keeping HTTP client that never follows redirects.

    Production cookies are `Secure`: behind the TLS front server a browser sends them back;
    here we talk plain HTTP to gunicorn directly, so the cookies are kept by hand.
    """

    def __init__(self, port: int) -> None:
        self.port = port
        self.cookies: dict[str, str] = {}

    def request(self, method: str, path: str, body: bytes | None = None,
                headers: dict | None = None) -> tuple[int, dict, str]:
        conn = http.client.HTTPConnection("127.0.0.1", self.port, timeout=30)
        headers = dict(headers or {})
        if self.cookies:
            headers["Cookie"] = "; ".join(f"{k}={v}" for k, v in self.cookies.items())
        try:
            conn.request(method, path, body=body, headers=headers)
            response = conn.getresponse()
            text = response.read().decode("utf-8", "replace")
            for name, value in response.getheaders():
                if name.lower() == "set-cookie":
                    key, _, rest = value.partition("=")
                    self.cookies[key.strip()] = rest.split(";", 1)[0]
            return response.status, {k.lower(): v for k, v in response.getheaders()}, text
        finally:
            conn.close()

    def get(self, path: str) -> tuple[int, dict, str]:
        return self.request("GET", path)

    def post(self, path: str, data: dict) -> tuple[int, dict, str]:
        return self.request("POST", path, urlencode(data).encode(),
                            {"Content-Type": "application/x-www-form-urlencoded"})


def expect(condition: bool, message: str) -> None:
    if not condition:
        raise Failed(message)


def csrf(html: str) -> str:
    match = re.search(r'name="csrf_token"[^>]*value="([^"]+)"', html)
    expect(match is not None, "no CSRF token on the page")
    return match.group(1)


def run(command: list[str], env: dict) -> None:
    result = subprocess.run(command, cwd=ROOT, env=env, capture_output=True, text=True,
                            check=False)
    if result.returncode != 0:
        raise Failed(f"{' '.join(command[2:])} failed:\n{result.stderr[-2000:]}")


def start(command: list[str], env: dict, log: Path) -> subprocess.Popen:
    """Start a process in its own group, so stopping it stops its children too."""
    with open(log, "wb") as out:
        return subprocess.Popen(command, cwd=ROOT, env=env, stdout=out,
                                stderr=subprocess.STDOUT, start_new_session=True)


def stop(process: subprocess.Popen, name: str) -> None:
    began = time.perf_counter()
    if process.poll() is None:
        os.killpg(process.pid, signal.SIGTERM)
        try:
            process.wait(20)
        except subprocess.TimeoutExpired:
            os.killpg(process.pid, signal.SIGKILL)
            process.wait(5)
    print(f"  stopped {name} (pid {process.pid}, exit {process.returncode}) "
          f"in {(time.perf_counter() - began) * 1000:.0f} ms")


def wait_for(check, timeout: float, what: str, interval: float = 0.2):
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        value = check()
        if value:
            return value
        time.sleep(interval)
    raise Failed(f"timed out after {timeout:.0f} s waiting for {what}")


def database(url: str, action: str) -> None:
    from sqlalchemy import create_engine, text
    from sqlalchemy.engine import make_url

    target = make_url(url)
    admin = create_engine(target.set(database="postgres"), isolation_level="AUTOCOMMIT")
    try:
        with admin.connect() as conn:
            conn.execute(text(f'DROP DATABASE IF EXISTS "{target.database}" WITH (FORCE)'))
            if action == "create":
                conn.execute(text(f'CREATE DATABASE "{target.database}"'))
    finally:
        admin.dispose()


def order_row(url: str, token: str):
    from sqlalchemy import create_engine, text

    engine = create_engine(url)
    try:
        with engine.connect() as conn:
            return conn.execute(text('SELECT number, status, total_cents FROM "order" '
                                     "WHERE access_token = :t"), {"t": token}).one_or_none()
    finally:
        engine.dispose()


def purchase(browser: Browser, fake, sink, db_url: str) -> None:
    import stripe

    from tests.fixtures.fake_stripe import event

    with step(f"GET product page /it/products/{PRODUCT}"):
        status, _, html = browser.get(f"/it/products/{PRODUCT}")
        expect(status == 200, f"product page answered {status}")
        variant = re.search(r'name="variant_id" value="(\d+)"', html)
        expect(variant is not None, "no option to buy on the product page")
    with step("POST add to cart"):
        status, headers, _ = browser.post(f"/it/products/{PRODUCT}/add", {
            "csrf_token": csrf(html), "variant_id": variant.group(1), "quantity": "2"})
        expect(status in (302, 303), f"add to cart answered {status}")
    with step("GET cart"):
        status, _, html = browser.get("/it/cart")
        expect(status == 200 and "qty-form" in html, f"cart answered {status} without lines")
    with step("GET checkout, POST details (review page)"):
        status, _, html = browser.get("/it/checkout")
        expect(status == 200, f"checkout answered {status}")
        status, _, html = browser.post("/it/checkout", {"csrf_token": csrf(html), **DETAILS})
        expect(status == 200 and "/checkout/place" in html, f"review answered {status}")
    with step("POST place order (opens a Stripe Checkout Session)"):
        form = html.split("/checkout/place")[1].split("</form>")[0]
        data = dict(re.findall(r'<input type="hidden" name="([^"]+)" value="([^"]*)"', form))
        data.update(csrf_token=csrf(html), accept_terms="y")
        status, headers, _ = browser.post("/it/checkout/place", data)
        expect(status == 303, f"placing the order answered {status}")
        session_id = headers["location"].rsplit("/", 1)[-1]
        expect(session_id in fake.sessions, f"no session {session_id} on the fake Stripe")
        session = fake.sessions[session_id]
        token = urlparse(session["success_url"]).path.rsplit("/", 1)[-1]
        number, status, total = order_row(db_url, token)
        expect(status == "pending_payment", f"order {number} is {status}")
        expect(session["amount_total"] == total,
               f"session for {session['amount_total']} cents, order {total}")
    with step("customer pays on the hosted page; signed webhook posted"):
        paid = fake.complete(session_id)
        payload = json.dumps(event("checkout.session.completed", dict(paid)))
        header = stripe.WebhookSignature.generate_signature_header(
            payload, WEBHOOK_SECRET, timestamp=int(time.time()))
        status, _, body = browser.request("POST", "/webhooks/stripe", payload.encode(), {
            "Stripe-Signature": header, "Content-Type": "application/json"})
        expect(status == 200, f"webhook answered {status}: {body[:200]}")
    with step(f"order {number} paid (database and order page)"):
        _, status, _ = order_row(db_url, token)
        expect(status == "paid", f"order {number} is {status} after the webhook")
        page_status, _, html = browser.get(f"/it/orders/{token}")
        expect(page_status == 200 and number in html, f"order page answered {page_status}")
    with step("confirmation email reaches the SMTP sink (flask worker)"):
        message = wait_for(lambda: next((m for m in sink.messages if m["To"] == EMAIL
                                         and number in (m["Subject"] or "")
                                         + str(m.get_body(("plain",)).get_content())), None),
                           60, "the confirmation email")
    print(f"  → order {number}: {total / 100:.2f} EUR paid; email “{message['Subject']}”")


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--database-url",
                        default="postgresql+psycopg://postgres@127.0.0.1:5432/smoke")
    parser.add_argument("--redis-url", default="redis://127.0.0.1:6379/14")
    parser.add_argument("--workers", type=int, default=3)
    parser.add_argument("--port", type=int, default=5120)
    args = parser.parse_args()

    from tests.fixtures.fake_stripe import FakeStripe
    from tests.fixtures.mail import start_sink

    began = time.perf_counter()
    instance = Path(tempfile.mkdtemp(prefix="shop-smoke-"))
    processes: list[tuple[subprocess.Popen, str]] = []
    ok = False
    print(f"production smoke test (scratch database {args.database_url.rsplit('/', 1)[-1]}, "
          f"instance {instance})")
    try:
        with ExitStack() as servers:
            with step("scratch database: create, migrate, demo catalog"):
                database(args.database_url, "create")
                setup_env = {**os.environ, "DATABASE_URL": args.database_url,
                             "INSTANCE_PATH": str(instance), "REDIS_URL": args.redis_url}
                setup_env.pop("ENV", None)
                flask = [sys.executable, "-m", "flask", "--app", "wsgi"]
                run([*flask, "db", "upgrade"], setup_env)
                run([*flask, "catalog", "seed-demo", "--no-images"], setup_env)
            with step("SMTP sink (aiosmtpd) and fake Stripe, in this process"):
                controller, sink = start_sink()
                servers.callback(controller.stop)
                fake = FakeStripe().start()
                servers.callback(fake.stop)
            env = {**os.environ, "ENV": "production", "SECRET_KEY": "smoke-" + "k" * 40,
                   "DATABASE_URL": args.database_url, "REDIS_URL": args.redis_url,
                   "STRIPE_SECRET_KEY": "sk_test_smoke", "STRIPE_WEBHOOK_SECRET": WEBHOOK_SECRET,
                   "STRIPE_API_BASE": fake.url, "MAIL_SERVER": "127.0.0.1",
                   "MAIL_PORT": str(controller.port), "SHOP_BASE_URL": "https://shop.smoke.test",
                   "INSTANCE_PATH": str(instance), "PYTHONPATH": str(ROOT),
                   "GUNICORN_WORKERS": str(args.workers),
                   "GUNICORN_BIND": f"127.0.0.1:{args.port}"}
            with step(f"gunicorn ({args.workers} workers) and flask worker, ENV=production"):
                processes.append((start([sys.executable, "-m", "gunicorn", "-c",
                                         str(ROOT / "gunicorn.conf.py"),
                                         "--no-control-socket"], env,
                                        instance / "gunicorn.log"), "gunicorn"))
                processes.append((start([*flask, "worker", "--interval", "1"], env,
                                        instance / "worker.log"), "flask worker"))
                browser = Browser(args.port)

                def healthy():
                    for process, name in processes:
                        if process.poll() is not None:
                            raise Failed(f"{name} exited with {process.returncode}")
                    try:
                        return browser.get("/healthz")[0] == 200
                    except OSError:
                        return False

                wait_for(healthy, 60, "/healthz to answer 200")
            purchase(browser, fake, sink, args.database_url)
            ok = True
    except Failed as exc:
        print(f"\nFAILED: {exc}")
        for log in ("gunicorn.log", "worker.log"):
            path = instance / log
            if path.exists():
                print(f"--- last lines of {log}:")
                print("\n".join(path.read_text(errors="replace").splitlines()[-15:]))
    finally:
        for process, name in reversed(processes):
            stop(process, name)
        database(args.database_url, "drop")
        shutil.rmtree(instance, ignore_errors=True)
        print("  scratch database dropped, instance folder removed")
    print(f"{'passed' if ok else 'FAILED'} in {time.perf_counter() - began:.1f} s")
    return 0 if ok else 1


if __name__ == "__main__":
    sys.exit(main())
