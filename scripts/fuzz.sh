#!/usr/bin/env bash
# Builds the libFuzzer targets of tests/fuzz with clang into build-fuzz/ and
# runs each for a bounded time, seeded from the parser's SQL files and
# with a dictionary made from the lexer grammar's keywords.
#
# Usage: scripts/fuzz.sh [seconds per target]
#   seconds: default $FUZZ_SECONDS, else 30
#   FUZZ_TARGETS: the targets to run (default: all of them)
#   FUZZ_BUILD_DIR: build directory (default build-fuzz)
#   FUZZ_KEEP_CORPUS=1: start from the inputs earlier runs found (kept in
#     $FUZZ_BUILD_DIR/fuzz-work/corpus/); by default each run starts from the
#     seeds only, so that its time stays bounded
# Exits non-zero when a target crashes, breaks a contract, leaks, hangs
# (an input taking over 10 s) or goes over 2 GB; the input is printed and
# kept under $FUZZ_BUILD_DIR/fuzz-work/artifacts/<target>/. tests/fuzz/README.md has the
# commands for longer runs and for replaying an input.
set -euo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
seconds=${1:-${FUZZ_SECONDS:-30}}
build_dir=${FUZZ_BUILD_DIR:-$root/build-fuzz}
read -r -a targets <<<"${FUZZ_TARGETS:-parser_fuzz normalizer_fuzz normalizer_grammar_fuzz splitter_fuzz lexer_fuzz protocol_fuzz}"

if ! [[ $seconds =~ ^[0-9]+$ ]] || [ "$seconds" -eq 0 ]; then
  echo "fuzz: seconds per target must be a positive integer, got '$seconds'" >&2
  exit 2
fi
if ! command -v clang++ >/dev/null 2>&1; then
  echo "fuzz: clang++ not found (scripts/install-deps.sh installs it)" >&2
  exit 2
fi

# -O1 without NDEBUG: fast enough, and keeps assertions.
start=$SECONDS
CXX=clang++ cmake -S "$root" -B "$build_dir" -G Ninja \
  -DCMAKE_CXX_COMPILER=clang++ -DTESSERA_FUZZ=ON \
  -DTESSERA_BUILD_TESTS=OFF -DTESSERA_BUILD_BENCH=OFF \
  -DCMAKE_BUILD_TYPE=RelWithDebInfo -DCMAKE_CXX_FLAGS_RELWITHDEBINFO="-O1 -g" >/dev/null
nice -n 10 ninja -C "$build_dir" -j"$(nproc)" "${targets[@]}"
echo "fuzz: configured and built in $((SECONDS - start)) s"

work=$build_dir/fuzz-work
seeds=$(mktemp -d)
trap 'rm -rf "$seeds"' EXIT

# Seeds: every statement line of the parser's SQL files (corpus/*.sql,
# invalid.sql), and every multi-line statement ending in
# `;`, one file each.
corpus_files=()
while IFS= read -r -d '' f; do corpus_files+=("$f"); done < <(
  find "$root/tests/unit/sqlparser" -name '*.sql' -type f -print0 | sort -z)
if [ ${#corpus_files[@]} -eq 0 ]; then
  echo "fuzz: no seed files (*.sql) under tests/unit/sqlparser" >&2
  exit 2
fi
file_index=0
for f in "${corpus_files[@]}"; do
  file_index=$((file_index + 1))
  LC_ALL=C awk -v dir="$seeds" -v id="$file_index" '
    function emit(text, kind) { n++; f = dir "/" kind "-" id "-" n; printf "%s", text > f; close(f) }
    /^[ \t]*$/ || /^--/ || /^#/ { next }
    { emit($0, "line"); stmt = stmt == "" ? $0 : stmt "\n" $0 }
    /;[ \t]*$/ { if (index(stmt, "\n")) emit(stmt, "stmt"); stmt = "" }
  ' "$f"
done
echo "fuzz: $(find "$seeds" -type f | wc -l) seed inputs from ${#corpus_files[@]} SQL file(s)"

# Dictionary: keywords (rules spelled with letter fragments, e.g. `SELECT: S E L E C T;`)
# and quoted literals of the lexer grammar.
dict=$build_dir/fuzz/sql.dict
mkdir -p "$(dirname "$dict")"
{
  sed -nE 's/^[A-Z_0-9]+:(( [A-Z])|( '\''_'\''))+;$/&/p' "$root/sqlparser/grammar/MySqlLexer.g4" |
    sed -E 's/^[A-Z_0-9]+://; s/'\''_'\''/_/g; s/[ ;]//g' | awk '{ printf "\"%s\"\n", $0 }' || true
  grep -oE "'[^'\\\\[:space:]]{2,}'" "$root/sqlparser/grammar/MySqlLexer.g4" |
    sed -E "s/^'//; s/'$//" | grep -v '"' | awk '{ printf "\"%s\"\n", $0 }' || true
} | sort -u >"$dict"

status=0
for target in "${targets[@]}"; do
  corpus=$work/corpus/$target
  artifacts=$work/artifacts/$target
  log=$work/logs/$target.log
  if [ "${FUZZ_KEEP_CORPUS:-0}" != 1 ]; then rm -rf "$corpus"; fi
  mkdir -p "$corpus" "$artifacts" "$(dirname "$log")"
  before=$(find "$artifacts" -type f | sort)
  set +e
  nice -n 10 "$build_dir/bin/$target" "$corpus" "$seeds" \
    -dict="$dict" -max_total_time="$seconds" -timeout=10 -rss_limit_mb=2048 -detect_leaks=1 \
    -artifact_prefix="$artifacts/" -print_final_stats=1 >"$log" 2>&1
  rc=$?
  set -e
  stats=$(grep -E '^stat::(number_of_executed_units|average_exec_per_sec|peak_rss_mb)' "$log" |
    sed -E 's/^stat::([a-z_]+): +/\1=/' | tr '\n' ' ' || true)
  cov=$(grep -oE 'cov: [0-9]+ ft: [0-9]+ corp: [0-9]+' "$log" | tail -n 1 || true)
  if [ "$rc" -eq 0 ]; then
    echo "fuzz: $target ok: ${cov:-no coverage line}; $stats"
    continue
  fi
  status=1
  echo "fuzz: $target FAILED (exit $rc), log $log" >&2
  grep -E -A 40 '==[0-9]+==ERROR|fuzz contract violated|runtime error|ALARM|out-of-memory' "$log" |
    head -n 80 >&2 || tail -n 40 "$log" >&2
  comm -13 <(echo "$before") <(find "$artifacts" -type f | sort) | while read -r input; do
    [ -n "$input" ] || continue
    echo "fuzz: input that failed: $input" >&2
    echo "fuzz:   hex: $(od -An -v -tx1 "$input" | tr -d ' \n' | head -c 2000)" >&2
    echo "fuzz:   replay: $build_dir/bin/$target $input" >&2
  done
done
echo "fuzz: finished in $((SECONDS - start)) s"
exit "$status"
