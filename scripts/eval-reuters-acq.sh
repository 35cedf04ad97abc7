#!/usr/bin/env bash
# Document-level check of ACQUISITION events on Reuters-21578 (1987 wire copy,
# ../shared/data/reuters21578): the share of articles labelled `acq` in which
# `pactgraph extract` finds at least one ACQUISITION (a recall proxy: not
# every `acq` article reports a completed or agreed acquisition), and the
# share of the other articles in which it finds one (a false-alarm rate).
#   usage: scripts/eval-reuters-acq.sh [PACTGRAPH_BINARY]   (default build/pactgraph)
set -euo pipefail
here=$(cd "$(dirname "$0")/.." && pwd)
bin=${1:-$here/build/pactgraph}
data=${REUTERS_DIR:-$here/../shared/data/reuters21578/data/full}
[ -d "$data" ] || { echo "no $data" >&2; exit 2; }
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
python3 - "$data" "$tmp/in.jsonl" <<'PY'
import glob, json, os, sys
out = open(sys.argv[2], "w")
for f in sorted(glob.glob(os.path.join(sys.argv[1], "*.json"))):
    for i, a in enumerate(json.load(open(f))):
        if not a.get("body"):
            continue
        label = "acq" if "acq" in (a.get("topics") or []) else "other"
        text = (a.get("title") or "") + "\n\n" + a["body"]
        out.write(json.dumps({"id": f"{os.path.basename(f)}:{i}:{label}", "text": text}) + "\n")
PY
"$bin" extract -j "$(nproc)" "$tmp/in.jsonl" >"$tmp/out.jsonl"
python3 - "$tmp/out.jsonl" <<'PY'
import json, sys
hit = {"acq": 0, "other": 0}
total = {"acq": 0, "other": 0}
for line in open(sys.argv[1]):
    d = json.loads(line)
    label = d["doc"]["id"].rsplit(":", 1)[1]
    total[label] += 1
    hit[label] += any(e["type"] == "ACQUISITION" for e in d["events"])
print(f"acq articles with an ACQUISITION: {hit['acq']}/{total['acq']} = {hit['acq'] / total['acq']:.3f}")
print(f"other articles with an ACQUISITION: {hit['other']}/{total['other']} = {hit['other'] / total['other']:.4f}")
print(f"articles with an ACQUISITION that are labelled acq: {hit['acq'] / max(1, hit['acq'] + hit['other']):.3f}")
PY
