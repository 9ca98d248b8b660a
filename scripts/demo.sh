#!/usr/bin/env bash
# The main job end to end on the sample data: import grants and papers, link, report.
# Called by `make demo` after the release build. Real and generated data go to separate databases, because the
# generated corpus's made-up numbers can coincide with real ones.
set -euo pipefail
cd "$(dirname "$0")/.."
BIN=.build/release/grants
REAL=Reports/demo.sqlite
GEN=Reports/demo-generated.sqlite
export GRANTS_NOW=${GRANTS_NOW:-$(date -u +%Y-%m-%dT%H:%M:%SZ)}
WORK=Reports/.demo-inputs
rm -f $REAL $REAL-wal $REAL-shm $GEN $GEN-wal $GEN-shm
mkdir -p "$WORK"

step() { printf '\n$ %s\n' "$*"; "$@"; }

echo "== 1. Real data: the NSFC Management Sciences list (MPL-2.0, Imports/README.md) and, when ../shared/data is"
echo "==    beside the checkout, real Web of Science exports."
gunzip -c Imports/nsfc-management-1991-2017.csv.gz > "$WORK/nsfc-management-1991-2017.csv"
export GRANTS_DB=$REAL
step $BIN import grants "$WORK/nsfc-management-1991-2017.csv"
step $BIN import grants "$WORK/nsfc-management-1991-2017.csv"   # the same file again: no changes
if [ -d ../shared/data/wos ]; then
  step $BIN import papers ../shared/data/wos/chinese-heavy-500.txt ../shared/data/wos/citespace-3.txt \
    ../shared/data/wos/citespace-5.txt ../shared/data/wos/bit-pattern-savedrecs.txt ../shared/data/wos/mixed-1000.txt
  step $BIN papers 71273117
  step $BIN report funders --from 2015 --to 2023 --format table
fi
step $BIN status
step $BIN report departments --from 2010 --to 2017 --format table
for fmt in html xlsx csv; do
  $BIN report departments --from 2010 --to 2017 --format $fmt --output Reports/departments.$fmt
  $BIN report funders --from 2015 --to 2023 --format $fmt --output Reports/funders.$fmt
done

echo
echo "== 2. Generated corpus (Imports/generated, synthetic): every department, medical-AI titles, noisy acknowledgments."
export GRANTS_DB=$GEN
step $BIN import grants Imports/generated/grants.csv
step $BIN import papers Imports/generated/wos/*.txt
step $BIN report departments --from 2015 --to 2023 --topic medical-ai --format table
for fmt in html xlsx csv; do
  $BIN report departments --from 2015 --to 2023 --topic medical-ai --format $fmt --output Reports/departments-medical-ai.$fmt
done
echo
echo "Reports written to Reports/: departments.{html,xlsx,csv}, funders.{html,xlsx,csv}, departments-medical-ai.{html,xlsx,csv}"
echo "Databases: $REAL (real data) and $GEN (generated); query them with sqlite3 or GRANTS_DB=… $BIN list grants"
