#!/usr/bin/env bash
# Render every Mermaid chart of the bundled plans with the real Mermaid CLI, driving
# Debian's Chromium. A chart Mermaid cannot parse makes this script fail.
#
#   sudo apt-get install chromium           # Debian's browser; no download by puppeteer
#   scripts/check-mermaid.sh                # installs the CLI under .mermaid/ once
#
# The test suite runs it too (tests/charts/test_mermaid.py) when `mmdc` is found.
set -euo pipefail
cd "$(dirname "$0")/.."

tools=".mermaid"
if [[ ! -x "$tools/node_modules/.bin/mmdc" ]]; then
  mkdir -p "$tools"
  (cd "$tools" && PUPPETEER_SKIP_DOWNLOAD=1 npm install --silent @mermaid-js/mermaid-cli)
fi
mmdc="${MMDC:-$tools/node_modules/.bin/mmdc}"
browser="${CHROMIUM:-/usr/bin/chromium}"

work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT
cat > "$work/puppeteer.json" <<JSON
{"executablePath": "$browser",
 "args": ["--no-sandbox", "--headless", "--disable-gpu", "--disable-background-networking",
          "--disable-component-update", "--disable-sync", "--no-first-run"]}
JSON

crisiskit="${CRISISKIT:-crisiskit}"
status=0
for plan in plans/harbor-outdoor.yaml plans/kirana-social/*.yaml; do
  grep -q '^crisiskit:' "$plan" || continue
  for chart in roles escalation threats coverage; do
    out="$work/$(basename "$plan" .yaml)-$chart"
    "$crisiskit" chart "$chart" --plan "$plan" --format mermaid > "$out.mmd"
    if "$mmdc" -q -p "$work/puppeteer.json" -i "$out.mmd" -o "$out.svg" > "$out.log" 2>&1; then
      echo "ok   $plan $chart"
    else
      echo "FAIL $plan $chart"; cat "$out.log"; status=1
    fi
  done
done
exit $status
