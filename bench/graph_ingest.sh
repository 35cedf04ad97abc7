#!/usr/bin/env bash
# Ingest benchmark: BBC News + Reuters-21578 (read from ../shared/data,
# converted to article JSONL in a temp folder), ingested at 1k, 5k and 20k
# articles into a fresh SQLite store. For each size it times
#   1. `pactgraph ingest` of the articles (extraction + graph),
#   2. `pactgraph extract` of the same articles alone,
#   3. `pactgraph ingest` of the extract output (the graph alone),
# with wall time, CPU time (user + sys) and peak RSS from /usr/bin/time -v,
# and writes a markdown report. Plain timing, no other tools needed.
#
# usage: bench/graph_ingest.sh [BUILD_DIR] [REPORT.md]
set -euo pipefail
repo=$(cd "$(dirname "$0")/.." && pwd)
build=${1:-$repo/build-graph}
report=${2:-$repo/bench/results/graph_ingest.md}
bin=$build/pactgraph
shared=$repo/../shared/data
sizes=${SIZES:-"1000 5000 20000"}
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT

python3 - "$shared" "$tmp/all.jsonl" <<'PY'
# BBC (2,225 texts) and Reuters (19,043 with a body), interleaved so every
# slice has both; Reuters dates become published dates.
import datetime, glob, json, os, sys
shared, out = sys.argv[1], sys.argv[2]
bbc = []
for path in sorted(glob.glob(os.path.join(shared, "bbc-news/bbc/*/*.txt"))):
    text = open(path, encoding="latin-1").read()
    cat, name = path.split(os.sep)[-2:]
    bbc.append({"id": f"bbc-{cat}-{name[:-4]}", "text": text})
reuters = []
for path in sorted(glob.glob(os.path.join(shared, "reuters21578/data/full/reuters-*.json"))):
    for doc in json.load(open(path, encoding="utf-8")):
        body = (doc.get("body") or "").strip()
        if not body:
            continue
        art = {"id": f"reuters-{doc['id']}", "text": (doc.get("title") or "") + "\n\n" + body}
        try:
            art["published"] = datetime.datetime.strptime(doc["date"].split()[0], "%d-%b-%Y").date().isoformat()
        except (KeyError, ValueError):
            pass
        reuters.append(art)
ratio = max(1, len(reuters) // max(1, len(bbc)))
with open(out, "w", encoding="utf-8") as f:
    ri = 0
    for b in bbc:
        f.write(json.dumps(b) + "\n")
        for r in reuters[ri:ri + ratio]:
            f.write(json.dumps(r) + "\n")
        ri += ratio
    for r in reuters[ri:]:
        f.write(json.dumps(r) + "\n")
print(f"{len(bbc)} BBC + {len(reuters)} Reuters articles", file=sys.stderr)
PY
total=$(wc -l <"$tmp/all.jsonl")

# run LABEL CMD...: wall seconds, CPU seconds (user + sys) and peak RSS (MB)
# of CMD, via /usr/bin/time -v.
run() {
  local label=$1
  shift
  /usr/bin/time -v "$@" >"$tmp/out" 2>"$tmp/time" || { echo "$label failed:" >&2; tail -5 "$tmp/time" >&2; return 1; }
  wall=$(grep "Elapsed (wall clock)" "$tmp/time" | awk '{print $NF}' |
    awk -F: '{ if (NF == 3) print $1*3600 + $2*60 + $3; else print $1*60 + $2 }')
  rss=$(grep "Maximum resident set size" "$tmp/time" | awk '{printf "%.0f", $NF / 1024}')
  cpu=$(awk -F': ' '/User time|System time/ {s += $2} END {printf "%.2f", s}' "$tmp/time")
}
rate() { python3 -c "print(f'{$1/max($2, 1e-9):,.0f}')"; }

rows=()
for n in $sizes; do
  [ "$n" -le "$total" ] || n=$total
  head -n "$n" "$tmp/all.jsonl" >"$tmp/slice.jsonl"
  rm -f "$tmp/a.db"*
  run ingest "$bin" ingest --db "$tmp/a.db" "$tmp/slice.jsonl"
  i_wall=$wall i_rss=$rss i_cpu=$cpu
  run extract "$bin" extract -j "$(nproc)" "$tmp/slice.jsonl"
  cp "$tmp/out" "$tmp/facts.jsonl"
  x_wall=$wall x_cpu=$cpu
  rm -f "$tmp/f.db"*
  run facts "$bin" ingest --db "$tmp/f.db" "$tmp/facts.jsonl"
  f_wall=$wall f_rss=$rss f_cpu=$cpu
  rm -f "$tmp/c.db"*
  run facts1 "$bin" ingest --db "$tmp/c.db" --commit-every 1 "$tmp/facts.jsonl"
  c_wall=$wall c_cpu=$cpu
  counts=$(python3 -c "import sqlite3,sys; d=sqlite3.connect(sys.argv[1]); print(*(d.execute(f'SELECT count(*) FROM {t}').fetchone()[0] for t in ['entities','events']))" "$tmp/a.db")
  db_mb=$(du -m "$tmp/a.db" | cut -f1)
  rows+=("| $n | $i_wall | $(rate "$n" "$i_wall") | $i_cpu | $(rate "$n" "$i_cpu") | $i_rss | $x_cpu | $(rate "$n" "$x_cpu") | $f_wall | $f_cpu | $(rate "$n" "$f_cpu") | $f_rss | $c_cpu | $(rate "$n" "$c_cpu") | ${counts// / / } | $db_mb |")
  echo "${rows[-1]}" >&2
done

mkdir -p "$(dirname "$report")"
{
  echo "# Graph ingest benchmark"
  echo
  echo "- date: $(date -u +%Y-%m-%dT%H:%MZ)"
  echo "- machine: $(nproc) CPUs, $(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2 | sed 's/^ //'); load average before the run: $(cut -d' ' -f1-3 /proc/loadavg) (shared machine)"
  echo "- build: $(git -C "$repo" rev-parse --short HEAD 2>/dev/null || echo '?'), $(grep -m1 CMAKE_BUILD_TYPE "$build/CMakeCache.txt" | cut -d= -f2)"
  echo "- corpus: ../shared/data/bbc-news + reuters21578 as article JSONL ($total articles), first N lines"
  echo "- command: \`bench/graph_ingest.sh $build\`"
  echo
  echo "Per size: \`pactgraph ingest --db a.db slice.jsonl\` (articles: extraction on $(nproc) threads + graph),"
  echo "\`pactgraph extract -j $(nproc) slice.jsonl\` (extraction alone), \`pactgraph ingest --db f.db facts.jsonl\`"
  echo "(the extract output: the graph alone, default group commit of 256) and the same with \`--commit-every 1\`"
  echo "(one transaction per article). Wall seconds, CPU seconds (user + sys, all threads) and peak RSS from"
  echo "/usr/bin/time -v; art/s CPU = articles / CPU seconds, the figure that does not depend on the other"
  echo "users of the machine."
  echo
  echo "| articles | ingest wall s | art/s wall | ingest CPU s | art/s CPU | ingest RSS MB | extract CPU s | art/s CPU | facts ingest wall s | facts CPU s | art/s CPU | facts RSS MB | facts, commit-every 1, CPU s | art/s CPU | entities / events | db MB |"
  echo "|---|---|---|---|---|---|---|---|---|---|---|---|---|---|---|---|"
  printf '%s\n' "${rows[@]}"
} >"$report"
echo "wrote $report" >&2
