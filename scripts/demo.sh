#!/usr/bin/env bash
# The main job on a fresh Debian 12 machine: install the build dependencies,
# build pactgraph, load the bundled sample articles (examples/) into a fresh
# graph database and print the alliance table it found, with the facts of one
# article as `pactgraph extract` writes them.
#
# usage: scripts/demo.sh            (builds into build/)
#        BUILD_DIR=mybuild scripts/demo.sh
set -euo pipefail
cd "$(dirname "$0")/.."
build=${BUILD_DIR:-build}
bash scripts/install-deps.sh
cmake -S . -B "$build" -DCMAKE_BUILD_TYPE=Release -DPACTGRAPH_TESTS=OFF -DPACTGRAPH_BENCH=OFF >/dev/null
cmake --build "$build" -j"$(nproc)" --target pactgraph_cli >/dev/null
bin=$build/pactgraph

work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
db=$work/demo.db

first=$(find examples -type f | sort | head -n 1)
echo "== pactgraph extract $first (facts of one article, abridged) =="
read -r -d '' summary <<'PY' || true
import json, sys
for line in sys.stdin:
    x = json.loads(line)
    names = {e["id"]: e["name"] for e in x["entities"]}
    print("entities:", "; ".join("%s (%s)" % (e["name"], e["type"]) for e in x["entities"]))
    for ev in x["events"]:
        who = ev.get("participants") or [ev.get("from"), ev.get("to")]
        print("event:", ev["type"], " / ".join(names.get(w, "?") for w in who if w),
              ev.get("date") or "", ev.get("status") or "")
PY
"$bin" extract "$first" | python3 -c "$summary"
echo
echo "== pactgraph ingest --db demo.db examples =="
"$bin" ingest --db "$db" examples
echo
echo "== pactgraph query alliances =="
"$bin" query --db "$db" alliances
