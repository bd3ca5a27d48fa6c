#!/usr/bin/env bash
# Runs the sysbench comparison (direct MariaDB vs vtgate on 1 and 2 shards).
# Expects a built tree: $BUILD_DIR/bin (default build/bin) with vtgate and
# vttablet. `--smoke` is the short variant the test suite runs; every other
# option is passed to bench/sysbench_compare.py (see its --help).
set -euo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
export BUILD_DIR=${BUILD_DIR:-$root/build}
# Room for 10,000 idle client sockets in this script and in vtgate.
ulimit -n "$(ulimit -Hn)" 2>/dev/null || true
if [ "$(ulimit -n)" != unlimited ] && [ "$(ulimit -n)" -lt 10300 ]; then
  echo "bench: open-file limit is $(ulimit -n); fewer idle connections will open" >&2
fi
# Debian's python3 sees the python3-pymysql package; another python3 on PATH may not.
python=/usr/bin/python3
[ -x "$python" ] || python=python3
exec "$python" "$root/bench/sysbench_compare.py" "$@"
