#!/usr/bin/env bash
# Installs what is needed, builds everything, and runs the whole test suite
# (unit and integration tests against real MariaDB servers).
set -euo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
cd "$root"
bash scripts/install-deps.sh
bash scripts/build.sh
cd build
ctest --output-on-failure --timeout 900 -j"$(nproc)" "$@"
