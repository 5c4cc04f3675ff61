#!/usr/bin/env bash
# Static export benchmark: `rehabfaqs build --out DIR` against Hugo (Debian's `hugo`) on the same
# generated articles (../shared/bench/static/), alternating the two in one run.
#
#   Benchmarks/static/run.sh              # 10,000 articles, 1 warm-up + 3 counted runs each
#   N=2000 ROUNDS=5 Benchmarks/static/run.sh
#
# Wall time and peak RSS come from /usr/bin/time. The import into the database is not counted.
set -euo pipefail
ROOT="$(cd "$(dirname "$0")/../.." && pwd)"
SHARED="${SHARED:-$ROOT/../shared/bench}"
N="${N:-10000}"
ROUNDS="${ROUNDS:-3}"
WORK="${WORK:-$ROOT/.build/bench-static}"
BIN="$ROOT/.build/release/rehabfaqs"

command -v hugo >/dev/null || { echo "need Hugo: apt-get install -y hugo" >&2; exit 1; }
[ -x "$BIN" ] || { echo "need a release build first: swift build -c release --product rehabfaqs" >&2; exit 1; }
mkdir -p "$WORK"
cd "$WORK"

if [ ! -f "corpus-$N.jsonl" ]; then
  python3 "$SHARED/search/gen_corpus.py" --n $((N * 10)) --seed 42 --out "corpus-$N.jsonl" >/dev/null
fi
rm -rf hugo-site content public-hugo public-rehabfaqs site.sqlite*
python3 "$SHARED/static/hugo_site.py" "corpus-$N.jsonl" hugo-site "$N"
python3 "$ROOT/Benchmarks/static/corpus_content.py" "corpus-$N.jsonl" content "$N"
"$BIN" import content --database site.sqlite --quiet

: > times.txt
for round in $(seq 0 "$ROUNDS"); do
  /usr/bin/time -f "hugo $round %e %M" -a -o times.txt sh -c 'cd hugo-site && hugo --quiet -d ../public-hugo'
  /usr/bin/time -f "rehabfaqs $round %e %M" -a -o times.txt \
    "$BIN" build --out public-rehabfaqs --database site.sqlite --base-url http://example.org --quiet
  tail -2 times.txt
done
echo "pages: hugo $(find public-hugo -name '*.html' | wc -l), rehabfaqs $(find public-rehabfaqs -name '*.html' | wc -l)"

python3 - "$N" <<'PYEOF'
import statistics, sys
runs = {}
for line in open("times.txt"):
    engine, round_number, wall, rss = line.split()
    if round_number != "0":  # round 0 warms the page cache and is not counted
        runs.setdefault(engine, []).append((float(wall), int(rss) / 1024))
print(f"\n{sys.argv[1]} articles, {len(runs['hugo'])} counted runs each, alternating\n")
print("| engine | wall s min | median | max | peak RSS MiB median |")
print("|---|---:|---:|---:|---:|")
med = {}
for engine in ("hugo", "rehabfaqs"):
    walls = sorted(w for w, _ in runs[engine]); rss = statistics.median(r for _, r in runs[engine])
    med[engine] = (statistics.median(walls), rss)
    print(f"| {engine} | {walls[0]:.2f} | {med[engine][0]:.2f} | {walls[-1]:.2f} | {rss:.0f} |")
print(f"\nratio rehabfaqs/hugo: wall {med['rehabfaqs'][0] / med['hugo'][0]:.2f}x (goal <= 0.5), "
      f"peak RSS {med['rehabfaqs'][1] / med['hugo'][1]:.2f}x (goal <= 0.25)")
PYEOF
