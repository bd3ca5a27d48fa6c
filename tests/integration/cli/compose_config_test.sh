#!/usr/bin/env bash
# Validates docker-compose.yml with docker-compose (no Docker engine needed)
# and checks the services and MariaDB binlog settings the cluster relies on.
set -euo pipefail
root=${1:?usage: compose_config_test.sh <source dir>}
cd "$root"

docker-compose -f docker-compose.yml config -q

services=$(docker-compose -f docker-compose.yml config --services | sort | tr '\n' ' ')
expected="init-db mariadb-commerce-0 mariadb-customer-80x mariadb-customer-x80 schemad vtgate vttablet-commerce-0 vttablet-customer-80x vttablet-customer-x80 "
if [ "$services" != "$expected" ]; then
  echo "unexpected services: $services" >&2
  exit 1
fi

resolved=$(docker-compose -f docker-compose.yml config)
for setting in binlog-format=ROW binlog-row-image=FULL binlog-row-metadata=FULL; do
  count=$(grep -c -- "--$setting" <<<"$resolved" || true)
  if [ "$count" -ne 3 ]; then
    echo "expected --$setting on 3 MariaDB services, found $count" >&2
    exit 1
  fi
done
grep -q "published: 15306" <<<"$resolved" || { echo "vtgate port 15306 not published" >&2; exit 1; }

# A broken file must be refused, or the check above proves nothing.
broken=$(mktemp)
trap 'rm -f "$broken"' EXIT
sed 's/^services:/servicez:/' docker-compose.yml >"$broken"
if docker-compose -f "$broken" config -q 2>/dev/null; then
  echo "docker-compose accepted a broken file" >&2
  exit 1
fi
echo "docker-compose.yml is valid"
