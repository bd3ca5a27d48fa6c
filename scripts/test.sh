#!/usr/bin/env bash
# Installs what is needed, builds everything, and runs the whole test suite
# (unit and integration tests against real MariaDB servers).
set -euo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
cd "$root"
bash scripts/install-deps.sh
bash scripts/build.sh
cd build
# CTest counts a test that printed "[  SKIPPED ]" as skipped, not failed,
# even when its suite's set-up failed; no test here may skip, so any skip
# fails the run.
log=$(mktemp)
set +e
ctest --output-on-failure --timeout 900 -j"$(nproc)" "$@" 2>&1 | tee "$log"
status=${PIPESTATUS[0]}
set -e
if grep -q "(Skipped)" "$log"; then
  echo "these tests skipped themselves, which counts as failing:" >&2
  grep "(Skipped)" "$log" >&2
  status=1
fi
rm -f "$log"
# A short bounded run of the libFuzzer targets (clang build in build-fuzz/).
bash "$root/scripts/fuzz.sh" "${FUZZ_SECONDS:-20}" || status=1
exit "$status"
