#!/usr/bin/env bash
# Checks a GrantTracker HTML report in headless Chromium: no console errors or CSP violations, and every
# chart's <svg> present in the rendered DOM (at least one stacked-bar or line chart).
# Usage: scripts/check-html.sh FILE.html [SCREENSHOT.png]
# Exits 0 with "skipped: chromium not installed" when no Chromium is found.
set -euo pipefail

file=${1:?usage: check-html.sh FILE.html [SCREENSHOT.png]}
shot=${2:-}
[ -f "$file" ] || { echo "check-html: no such file: $file" >&2; exit 2; }

browser=""
for b in chromium chromium-browser google-chrome; do
    if command -v "$b" >/dev/null 2>&1; then browser=$(command -v "$b"); break; fi
done
if [ -z "$browser" ]; then echo "skipped: chromium not installed"; exit 0; fi

work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
url="file://$(cd "$(dirname "$file")" && pwd)/$(basename "$file")"
flags=(--headless --disable-gpu --no-sandbox --no-first-run --disable-extensions --enable-logging=stderr --v=0
       --user-data-dir="$work/profile")

# Home must be writable for Chromium's crash handler.
export HOME="$work"
timeout 120 "$browser" "${flags[@]}" --dump-dom "$url" >"$work/dom.html" 2>"$work/log.txt" || {
    echo "check-html: chromium failed (exit $?)" >&2; tail -20 "$work/log.txt" >&2; exit 1; }

status=0
# Console messages from the page, uncaught errors and CSP refusals.
if grep -E 'Uncaught|:CONSOLE|CONSOLE\(|Content Security Policy|Refused to' "$work/log.txt" >"$work/errors.txt"; then
    echo "check-html: console errors or CSP violations:" >&2
    cat "$work/errors.txt" >&2
    status=1
fi

svgs=$(grep -o '<svg[^>]*class="chart chart-[a-z-]*"' "$work/dom.html" | wc -l)
expected=$(grep -o '<svg[^>]*class="chart chart-[a-z-]*"' "$file" | wc -l)
if [ "$svgs" -lt 1 ] || [ "$svgs" -ne "$expected" ]; then
    echo "check-html: expected $expected chart <svg> elements in the DOM, found $svgs" >&2
    status=1
fi
if grep -q '<script' "$work/dom.html"; then
    echo "check-html: a <script> element reached the DOM" >&2
    status=1
fi

if [ -n "$shot" ]; then
    timeout 120 "$browser" "${flags[@]}" --hide-scrollbars --window-size=1200,1600 --screenshot="$shot" "$url" \
        >/dev/null 2>>"$work/log.txt" || { echo "check-html: screenshot failed" >&2; status=1; }
fi

[ "$status" -eq 0 ] && echo "ok: $file ($svgs chart(s), no console errors)"
exit "$status"
