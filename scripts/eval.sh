#!/usr/bin/env bash
# Scores `grants extract` on the gold dev set. Assumes a release build (`make eval` builds first).
# Usage: bash scripts/eval.sh [extra score-extract args, e.g. --show-errors]
set -euo pipefail
cd "$(dirname "$0")/.."
SHARED=../shared
GOLD="$SHARED/data/gold/ack-dev.jsonl"
SCORER="$SHARED/tools/score-extract"
BIN=.build/release/grants
if [ ! -f "$GOLD" ] || [ ! -f "$SCORER" ]; then
    echo "eval: $SHARED is missing (need $GOLD and $SCORER beside the checkout)" >&2
    exit 1
fi
if [ ! -x "$BIN" ]; then
    echo "eval: $BIN not found; run 'swift build -c release --product grants' (or 'make eval')" >&2
    exit 1
fi
out=$(mktemp "${TMPDIR:-/tmp}/grants-extract.XXXXXX.jsonl")
trap 'rm -f "$out"' EXIT
"$BIN" extract "$GOLD" > "$out"
python3 "$SCORER" "$GOLD" "$out" "$@"
