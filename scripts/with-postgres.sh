#!/usr/bin/env bash
# Runs a command with a throwaway PostgreSQL cluster: starts the cluster, hands its URL to the
# command as REHABFAQS_TEST_POSTGRES_URL, and removes the cluster afterwards, also when the
# command fails or the run is interrupted. `make test` runs the tests this way.
#
#   scripts/with-postgres.sh swift test
#   REHABFAQS_PG_DURABLE=1 scripts/with-postgres.sh CMD...   (fsync on, for benchmarks)
set -euo pipefail
cd "$(dirname "$0")/.."
[ $# -gt 0 ] || { echo "usage: $0 COMMAND [ARGS...]" >&2; exit 2; }

free_port() {
  if command -v python3 >/dev/null 2>&1; then
    python3 -c 'import socket; s = socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])'
  else
    echo $((20000 + RANDOM % 20000))
  fi
}

dir=$(mktemp -d /tmp/rehabfaqs-pg.XXXXXX)
# The command's temporary files (test databases, content folders) go to a folder removed afterwards
# too; others may pass through it (the postgres user, for clusters a test starts itself).
scratch=$(mktemp -d /tmp/rehabfaqs-tmp.XXXXXX)
chmod 755 "$scratch"
trap 'scripts/pg-cluster.sh destroy "$dir"; rm -rf "$scratch"' EXIT
port=$(free_port)
echo "Starting a throwaway PostgreSQL cluster on 127.0.0.1:$port"
scripts/pg-cluster.sh create "$dir" "$port"

export REHABFAQS_TEST_POSTGRES_URL="postgres://postgres@127.0.0.1:$port/postgres?sslmode=disable"
TMPDIR="$scratch" "$@"
