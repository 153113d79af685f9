#!/usr/bin/env bash
# Lighthouse scores (performance, accessibility, best practices, SEO) per page and preset.
#   bash benchmarks/lighthouse.sh [BASE_URL]     (default http://127.0.0.1:5108)
# Needs a running shop at BASE_URL (e.g. gunicorn -c gunicorn.conf.py), Node.js with npx
# (Lighthouse comes from npm) and Debian's Chromium (CHROME_PATH=/usr/bin/chromium).
set -euo pipefail
BASE="${1:-http://127.0.0.1:5108}"
export CHROME_PATH="${CHROME_PATH:-/usr/bin/chromium}"
PAGES=(/it/ /it/products/ /it/products/grembiule-canapa /it/cart /it/checkout /it/business)
out="$(mktemp -d)"
trap 'rm -rf "$out"' EXIT
printf '%-34s %-8s %5s %5s %5s %5s\n' page preset perf a11y bp seo
for page in "${PAGES[@]}"; do
  for preset in mobile desktop; do
    flags=(--quiet --output=json --output-path="$out/report.json"
           --chrome-flags="--headless=new --no-sandbox --disable-gpu")
    [ "$preset" = desktop ] && flags+=(--preset=desktop)
    if npx --yes lighthouse "$BASE$page" "${flags[@]}" >/dev/null 2>&1; then
      python3 - "$out/report.json" "$page" "$preset" <<'PY'
import json, sys
report = json.load(open(sys.argv[1]))
c = report["categories"]
score = lambda k: round((c[k]["score"] or 0) * 100)
print(f"{sys.argv[2]:34} {sys.argv[3]:8} {score('performance'):5} {score('accessibility'):5} "
      f"{score('best-practices'):5} {score('seo'):5}")
PY
    else
      printf '%-34s %-8s failed\n' "$page" "$preset"
    fi
  done
done
