#!/usr/bin/env bash
# Runs every test, PostgreSQL ones included: starts a throwaway PostgreSQL cluster, hands its URL
# to the tests, and removes the cluster afterwards, also when tests fail or the run is interrupted.
set -euo pipefail
cd "$(dirname "$0")/.."

free_port() {
  if command -v python3 >/dev/null 2>&1; then
    python3 -c 'import socket; s = socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])'
  else
    echo $((20000 + RANDOM % 20000))
  fi
}

dir=$(mktemp -d /tmp/rehabfaqs-pg.XXXXXX)
trap 'scripts/pg-cluster.sh destroy "$dir"' EXIT
port=$(free_port)
echo "Starting a throwaway PostgreSQL cluster on 127.0.0.1:$port"
scripts/pg-cluster.sh create "$dir" "$port"

export REHABFAQS_TEST_POSTGRES_URL="postgres://postgres@127.0.0.1:$port/postgres?sslmode=disable"
"${SWIFT:-swift}" test "$@"
