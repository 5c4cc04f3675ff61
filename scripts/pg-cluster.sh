#!/usr/bin/env bash
# A throwaway PostgreSQL cluster for tests, from Debian's postgresql package.
#
#   scripts/pg-cluster.sh create DIR PORT   initdb into DIR/data and start it on 127.0.0.1:PORT
#   scripts/pg-cluster.sh start DIR         start a stopped cluster again
#   scripts/pg-cluster.sh stop DIR          stop it (fast shutdown), keeping its files
#   scripts/pg-cluster.sh destroy DIR       stop it and remove DIR
#
# initdb and postgres refuse to run as root; as root they run as the `postgres` system user that
# the package creates, in a folder that user owns. The cluster trusts local connections: it
# listens on loopback and a private socket in DIR only, for the length of a test run.
set -euo pipefail

bin_dir() {
  if [ -n "${REHABFAQS_PG_BIN:-}" ]; then echo "$REHABFAQS_PG_BIN"; return; fi
  local found
  found=$(ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V | tail -1 || true)
  if [ -z "$found" ] || [ ! -x "$found/initdb" ]; then
    echo "PostgreSQL server binaries not found under /usr/lib/postgresql/*/bin; install Debian's postgresql package (make deps does)." >&2
    exit 1
  fi
  echo "$found"
}

as_owner() {
  if [ "$(id -u)" -eq 0 ]; then
    runuser -u postgres -- "$@"
  else
    "$@"
  fi
}

command=${1:-}
dir=${2:-}
[ -n "$command" ] && [ -n "$dir" ] || { echo "usage: $0 create|start|stop|destroy DIR [PORT]" >&2; exit 2; }
BIN=$(bin_dir)

case "$command" in
  create)
    port=${3:?create needs a PORT}
    mkdir -p "$dir"
    if [ "$(id -u)" -eq 0 ]; then chown postgres: "$dir"; fi
    as_owner "$BIN/initdb" -D "$dir/data" -U postgres --auth=trust --encoding=UTF8 --locale=C.UTF-8 >"$dir/initdb.log" 2>&1 \
      || { echo "initdb failed:" >&2; cat "$dir/initdb.log" >&2; exit 1; }
    cat >>"$dir/data/postgresql.conf" <<EOF
listen_addresses = '127.0.0.1'
port = $port
unix_socket_directories = '$dir'
max_connections = 200
EOF
    # Tests need no durability; benchmarks (REHABFAQS_PG_DURABLE=1) keep PostgreSQL's defaults.
    if [ -z "${REHABFAQS_PG_DURABLE:-}" ]; then
      printf 'fsync = off\nsynchronous_commit = off\nfull_page_writes = off\n' >>"$dir/data/postgresql.conf"
    fi
    as_owner "$BIN/pg_ctl" -D "$dir/data" -l "$dir/server.log" -w -t 30 start >/dev/null \
      || { echo "PostgreSQL did not start:" >&2; cat "$dir/server.log" >&2; exit 1; }
    ;;
  start)
    as_owner "$BIN/pg_ctl" -D "$dir/data" -l "$dir/server.log" -w -t 30 start >/dev/null \
      || { echo "PostgreSQL did not start:" >&2; tail -20 "$dir/server.log" >&2; exit 1; }
    ;;
  stop)
    as_owner "$BIN/pg_ctl" -D "$dir/data" -m fast -w -t 30 stop >/dev/null
    ;;
  destroy)
    if [ -f "$dir/data/postmaster.pid" ]; then
      as_owner "$BIN/pg_ctl" -D "$dir/data" -m immediate -w -t 30 stop >/dev/null 2>&1 || true
    fi
    rm -rf "$dir"
    ;;
  *)
    echo "unknown command '$command'; use create, start, stop or destroy" >&2
    exit 2
    ;;
esac
