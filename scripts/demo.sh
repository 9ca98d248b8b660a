#!/usr/bin/env bash
# The main job end to end on the sample data: import grants and papers, link, report.
# Called by `make demo` after the release build. Writes Reports/demo.sqlite and the reports.
set -euo pipefail
cd "$(dirname "$0")/.."
BIN=.build/release/grants
export GRANTS_DB=Reports/demo.sqlite
export GRANTS_NOW=${GRANTS_NOW:-$(date -u +%Y-%m-%dT%H:%M:%SZ)}
WORK=Reports/.demo-inputs
rm -f Reports/demo.sqlite Reports/demo.sqlite-wal Reports/demo.sqlite-shm
mkdir -p "$WORK"

step() { printf '\n\033[1m$ %s\033[0m\n' "$*"; "$@"; }

# Real NSFC Management Sciences list (MPL-2.0, see Imports/README.md), shipped compressed.
gunzip -c Imports/nsfc-management-1991-2017.csv.gz > "$WORK/nsfc-management-1991-2017.csv"

step $BIN import grants "$WORK/nsfc-management-1991-2017.csv" Imports/generated/grants.csv
step $BIN import grants Imports/generated/grants.csv   # re-import: no changes
papers=(Imports/generated/wos/*.txt)
if [ -d ../shared/data/wos ]; then
  # Real Web of Science exports citing real NSFC grants, when the shared sample data is beside the checkout.
  papers+=(../shared/data/wos/chinese-heavy-500.txt ../shared/data/wos/citespace-3.txt ../shared/data/wos/bit-pattern-savedrecs.txt)
fi
step $BIN import papers "${papers[@]}"
step $BIN status
if [ -d ../shared/data/wos ]; then
  step $BIN papers 71273117
fi
step $BIN report departments --from 2015 --to 2023 --topic medical-ai --format table
step $BIN report funders --format table
for fmt in html xlsx csv; do
  $BIN report departments --from 2015 --to 2023 --topic medical-ai --format $fmt --output Reports/departments-medical-ai.$fmt
  $BIN report departments --format $fmt --output Reports/departments.$fmt
  $BIN report funders --format $fmt --output Reports/funders.$fmt
done
echo
echo "Reports written to Reports/: departments-medical-ai.{html,xlsx,csv}, departments.{html,xlsx,csv}, funders.{html,xlsx,csv}"
echo "Database: Reports/demo.sqlite (query it with sqlite3, or: GRANTS_DB=Reports/demo.sqlite $BIN list grants --search 人工智能)"
