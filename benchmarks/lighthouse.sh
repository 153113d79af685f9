#!/usr/bin/env bash
# Lighthouse scores (performance, accessibility, best practices, SEO) per page and preset.
#   bash benchmarks/lighthouse.sh [--quick] [BASE_URL]
# With BASE_URL, scores a shop already running there. Without it, starts one itself the way
# benchmarks/load.py does (`load.py --serve`: gunicorn with the production settings on
# PostgreSQL and Redis, the catalog grown to 10,000 products; 500 with --quick) and stops
# it by PID at the end. --quick scores the home page only (mobile and desktop): a check
# that the harness runs, not a measurement.
# Needs Node.js (Lighthouse comes from npm: node_modules/.bin/lighthouse when installed,
# else `npx` fetches the pinned version) and Debian's Chromium (CHROME_PATH).
set -euo pipefail
cd "$(dirname "$0")/.."
LIGHTHOUSE_VERSION=13.5.0
QUICK=0
BASE=""
for arg in "$@"; do
  case "$arg" in
    --quick) QUICK=1 ;;
    -h|--help) sed -n '2,10p' "$0"; exit 0 ;;
    *) BASE="$arg" ;;
  esac
done
export CHROME_PATH="${CHROME_PATH:-/usr/bin/chromium}"
PYTHON=python3
[ -x .venv/bin/python ] && PYTHON=.venv/bin/python
if [ -x node_modules/.bin/lighthouse ]; then
  LIGHTHOUSE=(node_modules/.bin/lighthouse)
else
  LIGHTHOUSE=(npx --yes "lighthouse@$LIGHTHOUSE_VERSION")
fi
if [ "$QUICK" = 1 ]; then
  PAGES=(/it/)
  PRODUCTS=500
else
  PAGES=(/it/ /it/products/ /it/products/grembiule-canapa /it/cart /it/checkout /it/business)
  PRODUCTS=10000
fi

out="$(mktemp -d)"
server=""
cleanup() {
  if [ -n "$server" ] && kill -0 "$server" 2>/dev/null; then
    kill -TERM "$server" 2>/dev/null || true
    wait "$server" 2>/dev/null || true
  fi
  rm -rf "$out"
}
trap cleanup EXIT

if [ -z "$BASE" ]; then
  PORT="${LIGHTHOUSE_PORT:-5108}"
  echo "starting the shop ($PRODUCTS products) on port $PORT…" >&2
  "$PYTHON" benchmarks/load.py --serve --products "$PRODUCTS" --port "$PORT" \
    --database-url "${LIGHTHOUSE_DATABASE_URL:-postgresql+psycopg://postgres@127.0.0.1:5432/bench_lighthouse}" \
    >"$out/server.log" 2>&1 &
  server=$!
  for _ in $(seq 1 900); do
    grep -q '^serving ' "$out/server.log" && break
    if ! kill -0 "$server" 2>/dev/null; then
      tail -20 "$out/server.log" >&2
      echo "the shop did not start" >&2
      exit 1
    fi
    sleep 1
  done
  grep -q '^serving ' "$out/server.log" || { echo "the shop did not start in time" >&2; exit 1; }
  BASE="http://127.0.0.1:$PORT"
fi

printf '%-34s %-8s %5s %5s %5s %5s\n' page preset perf a11y bp seo
failed=0
for page in "${PAGES[@]}"; do
  for preset in mobile desktop; do
    flags=(--quiet --output=json --output-path="$out/report.json"
           --chrome-flags="--headless=new --no-sandbox --disable-gpu")
    [ "$preset" = desktop ] && flags+=(--preset=desktop)
    if "${LIGHTHOUSE[@]}" "$BASE$page" "${flags[@]}" >"$out/lighthouse.log" 2>&1; then
      "$PYTHON" - "$out/report.json" "$page" "$preset" <<'PY'
import json, sys
report = json.load(open(sys.argv[1]))
c = report["categories"]
score = lambda k: round((c[k]["score"] or 0) * 100)
print(f"{sys.argv[2]:34} {sys.argv[3]:8} {score('performance'):5} {score('accessibility'):5} "
      f"{score('best-practices'):5} {score('seo'):5}")
PY
    else
      printf '%-34s %-8s failed: %s\n' "$page" "$preset" "$(tail -1 "$out/lighthouse.log")"
      failed=1
    fi
  done
done
exit "$failed"
