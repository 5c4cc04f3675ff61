#!/usr/bin/env bash
# Browser and validator checks: starts BINARY (a built rehabfaqs) on a free loopback port with a
# throwaway SQLite database (seeded with the starter articles), then runs scripts/browser_check.py
# against it: the sitemap schema, the Nu HTML Checker on every page, CSP-safe markup, JSON-LD, the
# Atom feed, headless Chromium screenshots and console errors, and axe accessibility checks.
#
#   scripts/browser-check.sh .build/debug/rehabfaqs
#
# The Python packages live in a virtual environment at .build/browser-venv, built from the pins in
# scripts/browser-requirements.txt and rebuilt when that file (or the Python) changes. Debian's
# chromium, chromium-driver, a Java runtime, libxml2-utils and python3-venv come from
# scripts/install-deps.sh. Screenshots go to docs/screenshots (SCREENSHOTS_DIR overrides it).
set -euo pipefail

if [ $# -ne 1 ]; then
  echo "usage: $0 BINARY   (e.g. $0 .build/debug/rehabfaqs)" >&2
  exit 2
fi

binary="$(cd "$(dirname "$1")" && pwd)/$(basename "$1")"
if [ ! -x "$binary" ]; then
  echo "browser-check: $1 is not an executable file (build it first: swift build --product rehabfaqs)" >&2
  exit 2
fi

root="$(cd "$(dirname "$0")/.." && pwd)"
cd "$root"

python="${PYTHON:-python3}"
venv="$root/.build/browser-venv"
requirements="$root/scripts/browser-requirements.txt"
stamp="$venv/requirements.stamp"
screenshots="${SCREENSHOTS_DIR:-docs/screenshots}"
started=$SECONDS
export BROWSER_CHECK_STARTED="$(date +%s)"

# --- The virtual environment, re-used while the pins and the Python are unchanged.
wanted_stamp() {
  echo "python: $("$python" -c 'import sys; print(sys.executable, sys.version.split()[0])')"
  cat "$requirements"
}
if [ -x "$venv/bin/python" ] && "$venv/bin/python" -c 'import sys' 2>/dev/null \
   && [ -f "$stamp" ] && cmp -s "$stamp" <(wanted_stamp); then
  echo "browser-check: re-using $venv"
else
  echo "browser-check: creating $venv from scripts/browser-requirements.txt"
  venv_started=$SECONDS
  rm -rf "$venv"
  mkdir -p "$(dirname "$venv")"
  "$python" -m venv "$venv"
  PIP_DISABLE_PIP_VERSION_CHECK=1 "$venv/bin/python" -m pip install --quiet --no-input -r "$requirements"
  wanted_stamp > "$stamp"
  echo "browser-check: venv ready in $((SECONDS - venv_started)) s"
fi

for tool in java xmllint /usr/bin/chromium /usr/bin/chromedriver; do
  if ! command -v "$tool" >/dev/null 2>&1; then
    echo "browser-check: $tool is missing; run scripts/install-deps.sh" >&2
    exit 1
  fi
done

# --- The server, on a throwaway database; stopped and removed on any exit.
workdir="$(mktemp -d "${TMPDIR:-/tmp}/rehabfaqs-browser-check.XXXXXX")"
server_pid=""
checker_pid=""
stop() { # PID: asks it to stop, waits up to 10 s, then kills it
  kill "$1" 2>/dev/null || true
  for _ in $(seq 100); do
    kill -0 "$1" 2>/dev/null || break
    sleep 0.1
  done
  kill -9 "$1" 2>/dev/null || true
  wait "$1" 2>/dev/null || true
}
cleanup() {
  status=$?
  trap - EXIT INT TERM
  if [ -n "$checker_pid" ] && kill -0 "$checker_pid" 2>/dev/null; then
    stop "$checker_pid" # browser_check.py quits Chromium on SIGTERM
  fi
  if [ -n "$server_pid" ] && kill -0 "$server_pid" 2>/dev/null; then
    stop "$server_pid"
  fi
  if [ "$status" -ne 0 ] && [ -s "$workdir/server.log" ]; then
    echo "browser-check: last lines of the server's log:" >&2
    tail -n 20 "$workdir/server.log" >&2
  fi
  rm -rf "$workdir"
  exit "$status"
}
trap cleanup EXIT
trap 'exit 130' INT
trap 'exit 143' TERM

port="$("$venv/bin/python" -c 'import socket; s = socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1]); s.close()')"
base="http://127.0.0.1:$port"
echo "browser-check: starting $1 at $base (database in $workdir)"
"$binary" serve --host 127.0.0.1 --port "$port" --database "$workdir/site.sqlite" --base-url "$base" \
  >"$workdir/server.log" 2>&1 &
server_pid=$!

if ! "$venv/bin/python" - "$base/readyz" "$server_pid" <<'EOF'
import os, sys, time, urllib.request
url, pid = sys.argv[1], int(sys.argv[2])
deadline = time.monotonic() + 60
while time.monotonic() < deadline:
    try:
        with open(f"/proc/{pid}/stat") as stat:
            running = stat.read().rsplit(")", 1)[1].split()[0] != "Z"
    except OSError:
        running = False
    if not running:
        sys.exit(f"browser-check: the server exited before {url} answered")
    try:
        with urllib.request.urlopen(url, timeout=2) as response:
            if response.status == 200:
                sys.exit(0)
    except OSError:
        pass
    time.sleep(0.25)
sys.exit(f"browser-check: {url} did not answer 200 within 60 s")
EOF
then
  exit 1
fi
echo "browser-check: server ready after $((SECONDS - started)) s"

# Its last line is the summary: "browser-check: N passed, N failed" (one per check group). It runs in
# the background so that an interrupt reaches the trap at once (which stops it, then the server).
"$venv/bin/python" scripts/browser_check.py --base "$base" --screenshots "$screenshots" &
checker_pid=$!
wait "$checker_pid"
