"""Search benchmark: build synthetic catalogs, rebuild the index, time a fixed mix of queries.

    python benchmarks/search_bench.py [--sizes 1000 10000 50000] [--processes N]

For each size: a fresh SQLite database gets the demo catalog plus synthetic products (Italian
and English texts, see synthetic_catalog.py); `reindex()` builds the index as `flask search
reindex` does; then 200 queries (single words, two words, typos, facet filters, price and
stock filters with sorts and pages) run through shop.search.service.find_products, the
function behind the search page, facets included. Each query is timed three ways:

- warm: the steady state of a running worker (caches filled by an earlier pass);
- index: the same without the database part (loading the twelve products of a page);
- updated: right after a product changed (a price, committed and drained into the index as
  the application does it), so every query meets a new index generation.

Also printed: the first query of a fresh process (nothing cached yet) and suggestions.
Wall-clock times are shown with the CPU time of the same calls: on a shared machine the
difference is time spent waiting for a CPU.

Not part of the test suite: it takes minutes.
"""

from __future__ import annotations

import argparse
import os
import random
import resource
import statistics
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
sys.path.insert(0, str(Path(__file__).resolve().parent))

from synthetic_catalog import ATTRIBUTES, COLOURS, KINDS, write_catalog

from shop import create_app
from shop.catalog.models import Variant
from shop.catalog.services import ProductFilters, Sort
from shop.config import TestConfig
from shop.extensions import db
from shop.search import current_store, reindex, service
from shop.search import query as search_query

QUERIES = 200
COMMON_WORDS = {
    "it": ["laboratorio", "lavoro", "regalo", "legno", "cotone", "carta", "vaso", "burro",
           "recupero", "mano"],
    "en": ["workshop", "work", "gift", "wood", "cotton", "paper", "pot", "butter", "reclaimed",
           "hand"],
}


def _words(lang: str) -> list[str]:
    index = 0 if lang == "it" else 1
    words = set()
    for pairs in (*KINDS.values(), *ATTRIBUTES.values(), COLOURS):
        for pair in pairs:
            words.update(w for w in pair[index].lower().replace("«", " ").replace("»", " ")
                         .replace("“", " ").replace("”", " ").split() if len(w) > 3)
    return sorted(words | set(COMMON_WORDS[lang]))


def _typo(word: str, rng: random.Random) -> str:
    i = rng.randrange(2, len(word) - 1)  # typos keep the first two letters
    kind = rng.choice(("drop", "swap", "double", "replace"))
    if kind == "drop":
        return word[:i] + word[i + 1:]
    if kind == "swap":
        return word[:i - 1] + word[i] + word[i - 1] + word[i + 1:]
    if kind == "double":
        return word[:i] + word[i] + word[i:]
    return word[:i] + rng.choice("aeiourst") + word[i + 1:]


def query_mix(seed: int = 42) -> list[tuple[str, str, ProductFilters]]:
    """200 (text, language, filters): the same list for every catalog size."""
    rng = random.Random(seed)
    categories = list(KINDS)
    cooperatives = ["filo-dritto", "lievito-madre", "carta-canta", "venature", "radici-nuove"]
    mix = []
    for n in range(QUERIES):
        lang = "it" if n % 2 == 0 else "en"
        words = _words(lang)
        group = n % 5
        if group == 0:  # one word
            mix.append((rng.choice(words), lang, ProductFilters()))
        elif group == 1:  # two words
            mix.append((" ".join(rng.sample(words, 2)), lang, ProductFilters()))
        elif group == 2:  # a typo
            word = rng.choice([w for w in words if len(w) >= 5])
            mix.append((_typo(word, rng), lang, ProductFilters()))
        elif group == 3:  # a facet filter
            choice = rng.randrange(3)
            filters = (ProductFilters(category=rng.choice(categories)) if choice == 0 else
                       ProductFilters(cooperative=rng.choice(cooperatives)) if choice == 1 else
                       ProductFilters(institute=rng.choice(["opera", "bollate", "san_vittore"])))
            mix.append((rng.choice(words), lang, filters))
        else:  # price, stock, sorting and a second page
            low = rng.choice([None, 500, 1000, 2500])
            filters = ProductFilters(
                min_price_cents=low, max_price_cents=(low or 0) + rng.choice([1500, 4000]),
                in_stock=rng.random() < 0.5, sort=rng.choice(list(Sort)),
                page=rng.choice([1, 1, 2]))
            mix.append((rng.choice(words), lang, filters))
    return mix


def percentile(values: list[float], share: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, round(share * (len(ordered) - 1)))]


def timed(function, *args) -> tuple[float, float]:
    """(wall ms, CPU ms) of one call."""
    started, cpu = time.perf_counter(), time.process_time()
    function(*args)
    return (time.perf_counter() - started) * 1000, (time.process_time() - cpu) * 1000


def run(size: int, processes: int, workdir: Path) -> dict:
    app = create_app(type("BenchConfig", (TestConfig,), {
        "SQLALCHEMY_DATABASE_URI": f"sqlite:///{workdir}/bench.sqlite3",
        "INSTANCE_PATH": str(workdir), "MEDIA_ROOT": str(workdir / "media"),
        "SEARCH_INDEX_DIR": str(workdir / "index"), "SEARCH_INLINE_UPDATES": False}))
    mix = query_mix()
    with app.app_context():
        db.create_all()
        started = time.perf_counter()
        products = write_catalog(size)
        print(f"  catalog of {products} products written in "
              f"{time.perf_counter() - started:.1f} s", flush=True)
        db.session.remove()
        children = resource.getrusage(resource.RUSAGE_CHILDREN)
        cpu = time.process_time()
        report = reindex(processes=processes)
        cpu = time.process_time() - cpu
        children_cpu = sum(getattr(resource.getrusage(resource.RUSAGE_CHILDREN), field)
                           - getattr(children, field) for field in ("ru_utime", "ru_stime"))
        store = current_store()
        figures = {"products": report.products, "build_s": report.seconds,
                   "build_cpu_s": cpu + children_cpu,
                   "size_mb": store.size_bytes() / 1_048_576}
        print(f"  index rebuilt in {report.seconds:.1f} s, CPU {cpu:.1f} s here + "
              f"{children_cpu:.1f} s in child processes ({figures['size_mb']:.1f} MB)",
              flush=True)

    def page(text, lang, filters):
        with app.test_request_context():
            service.find_products(text, lang, filters)
            db.session.remove()

    def index_only(text, lang, filters):
        search_query.search(store, text, lang, filters)

    rng = random.Random(7)

    def change_a_price():
        app.config["SEARCH_INLINE_UPDATES"] = True
        try:
            with app.app_context():
                variant = db.session.get(Variant, rng.randint(1, products))
                variant.price_cents += 10
                db.session.commit()  # drained into the index when this context ends
        finally:
            app.config["SEARCH_INLINE_UPDATES"] = False

    with app.app_context():
        figures["first"] = timed(page, "biscotti", "it", ProductFilters())
        for text, lang, filters in mix:  # fill the caches, as a running worker has them
            page(text, lang, filters)
        figures["warm"] = [timed(page, *q) for q in mix]
        figures["index"] = [timed(index_only, *q) for q in mix]
        updated = []
        for q in mix:
            change_a_price()
            updated.append(timed(page, *q))
        figures["updated"] = updated
        prefixes = [text[:n] for text, _, _ in mix[:50] for n in (2, 4) if len(text) > n]
        figures["suggest"] = [timed(search_query.suggest, store, prefix, "it")
                              for prefix in prefixes]
        db.engine.dispose()
    return figures


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--sizes", type=int, nargs="+", default=[1_000, 10_000, 50_000])
    parser.add_argument("--processes", type=int, default=os.cpu_count() or 1,
                        help="processes for the rebuild (default: one per CPU)")
    args = parser.parse_args()
    print(f"Python {sys.version.split()[0]}, {os.cpu_count()} CPUs, rebuild with "
          f"{args.processes} processes, load average {os.getloadavg()[0]:.2f}")
    rows = []
    for size in args.sizes:
        print(f"{size} products:", flush=True)
        with tempfile.TemporaryDirectory(prefix="search-bench-") as workdir:
            figures = run(size, args.processes, Path(workdir))
        rows.append((size, figures))
        print(f"  first query of the process: {figures['first'][0]:.0f} ms")
        for name in ("warm", "index", "updated", "suggest"):
            wall = [w for w, _ in figures[name]]
            cpu = [c for _, c in figures[name]]
            print(f"  {name:8} p50 {statistics.median(wall):6.1f} ms   "
                  f"p95 {percentile(wall, 0.95):6.1f} ms   max {max(wall):6.1f} ms   "
                  f"(CPU p50 {statistics.median(cpu):5.1f}, p95 {percentile(cpu, 0.95):5.1f})",
                  flush=True)
    print()
    print("| products | rebuild (CPU) | index | p50 / p95 page | p95 index only "
          "| p50 / p95 after an update | p95 suggest |")
    print("|---:|---:|---:|---:|---:|---:|---:|")
    for _, f in rows:
        def p(name, share, f=f):
            return percentile([w for w, _ in f[name]], share)
        print(f"| {f['products']:,} | {f['build_s']:.1f} s ({f['build_cpu_s']:.1f} s) "
              f"| {f['size_mb']:.1f} MB | {p('warm', .5):.1f} / {p('warm', .95):.1f} ms "
              f"| {p('index', .95):.1f} ms | {p('updated', .5):.1f} / {p('updated', .95):.1f} ms "
              f"| {p('suggest', .95):.1f} ms |")
    print(f"\nload average at the end: {os.getloadavg()[0]:.2f}")


if __name__ == "__main__":
    main()
