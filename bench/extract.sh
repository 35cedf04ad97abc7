#!/usr/bin/env bash
# Throughput of the whole `pactgraph extract` (model load, decode, clean,
# language, segmentation, entities, roles, time, money, events, JSON) on the
# BBC corpus, one process on one core (-j 1). The machine is shared, so the
# figure that counts is CPU time (user + sys, hyperfine's means): MB of input
# per CPU second. Wall time is printed too. Appends the result, with date,
# machine and command, to bench/results/extract.md.
#   usage: bench/extract.sh [BINARY] [CORPUS_DIR]
# Needs Debian's hyperfine (apt-get install hyperfine). BENCH_LABEL=TEXT replaces
# the commit column (for a binary not built from HEAD).
set -euo pipefail
here=$(cd "$(dirname "$0")/.." && pwd)
bin=${1:-$here/build/pactgraph}
corpus=${2:-$here/../shared/data/bbc-news/bbc}
[ -x "$bin" ] || { echo "no binary at $bin (build Release first: cmake -S . -B build -DCMAKE_BUILD_TYPE=Release && cmake --build build)" >&2; exit 2; }
[ -d "$corpus" ] || { echo "no corpus at $corpus" >&2; exit 2; }
command -v hyperfine >/dev/null || { echo "needs hyperfine (apt-get install hyperfine)" >&2; exit 2; }
bin=$(cd "$(dirname "$bin")" && pwd)/$(basename "$bin")
corpus=$(cd "$corpus" && pwd)
bytes=$(find "$corpus" -name '*.txt' -print0 | xargs -0 cat | wc -c)
docs=$(find "$corpus" -name '*.txt' | wc -l)
json=$(mktemp)
trap 'rm -f "$json"' EXIT
cmd="taskset -c 0 $bin extract -j 1 $corpus"
hyperfine --warmup 1 --runs 5 --export-json "$json" "$cmd >/dev/null 2>&1"
read -r mean cpu < <(python3 -c 'import json,sys; r=json.load(open(sys.argv[1]))["results"][0]; print(r["mean"], r["user"] + r["system"])' "$json")
mbps=$(python3 -c "print(f'{$bytes/1e6/$cpu:.2f}')")
aps=$(python3 -c "print(f'{$docs/$cpu:.0f}')")
/usr/bin/time -o "$json.rss" -f '%M' "$bin" extract -j 1 "$corpus" >/dev/null 2>&1 || true
rss=$(tail -1 "$json.rss" 2>/dev/null || echo "?")
rm -f "$json.rss"
# BENCH_LABEL names what was measured when the binary is not built from HEAD.
commit=${BENCH_LABEL:-$(git -C "$here" rev-parse --short HEAD 2>/dev/null || echo "?")}
line="| $(date -u '+%F %H:%M') | $(nproc) × $(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2 | xargs), load $(cut -d' ' -f1 /proc/loadavg) | $commit | $docs docs, $((bytes / 1000)) kB | $(printf '%.3f' "$cpu") s | $(printf '%.3f' "$mean") s | **$mbps MB/s** | $aps | ${rss} kB |"
echo "$line"
out=$here/bench/results/extract.md
if [ ! -f "$out" ]; then
  printf '# Whole extract throughput (bench/extract.sh)\n\nCommand: `bench/extract.sh BINARY` = hyperfine, 1 warm-up + 5 runs of `taskset -c 0 BINARY extract -j 1 ../shared/data/bbc-news/bbc`. MB/s = input MB per CPU second (user + sys), the per-core figure on a shared machine.\n\n| date (UTC) | machine | commit | corpus | CPU (user+sys) | wall | MB/s per core | articles/CPU s | peak RSS |\n|---|---|---|---|---|---|---|---|---|\n' >"$out"
fi
echo "$line" >>"$out"
