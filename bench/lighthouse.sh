#!/usr/bin/env bash
# Lighthouse on the built PWA, mobile preset (Lighthouse's default: a mid-range phone on slow
# 4G, simulated), run with Debian's chromium. Prints the performance, accessibility and
# best-practices scores per page and every audit that did not pass.
#
#   bash bench/lighthouse.sh            (needs: make pwa system; installs Lighthouse into bench/lighthouse)
#   PAGES="/ /quiz" bash bench/lighthouse.sh
#
# The app is served by tests/e2e/live_server.py (the real Flask app, content/ loaded into a
# throwaway SQLite database). JSON reports land in bench/out/.
set -euo pipefail
cd "$(dirname "$0")/.."

PORT="${PORT:-8766}"
PAGES="${PAGES:-/ /cards/wage-arrears-first-step /topics/wages /quiz}"
PY="${PYTHON:-.venv/bin/python}"
[ -x "$PY" ] || PY=python3
export CHROME_PATH="${CHROME_PATH:-/usr/bin/chromium}"
LIGHTHOUSE=bench/lighthouse/node_modules/.bin/lighthouse
[ -x "$LIGHTHOUSE" ] || npm install --prefix bench/lighthouse --no-audit --no-fund >/dev/null
[ -f pwa/dist/index.html ] || { echo "pwa/dist missing: cd pwa && npm run build" >&2; exit 1; }
mkdir -p bench/out

"$PY" -m tests.e2e.live_server --port "$PORT" >bench/out/lighthouse-server.log 2>&1 &
SERVER=$!
trap 'kill $SERVER 2>/dev/null || true' EXIT
for _ in $(seq 1 100); do
  curl -fsS -o /dev/null "http://127.0.0.1:$PORT/healthz" 2>/dev/null && break
  kill -0 $SERVER 2>/dev/null || { cat bench/out/lighthouse-server.log >&2; exit 1; }
  sleep 0.2
done

for page in $PAGES; do
  name=$(echo "$page" | tr '/' '_' | sed 's/^_$/_home/')
  out="bench/out/lighthouse${name}.json"
  "$LIGHTHOUSE" "http://127.0.0.1:$PORT$page" \
    --only-categories=performance,accessibility,best-practices \
    --chrome-flags="--headless=new --no-sandbox --disable-gpu --disable-background-networking --disable-component-update --disable-sync --no-first-run" \
    --output=json --output-path="$out" --quiet
  node -e '
    const r = require(process.argv[1]);
    const c = r.categories, pct = (k) => Math.round(c[k].score * 100);
    console.log(`${process.argv[2]}  performance ${pct("performance")}  accessibility ${pct("accessibility")}  best-practices ${pct("best-practices")}`);
    const m = r.audits;
    console.log(`    FCP ${m["first-contentful-paint"].displayValue}, LCP ${m["largest-contentful-paint"].displayValue}, TBT ${m["total-blocking-time"].displayValue}, CLS ${m["cumulative-layout-shift"].displayValue}`);
    for (const cat of Object.values(c)) for (const ref of cat.auditRefs) {
      const a = m[ref.id];
      if (ref.weight > 0 && a.score !== null && a.score < 1) console.log(`    not passed (${cat.id}): ${a.id} ${a.score} ${a.displayValue || ""}`);
    }' "$(pwd)/$out" "$page"
done
