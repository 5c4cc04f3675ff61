#!/usr/bin/env bash
# HTTP benchmark: an article page from `rehabfaqs serve` against nginx serving the same bytes as a
# static file, plain and with gzip, plus /api/search and the cost of metrics; servers alternate in
# each round, with the method of ../shared/bench/http/ (wrk -t1, 3 s warm-up, then measured runs).
#
#   Benchmarks/http/run.sh                     # 2 rounds, -c64 and -c8, 10 s each
#   ROUNDS=3 DURATION=15s CONNS="64" Benchmarks/http/run.sh
#
# Every server listens on 127.0.0.1 only and is stopped by its own pid.
set -euo pipefail
ROOT="$(cd "$(dirname "$0")/../.." && pwd)"
SHARED="${SHARED:-$ROOT/../shared/bench}"
BIN="$ROOT/.build/release/rehabfaqs"
ROUNDS="${ROUNDS:-2}"
DURATION="${DURATION:-10s}"
WARMUP="${WARMUP:-3s}"
CONNS="${CONNS:-64 8}"
ARTICLE="${ARTICLE:-acute-low-back-spasm}"
QUERY="${QUERY:-how%20do%20i%20ease%20a%20back%20spasm%20while%20pregnant}"
SERVERS="${SERVERS:-nginx-w1 rehabfaqs nginx-auto rehabfaqs-nometrics nginx-w1-gzip rehabfaqs-gzip nginx-auto-gzip rehabfaqs-search}"
WORK="${WORK:-$ROOT/.build/bench-http}"
OUTDIR="${OUTDIR:-$WORK/results/$(date +%Y%m%d-%H%M%S)}"
PORT_NGINX=18180
PORT_APP=18181

command -v nginx >/dev/null && command -v wrk >/dev/null || { echo "need: apt-get install -y nginx wrk" >&2; exit 1; }
[ -x "$BIN" ] || { echo "need a release build first: swift build -c release --product rehabfaqs" >&2; exit 1; }
mkdir -p "$OUTDIR" "$WORK/nginx/conf" "$WORK/nginx/logs" "$WORK/nginx/tmp"
DATABASE="$WORK/site.sqlite"
PAGE="$WORK/article.html"

SERVER_PID=""
cleanup() { [[ -n "$SERVER_PID" ]] && kill -TERM "$SERVER_PID" 2>/dev/null && wait "$SERVER_PID" 2>/dev/null; SERVER_PID=""; }
trap cleanup EXIT INT TERM

wait_for() {  # $1 = url
  for _ in $(seq 1 200); do curl -sf -o /dev/null "$1" && return 0; sleep 0.1; done
  echo "server did not come up at $1" >&2; exit 1
}

nginx_conf() {  # $1 workers, $2 gzip -> path
  local f="$WORK/nginx/conf/nginx-w$1-gzip$2.conf"
  sed -e "s|@WORKERS@|$1|" -e "s|@GZIP@|$2|" -e "s|@PAGE@|$PAGE|" -e "s|@PREFIX@|$WORK/nginx|g" \
      -e "s|127.0.0.1:18080|127.0.0.1:$PORT_NGINX|" "$SHARED/http/nginx/nginx.conf.template" > "$f"
  nginx -t -q -p "$WORK/nginx" -c "$f"
  echo "$f"
}

start_server() {  # $1 = server; sets SERVER_PID, URL, HEADERS
  HEADERS=()
  case "$1" in
    nginx-w1)         conf=$(nginx_conf 1 off) ;;
    nginx-auto)       conf=$(nginx_conf auto off) ;;
    nginx-w1-gzip)    conf=$(nginx_conf 1 on); HEADERS=(-H 'Accept-Encoding: gzip') ;;
    nginx-auto-gzip)  conf=$(nginx_conf auto on); HEADERS=(-H 'Accept-Encoding: gzip') ;;
    rehabfaqs-gzip)   HEADERS=(-H 'Accept-Encoding: gzip') ;;
  esac
  case "$1" in
    nginx*)
      nginx -p "$WORK/nginx" -c "$conf" -g 'daemon off;' &
      URL="http://127.0.0.1:$PORT_NGINX/article" ;;
    rehabfaqs*)
      local flags=()
      [[ "$1" == rehabfaqs-nometrics ]] && flags=(--no-metrics)
      "$BIN" serve --port "$PORT_APP" --database "$DATABASE" --log-level warning "${flags[@]}" > "$OUTDIR/$1.log" 2>&1 &
      URL="http://127.0.0.1:$PORT_APP/articles/$ARTICLE"
      [[ "$1" == rehabfaqs-search ]] && URL="http://127.0.0.1:$PORT_APP/api/search?q=$QUERY" ;;
  esac
  SERVER_PID=$!
  wait_for "$URL"
}

stop_server() {
  if [[ "$1" == nginx* ]]; then kill -QUIT "$SERVER_PID"; else kill -TERM "$SERVER_PID"; fi
  wait "$SERVER_PID" 2>/dev/null || true
  SERVER_PID=""
}

peak_rss_kb() {  # the server and its direct children (nginx workers)
  local total=0 p
  for p in "$SERVER_PID" $(pgrep -P "$SERVER_PID" || true); do
    total=$(( total + $(awk '/^VmHWM/ {print $2}' "/proc/$p/status") ))
  done
  echo "$total"
}

# The page: exactly the bytes serve sends for the article, for nginx to serve as a file.
rm -f "$DATABASE"*
start_server rehabfaqs
curl -sf "$URL" -o "$PAGE"
gzip_bytes=$(curl -sf -H 'Accept-Encoding: gzip' "$URL" | wc -c)
stop_server rehabfaqs
echo "page: /articles/$ARTICLE, $(wc -c < "$PAGE") bytes, $gzip_bytes with gzip (precompressed by serve)" | tee "$OUTDIR/page.txt"

# Every server sends the page's bytes (the search API its JSON).
for s in $SERVERS; do
  start_server "$s"
  if [[ "$s" != rehabfaqs-search ]]; then
    got=$(curl -s --compressed "${HEADERS[@]}" "$URL" | sha256sum | cut -d' ' -f1)
    [[ "$got" == "$(sha256sum < "$PAGE" | cut -d' ' -f1)" ]] || { echo "$s: body differs from the page" >&2; exit 1; }
  fi
  enc=$(curl -s -D - -o /dev/null "${HEADERS[@]}" "$URL" | tr -d '\r' | grep -i '^content-encoding' || true)
  echo "$s: ok ${enc}" | tee -a "$OUTDIR/check.txt"
  stop_server "$s"
done

for s in $SERVERS; do echo "$s"; done > "$OUTDIR/order.txt"
for r in $(seq 1 "$ROUNDS"); do
  for c in $CONNS; do
    for s in $SERVERS; do
      start_server "$s"
      wrk -t1 -c"$c" -d"$WARMUP" "${HEADERS[@]}" "$URL" > /dev/null
      f="$OUTDIR/r$r-c$c-$s.txt"
      wrk -t1 -c"$c" -d"$DURATION" --latency "${HEADERS[@]}" "$URL" > "$f"
      echo "PEAK_RSS_KB $(peak_rss_kb)" >> "$f"
      echo "SERVER_PROCS $(( 1 + $(pgrep -c -P "$SERVER_PID" || true) ))" >> "$f"
      stop_server "$s"
      printf 'round %s c=%-3s %-20s %s\n' "$r" "$c" "$s" "$(grep Requests/sec "$f")"
    done
  done
done

python3 "$SHARED/http/summarize.py" "$OUTDIR" | tee "$OUTDIR/table.md"
python3 "$ROOT/Benchmarks/http/ratios.py" "$OUTDIR" | tee -a "$OUTDIR/table.md"
echo "raw wrk output: $OUTDIR"
