#!/usr/bin/env bash
# Speed of pactgraph's front half (decode + CleanHtml + language + segmentation)
# next to readability-lxml, in the same run, on the same pages:
#   - the 181 pages of the article-extraction benchmark (gunzipped to a temp folder);
#   - the 2,225 BBC articles, each wrapped as a minimal HTML page
#     (<title> and <h1> from the headline, one <p> per paragraph).
# Each side is timed twice: in-process CPU time (the program reads all files,
# then times only the processing) and end to end by hyperfine (user+system CPU
# of the whole process: start, imports and file reading included). CPU time,
# not wall time, because the machine may be shared with other work. Appends a table to bench/results/front_half.md.
#   usage: bench/front_half.sh [BUILD_DIR]   (a Release build with the front_half_bench target)
set -euo pipefail
here=$(cd "$(dirname "$0")/.." && pwd)
build=${1:-$here/build}
bench_bin=$build/bench/front_half_bench
shared=$here/../shared/data
[ -x "$bench_bin" ] || { echo "no $bench_bin (cmake -S . -B build -DCMAKE_BUILD_TYPE=Release && cmake --build build --target front_half_bench)" >&2; exit 2; }
# Debian's python3-readability lives in the system interpreter (not a pyenv/venv one).
py=${PYTHON:-/usr/bin/python3}
"$py" -c 'import readability' 2>/dev/null || { echo "needs readability-lxml for $py (apt-get install python3-readability)" >&2; exit 2; }
command -v hyperfine >/dev/null || { echo "needs hyperfine (apt-get install hyperfine)" >&2; exit 2; }

tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
mkdir -p "$tmp/aeb" "$tmp/bbc"
for f in "$shared"/article-extraction-benchmark/html/*.html.gz; do
  gzip -dc "$f" >"$tmp/aeb/$(basename "$f" .gz)"
done
python3 - "$shared/bbc-news/bbc" "$tmp/bbc" <<'PY'
import html, pathlib, sys
src, dst = pathlib.Path(sys.argv[1]), pathlib.Path(sys.argv[2])
for p in sorted(src.rglob('*.txt')):
    if p.name == 'README.TXT':
        continue
    lines = p.read_bytes().decode('latin-1').splitlines()
    title = html.escape(lines[0].strip()) if lines else ''
    paras = ''.join(f'<p>{html.escape(l.strip())}</p>\n' for l in lines[1:] if l.strip())
    page = (f'<!DOCTYPE html><html><head><meta charset="utf-8"><title>{title}</title></head>'
            f'<body><article><h1>{title}</h1>\n{paras}</article></body></html>\n')
    (dst / f'{p.parent.name}-{p.stem}.html').write_text(page, encoding='utf-8')
PY

machine="$(nproc) × $(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2 | xargs)"
out=${FRONT_HALF_OUT:-$here/bench/results/front_half.md}
if [ ! -f "$out" ]; then
  printf '# Front half vs readability-lxml (bench/front_half.sh)\n\n' >"$out"
fi
{
  echo
  echo "## $(date -u '+%F %H:%M UTC'), $machine"
  echo
  echo "Command: \`bench/front_half.sh $build\` (one process, one thread per side, pinned to CPU 0)"
  echo
  echo "| corpus | side | in-process CPU time | pages/s | MB/s | hyperfine user+sys (whole process) |"
  echo "|---|---|---|---|---|---|"
} >>"$out"

for corpus in aeb bbc; do
  ours=$(taskset -c 0 "$bench_bin" --repeat 3 "$tmp/$corpus")
  html_only=$(taskset -c 0 "$bench_bin" --repeat 3 --html-only "$tmp/$corpus")
  theirs=$(taskset -c 0 "$py" "$here/bench/front_half_readability.py" "$tmp/$corpus")
  echo "$ours"
  echo "$html_only"
  echo "$theirs"
  json=$tmp/$corpus.json
  hyperfine --warmup 1 --runs 3 --export-json "$json" \
    -n pactgraph "taskset -c 0 $bench_bin $tmp/$corpus" \
    -n readability "taskset -c 0 $py $here/bench/front_half_readability.py $tmp/$corpus" >&2
  python3 - "$corpus" "$ours" "$theirs" "$json" "$html_only" >>"$out" <<'PY'
import json, re, sys
corpus, ours, theirs, path, html_only = sys.argv[1:]
means = {r['command']: r['user'] + r['system'] for r in json.load(open(path))['results']}
def fields(line):
    m = re.search(r'(\d+) pages, (\d+) bytes, ([\d.]+) s, ([\d.]+) pages/s, ([\d.]+) MB/s', line)
    return m.groups()
o, t, h = fields(ours), fields(theirs), fields(html_only)
name = {'aeb': 'article-extraction-benchmark (181 pages)', 'bbc': 'bbc-news as HTML (2,225 pages)'}[corpus]
print(f'| {name} | pactgraph front half | {o[2]} s | {o[3]} | {o[4]} | {means["pactgraph"]:.3f} s |')
print(f'| {name} | (of which decode + CleanHtml) | {h[2]} s | {h[3]} | {h[4]} | |')
print(f'| {name} | readability-lxml | {t[2]} s | {t[3]} | {t[4]} | {means["readability"]:.3f} s |')
print(f'| {name} | **ratio** | **{float(t[2]) / float(o[2]):.1f}×** | | | **{means["readability"] / means["pactgraph"]:.1f}×** |')
PY
done
tail -n 12 "$out"
