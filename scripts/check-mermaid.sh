#!/usr/bin/env bash
# Render every Mermaid chart of the given plans (default: the bundled ones) with the real
# Mermaid CLI, driving Debian's Chromium. A chart Mermaid cannot parse makes this fail.
#
#   sudo apt-get install chromium           # Debian's browser; puppeteer downloads none
#   scripts/check-mermaid.sh [PLAN…]        # installs the CLI under .mermaid/ once
#   scripts/check-mermaid.sh --install      # only installs it (CI does this up front)
#
# The CLI and every package under it are pinned by scripts/mermaid/package-lock.json, so
# every machine checks the charts with the same Mermaid; edit scripts/mermaid/package.json
# and refresh the lock (npm install --package-lock-only there) to move to another version.
# The test suite runs it too (tests/charts/test_mermaid.py) when `mmdc` is found.
# Environment: MMDC (an installed mmdc, used as it is), CHROMIUM (default /usr/bin/chromium),
# CRISISKIT (the crisiskit executable).
set -euo pipefail
root="$(cd "$(dirname "$0")/.." && pwd)"

tools="$root/.mermaid"
pins="$root/scripts/mermaid"
mmdc="${MMDC:-$tools/node_modules/.bin/mmdc}"
# (Re)install when the CLI is missing or was installed from another lock than the pinned one.
if [[ -z "${MMDC:-}" ]] && { [[ ! -x "$mmdc" ]] || ! cmp -s "$pins/package-lock.json" "$tools/package-lock.json"; }; then
  mkdir -p "$tools"
  cp "$pins/package.json" "$pins/package-lock.json" "$tools/"
  # The browser comes from Debian: puppeteer must not fetch its own.
  (cd "$tools" && PUPPETEER_SKIP_DOWNLOAD=1 npm ci --silent --no-audit --no-fund)
fi
if [[ "${1:-}" == "--install" ]]; then
  "$mmdc" --version
  exit 0
fi
browser="${CHROMIUM:-/usr/bin/chromium}"
[[ -x "$browser" ]] || { echo "no Chromium at $browser (apt-get install chromium)" >&2; exit 2; }

work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT
# Root needs --no-sandbox; the rest keeps Chromium from calling home on a closed network,
# and the profile is a new empty one that goes with this run, not the user's own.
cat > "$work/puppeteer.json" <<JSON
{"executablePath": "$browser",
 "args": ["--no-sandbox", "--headless", "--disable-gpu", "--disable-background-networking",
          "--disable-component-update", "--disable-sync", "--no-first-run",
          "--user-data-dir=$work/chromium-profile"]}
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
