#!/usr/bin/env bash
# The main job: installs what is needed, builds, and starts the local sharded
# cluster described by config/examples/local.yaml (state kept in .tessera/).
set -euo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
cd "$root"
bash scripts/install-deps.sh
bash scripts/build.sh
exec build/bin/tessera up --config config/examples/local.yaml --state-dir .tessera
