#!/usr/bin/env bash
# Installs every Debian 12 package Tessera needs to build, run and test.
# Idempotent: safe to run again; skips apt when everything is present.
set -euo pipefail

packages=(
  build-essential cmake ninja-build pkg-config git clang-format
  clang libclang-rt-dev  # scripts/fuzz.sh: libFuzzer and the sanitizer runtimes
  libboost-dev libboost-system-dev
  libmariadb-dev mariadb-server mariadb-client
  antlr4 libantlr4-runtime-dev
  libyaml-cpp-dev libspdlog-dev libfmt-dev
  libgtest-dev libgmock-dev libbenchmark-dev
  libssl-dev nlohmann-json3-dev libcli11-dev libxxhash-dev
  libgoogle-perftools-dev  # tcmalloc_minimal for vtgate and vttablet
  sysbench percona-toolkit docker-compose
  python3-pymysql python3-cryptography python3-yaml
  libdbd-mariadb-perl libmariadb-java default-jre-headless
  procps iproute2 openssl
  gnuplot-nox
  linux-perf strace valgrind
  nodejs chromium
  $(command -v npm >/dev/null 2>&1 || echo npm)  # NodeSource's nodejs bundles npm and conflicts with Debian's
)

missing=()
for p in "${packages[@]}"; do
  if ! dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed"; then
    missing+=("$p")
  fi
done

if [ ${#missing[@]} -eq 0 ]; then
  echo "install-deps: all packages present"
  exit 0
fi

echo "install-deps: installing ${missing[*]}"
export DEBIAN_FRONTEND=noninteractive
apt-get update -q
apt-get install -y -q --no-install-recommends "${missing[@]}"

# The Debian mariadb-server package starts a system server on 3306; Tessera
# starts its own servers and never needs that one.
if command -v systemctl >/dev/null 2>&1; then
  systemctl disable --now mariadb >/dev/null 2>&1 || true
fi
