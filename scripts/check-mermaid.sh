#!/usr/bin/env bash
# Render every Mermaid chart of the given plans (default: the bundled ones) with the real
# Mermaid CLI, driving Debian's Chromium. A chart Mermaid cannot parse makes this fail.
#
#   sudo apt-get install chromium           # Debian's browser; puppeteer downloads none
#   scripts/check-mermaid.sh [PLAN…]        # installs the CLI under .mermaid/ once
#
# The test suite runs it too (tests/charts/test_mermaid.py) when `mmdc` is found.
# Environment: MMDC (an installed mmdc), CHROMIUM (default /usr/bin/chromium),
# CRISISKIT (the crisiskit executable), MERMAID_CLI (npm spec to install).
set -euo pipefail
root="$(cd "$(dirname "$0")/.." && pwd)"

tools="$root/.mermaid"
mmdc="${MMDC:-$tools/node_modules/.bin/mmdc}"
if [[ -z "${MMDC:-}" && ! -x "$mmdc" ]]; then
  mkdir -p "$tools"
  # The browser comes from Debian: puppeteer must not fetch its own.
  (cd "$tools" && PUPPETEER_SKIP_DOWNLOAD=1 npm install --silent --no-audit --no-fund \
    "${MERMAID_CLI:-@mermaid-js/mermaid-cli@11.17.0}")
fi
browser="${CHROMIUM:-/usr/bin/chromium}"
[[ -x "$browser" ]] || { echo "no Chromium at $browser (apt-get install chromium)" >&2; exit 2; }

work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT
# Root needs --no-sandbox; the rest keeps Chromium from calling home on a closed network.
cat > "$work/puppeteer.json" <<JSON
{"executablePath": "$browser",
 "args": ["--no-sandbox", "--headless", "--disable-gpu", "--disable-background-networking",
          "--disable-component-update", "--disable-sync", "--no-first-run"]}
JSON

crisiskit="${CRISISKIT:-crisiskit}"
cd "$root"  # plans given as arguments are relative to the repository, like plans/
if [[ $# -eq 0 ]]; then
  set -- plans/*.yaml plans/*/*.yaml
fi
# Every diagram goes into one Markdown file, rendered in a single browser session (seconds,
# not a minute); only when that fails is each diagram rendered alone to name the culprit.
diagrams=()
for plan in "$@"; do
  grep -q '^crisiskit:' "$plan" || continue  # a fragment is charted through its plans
  for chart in roles escalation threats coverage; do
    out="$work/${#diagrams[@]}.mmd"
    "$crisiskit" chart "$chart" --plan "$plan" --format mermaid > "$out"
    { printf '```mermaid\n'; cat "$out"; printf '```\n\n'; } >> "$work/all.md"
    diagrams+=("$plan $chart")
  done
done
[[ ${#diagrams[@]} -gt 0 ]] || { echo "no plans to chart" >&2; exit 2; }

render() {  # input, output, [mmdc options]
  "$mmdc" -q -p "$work/puppeteer.json" -i "$1" -o "$2" "${@:3}" > "$2.log" 2>&1
}
failed=0
if render "$work/all.md" "$work/all-out.md" -a "$work/svg"; then
  rendered=$(ls "$work/svg" | wc -l)
  if [[ $rendered -ne ${#diagrams[@]} ]]; then
    echo "expected ${#diagrams[@]} diagrams, Mermaid rendered $rendered" >&2
    exit 1
  fi
  printf 'ok   %s\n' "${diagrams[@]}"
else
  for i in "${!diagrams[@]}"; do
    if render "$work/$i.mmd" "$work/$i.svg"; then
      echo "ok   ${diagrams[$i]}"
    else
      echo "FAIL ${diagrams[$i]}"
      cat "$work/$i.mmd" "$work/$i.svg.log"
      failed=$((failed + 1))
    fi
  done
fi
echo "$((${#diagrams[@]} - failed)) diagrams parsed by Mermaid, $failed failed"
[[ $failed -eq 0 ]]
