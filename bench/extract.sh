#!/usr/bin/env bash
# Throughput of the whole `pactgraph extract` (decode, clean, language,
# segmentation, entities, roles, time, money, events, JSON) on the BBC corpus,
# one process on one core. Prints MB/s and articles/s and appends the result to
# bench/results/extract.md.
#   usage: bench/extract.sh [BINARY] [CORPUS_DIR]
set -euo pipefail
here=$(cd "$(dirname "$0")/.." && pwd)
bin=${1:-$here/build/pactgraph}
corpus=${2:-$here/../shared/data/bbc-news/bbc}
[ -x "$bin" ] || { echo "no binary at $bin (build Release first: cmake -S . -B build && cmake --build build)" >&2; exit 2; }
[ -d "$corpus" ] || { echo "no corpus at $corpus" >&2; exit 2; }
bytes=$(find "$corpus" -name '*.txt' -print0 | xargs -0 cat | wc -c)
docs=$(find "$corpus" -name '*.txt' | wc -l)
command -v hyperfine >/dev/null || { echo "needs hyperfine (apt-get install hyperfine)" >&2; exit 2; }
json=$(mktemp)
trap 'rm -f "$json"' EXIT
cmd="taskset -c 0 $bin extract $corpus"
hyperfine --warmup 1 --runs 5 --export-json "$json" "$cmd >/dev/null 2>&1"
read -r mean min < <(python3 -c 'import json,sys; r=json.load(open(sys.argv[1]))["results"][0]; print(r["mean"], r["min"])' "$json")
mbps=$(python3 -c "print(f'{$bytes/1e6/$mean:.2f}')")
aps=$(python3 -c "print(f'{$docs/$mean:.0f}')")
rss=$( { /usr/bin/time -f '%M' $bin extract "$corpus" >/dev/null 2>/dev/null; } 2>&1 | tail -1 || echo "?")
line="| $(date -u +%F) | $(nproc) × $(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2 | xargs) | $docs docs, $((bytes/1000)) kB | ${mean}s mean, ${min}s min | $mbps MB/s | $aps articles/s | ${rss} kB |"
echo "$line"
out=$here/bench/results/extract.md
if [ ! -f "$out" ]; then
  printf '# Whole extract throughput (bench/extract.sh)\n\nCommand: `bench/extract.sh` (hyperfine, 5 runs, one process pinned to one core).\n\n| date | machine | corpus | time | MB/s | articles/s | peak RSS |\n|---|---|---|---|---|---|---|\n' >"$out"
fi
echo "$line" >>"$out"
