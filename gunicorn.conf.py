"""gunicorn settings for production: `gunicorn -c gunicorn.conf.py`.

Worker model: `gthread`, one process per core plus one, four threads each. The shop's
requests are short and mostly CPU (templates, SQLAlchemy) with brief waits on PostgreSQL,
Redis and Stripe; threads cover those waits without the memory of more processes, and a
slow Stripe call ties up one thread, not a whole worker. Every setting can be overridden
from the environment (GUNICORN_WORKERS, GUNICORN_THREADS, GUNICORN_BIND, …).
"""

import multiprocessing
import os

wsgi_app = os.environ.get("GUNICORN_APP", "shop:create_app()")
bind = os.environ.get("GUNICORN_BIND", "127.0.0.1:8000")
worker_class = os.environ.get("GUNICORN_WORKER_CLASS", "gthread")
workers = int(os.environ.get("GUNICORN_WORKERS", multiprocessing.cpu_count() + 1))
threads = int(os.environ.get("GUNICORN_THREADS", 4))
# Load the app once in the master, so workers start fast and share its memory pages;
# each worker opens its own database connections (the pool is created lazily).
preload_app = os.environ.get("GUNICORN_PRELOAD", "1") == "1"
timeout = int(os.environ.get("GUNICORN_TIMEOUT", 30))
graceful_timeout = 20
keepalive = 5
# Recycle workers now and then, staggered, so a slow leak never takes a host down.
max_requests = int(os.environ.get("GUNICORN_MAX_REQUESTS", 5000))
max_requests_jitter = 500
forwarded_allow_ips = os.environ.get("FORWARDED_ALLOW_IPS", "127.0.0.1")
accesslog = os.environ.get("GUNICORN_ACCESSLOG", "-")
errorlog = "-"
loglevel = os.environ.get("GUNICORN_LOGLEVEL", "info")
access_log_format = ('{"time": "%(t)s", "remote_addr": "%(h)s", "method": "%(m)s", '
                     '"path": "%(U)s", "query": "%(q)s", "status": %(s)s, "bytes": "%(B)s", '
                     '"duration_us": %(D)s, "user_agent": "%(a)s"}')


def post_fork(server, worker):
    """Never share the master's database connections with a worker."""
    from shop.extensions import db

    app = getattr(server, "app", None)
    wsgi = getattr(app, "callable", None) if app else None
    # Only the shop has a database (benchmarks/bare_app.py, served with these settings, has none).
    if wsgi is not None and "sqlalchemy" in getattr(wsgi, "extensions", {}):
        with wsgi.app_context():
            db.engine.dispose(close=False)
