#!/usr/bin/env bash
# Usage: bench_smoke_test.sh <source dir> <build dir>
# Runs `scripts/bench.sh --smoke` and checks that it exits 0 and that its
# results.csv has a positive QPS and p50 latency (from sysbench's histogram)
# for direct MariaDB and for vtgate on one shard under oltp_point_select.
set -euo pipefail
src=$1
build=$2
out=$(mktemp -d /tmp/tessera-bench-smoke-XXXXXX)
trap 'rm -rf "$out"' EXIT

BUILD_DIR=$build bash "$src/scripts/bench.sh" --smoke --out-dir "$out"

csv=$out/results.csv
if [ ! -s "$csv" ]; then
  echo "FAIL: $csv missing or empty" >&2
  exit 1
fi
cat "$csv"
status=0
for target in direct vtgate-1shard; do
  # Columns: workload,ps_mode,threads,target,qps,tps,p50_ms,...
  line=$(awk -F, -v t="$target" \
    '$1 == "oltp_point_select" && $2 == "disable" && $4 == t && $5 + 0 > 0 && $7 + 0 > 0 \
      { print $5 " qps, p50 " $7 " ms"; exit }' "$csv")
  if [ -z "$line" ]; then
    echo "FAIL: no positive oltp_point_select QPS and p50 for $target" >&2
    status=1
  else
    echo "ok: oltp_point_select $target $line"
  fi
done
exit $status
