#!/usr/bin/env bash
# End-to-end checks of ingest / query / export on the pactgraph program:
# re-ingesting a folder changes nothing, bad input is reported and skipped,
# exports load, and kill -9 during an ingest loses nothing reported done.
set -euo pipefail
bin=$1
src=$2
tmp=$(mktemp -d)
ingest_pid=
cleanup() {
  if [ -n "$ingest_pid" ]; then kill -9 "$ingest_pid" 2>/dev/null || true; fi
  rm -rf "$tmp"
}
trap cleanup EXIT
fail() { echo "FAIL: $*" >&2; exit 1; }

counts() {  # documents entities aliases events event_sources roles
  python3 - "$1" <<'PY'
import sqlite3, sys
db = sqlite3.connect(sys.argv[1])
print(" ".join(str(db.execute(f"SELECT count(*) FROM {t}").fetchone()[0])
               for t in ["documents", "entities", "aliases", "events", "event_sources", "roles"]))
PY
}

# A folder with two facts files (as `pactgraph extract` writes them) and two
# plain articles (run through the extractor).
mkdir -p "$tmp/in/sub"
cat >"$tmp/in/en.jsonl" <<'JSON'
{"doc":{"id":"en-1","source":"en.txt","lang":"en","published":"2024-04-20","title":"Summit"},"entities":[{"id":"e1","type":"ORG","name":"Microsoft","mentions":[{"start":0,"end":9,"text":"Microsoft"}]},{"id":"e2","type":"ORG","name":"Samsung Electronics","mentions":[{"start":20,"end":39,"text":"Samsung Electronics"},{"start":50,"end":57,"text":"Samsung"}]},{"id":"e3","type":"PERSON","name":"Kwak Noh-jung","mentions":[{"start":60,"end":73,"text":"Kwak Noh-jung"}]},{"id":"e4","type":"ORG","name":"SK Hynix","mentions":[{"start":80,"end":88,"text":"SK Hynix"}]},{"id":"e5","type":"PRODUCT","name":"Mach-1","mentions":[{"start":90,"end":96,"text":"Mach-1"}]}],"roles":[{"person":"e3","org":"e4","title":"CEO","evidence":{"start":60,"end":90}}],"events":[{"type":"MEETING","participants":["e1","e2","e3","e4"],"date":"2024-05-14","place":null,"status":"planned","topics":["AI"],"evidence":[{"start":0,"end":100}]},{"type":"DEVELOPS","from":"e2","to":"e5","date":null,"place":null,"status":"ongoing","topics":["AI chips"],"evidence":[{"start":20,"end":96}]},{"type":"DEAL","from":"e1","to":"e2","date":"2024","place":null,"amount":{"value":752000000,"currency":"USD"},"status":"occurred","topics":[],"evidence":[{"start":0,"end":40}]}]}
JSON
cat >"$tmp/in/sub/de.jsonl" <<'JSON'
{"doc":{"id":"de-1","source":"de.txt","lang":"de","published":"2024-04-21","title":"Gipfel"},"entities":[{"id":"e1","type":"PERSON","name":"Kwak Noh-Jung","mentions":[{"start":0,"end":13,"text":"Kwak Noh-Jung"}]},{"id":"e2","type":"ORG","name":"SK hynix","mentions":[{"start":20,"end":28,"text":"SK hynix"}]},{"id":"e3","type":"ORG","name":"Microsoft","mentions":[{"start":30,"end":39,"text":"Microsoft"}]},{"id":"e4","type":"ORG","name":"Samsung","mentions":[{"start":40,"end":47,"text":"Samsung"}]},{"id":"e5","type":"PRODUCT","name":"Mack-1","mentions":[{"start":50,"end":56,"text":"Mack-1"}]}],"roles":[],"events":[{"type":"MEETING","participants":["e3","e1","e2","e4"],"date":"2024-05","place":null,"status":"planned","topics":["HBM"],"evidence":[{"start":0,"end":60}]}]}
JSON
printf 'Microsoft and Samsung Electronics agreed to work together on AI chips, the companies said on Monday.\n' >"$tmp/in/a.txt"
printf 'SK Telecom invested $100 million in Anthropic last year.\n' >"$tmp/in/sub/b.txt"

db="$tmp/g.db"
"$bin" ingest --db "$db" "$tmp/in" 2>"$tmp/err1" || fail "first ingest exited $?: $(cat "$tmp/err1")"
first=$(counts "$db")
[ "$(echo "$first" | cut -d' ' -f1)" -eq 4 ] || fail "want 4 documents, got: $first"
"$bin" ingest --db "$db" "$tmp/in" 2>"$tmp/err2" || fail "second ingest exited $?"
[ "$(counts "$db")" = "$first" ] || fail "re-ingest changed counts: $first -> $(counts "$db")"
grep -q "0 added, 4 already stored" "$tmp/err2" || fail "re-ingest summary: $(cat "$tmp/err2")"
"$bin" ingest --db "$db" --commit-every 1 "$tmp/in/en.jsonl" 2>/dev/null || fail "per-article commits"
[ "$(counts "$db")" = "$first" ] || fail "re-ingest (commit-every 1) changed counts"

# The merged graph: one meeting with both sources, Mack-1 an alias of Mach-1.
"$bin" export --db "$db" --format json --out "$tmp/g.json"
python3 - "$tmp/g.json" <<'PY' || fail "json export content"
import json, sys
g = json.load(open(sys.argv[1]))
names = {e["id"]: e for e in g["entities"]}
meetings = [e for e in g["events"] if e["type"] == "MEETING"]
assert len(meetings) == 1, meetings
assert meetings[0]["date"] == "2024-05-14", meetings[0]
assert sorted(s["doc"] for s in meetings[0]["sources"]) == ["de-1", "en-1"], meetings[0]["sources"]
mach = [e for e in g["entities"] if e["name"] == "Mach-1"]
assert len(mach) == 1 and "Mack-1" in mach[0]["aliases"], mach
assert len([e for e in g["entities"] if e["name"].startswith("Kwak")]) == 1
samsung = [e for e in g["entities"] if e["name"].startswith("Samsung")]
assert len(samsung) == 1 and samsung[0]["name"] == "Samsung Electronics", samsung
assert all("sources" in r for r in g["roles"])
PY

# Queries: text and JSON.
"$bin" query --db "$db" partners Microsoft >"$tmp/p.txt" || fail "query partners"
grep -q "SK Hynix" "$tmp/p.txt" || fail "partners lacks SK Hynix: $(cat "$tmp/p.txt")"
"$bin" query --db "$db" --json partners microsoft | python3 -c 'import json,sys; p=json.load(sys.stdin); assert any(r["partner"]["name"]=="Samsung Electronics" for r in p), p' \
  || fail "partners --json"
"$bin" query --db "$db" who-met "Kwak Noh-Jung" | grep -q "Microsoft" || fail "who-met"
"$bin" query --db "$db" deals --min-amount 500000000 --currency USD | grep -q "DEAL" || fail "deals"
[ "$("$bin" query --db "$db" --json deals --currency EUR)" = "[]" ] || fail "deals --currency EUR should be empty"
"$bin" query --db "$db" timeline Microsoft "SK hynix" | grep -q "MEETING" || fail "timeline"
"$bin" query --db "$db" since 2024-03 | grep -q "MEETING" || fail "since"
"$bin" query --db "$db" entity "mack-1" | grep -q "Mach-1" || fail "entity"
"$bin" query --db "$db" alliances | grep -q "Samsung Electronics" || fail "alliances"
set +e
"$bin" query --db "$db" entity "No Such Company" >/dev/null 2>"$tmp/e"; rc=$?
set -e
[ $rc -eq 1 ] && grep -q "No Such Company" "$tmp/e" || fail "unknown entity: rc $rc, $(cat "$tmp/e")"

# Exports load: GraphML (networkx when installed, else the XML itself), CSV headers.
"$bin" export --db "$db" --format graphml --out "$tmp/g.graphml"
py=python3  # Debian's python3-networkx lives with /usr/bin/python3
if /usr/bin/python3 -c 'import networkx' 2>/dev/null; then py=/usr/bin/python3; fi
"$py" - "$tmp/g.graphml" <<'PY' || fail "graphml does not load"
import sys
try:
    import networkx as nx
    g = nx.read_graphml(sys.argv[1])
    assert g.number_of_nodes() > 0 and g.number_of_edges() > 0
    assert any(d.get("label") == "Mach-1" for _, d in g.nodes(data=True))
except ImportError:
    import xml.etree.ElementTree as ET
    ns = {"g": "http://graphml.graphdrawing.org/xmlns"}
    root = ET.parse(sys.argv[1]).getroot()
    keys = {k.get("id") for k in root.findall("g:key", ns)}
    graph = root.find("g:graph", ns)
    ids = {n.get("id") for n in graph.findall("g:node", ns)}
    for e in graph.findall("g:edge", ns):
        assert e.get("source") in ids and e.get("target") in ids
    for d in root.iter("{http://graphml.graphdrawing.org/xmlns}data"):
        assert d.get("key") in keys
PY
"$bin" export --db "$db" --format csv --out "$tmp/csv"
head -1 "$tmp/csv/nodes.csv" | grep -q '^id:ID,:LABEL,' || fail "nodes.csv header"
[ "$(head -1 "$tmp/csv/edges.csv")" = ":START_ID,:END_ID,:TYPE,title" ] || fail "edges.csv header"

# Bad input: reported by name, the rest ingested, exit status 1.
printf '{"doc":{"id":"ok-1","source":"x"},"entities":[],"roles":[],"events":[]}\nnot json\n' >"$tmp/bad.jsonl"
set +e
"$bin" ingest --db "$tmp/bad.db" "$tmp/bad.jsonl" "$tmp/missing.txt" 2>"$tmp/e3"; rc=$?
set -e
[ $rc -eq 1 ] || fail "bad input exit status $rc"
grep -q "bad.jsonl:2" "$tmp/e3" && grep -q "missing.txt" "$tmp/e3" || fail "messages: $(cat "$tmp/e3")"
[ "$(counts "$tmp/bad.db" | cut -d' ' -f1)" -eq 1 ] || fail "the good line was not ingested"

# kill -9 in the middle of a big ingest, with a reader querying meanwhile.
python3 "$src/bench/graph_synth_facts.py" 4000 >"$tmp/big.jsonl"
big="$tmp/big.db"
"$bin" ingest --db "$big" --verbose --commit-every 32 "$tmp/big.jsonl" >"$tmp/done.log" 2>/dev/null &
ingest_pid=$!
for _ in $(seq 1 600); do
  [ "$(grep -c '^added' "$tmp/done.log" 2>/dev/null || true)" -ge 200 ] && break
  kill -0 "$ingest_pid" 2>/dev/null || break
  sleep 0.05
done
"$bin" query --db "$big" alliances --limit 3 >/dev/null 2>"$tmp/qerr" || fail "query during ingest: $(cat "$tmp/qerr")"
kill -9 "$ingest_pid" 2>/dev/null || true
wait "$ingest_pid" 2>/dev/null || true
ingest_pid=
reported=$(grep -c '^added' "$tmp/done.log" || true)
[ "$reported" -ge 1 ] || fail "no article reported done before the kill"
python3 - "$big" "$tmp/done.log" <<'PY' || fail "store after kill -9"
import sqlite3, sys
db = sqlite3.connect(sys.argv[1])
assert db.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
stored = {r[0] for r in db.execute("SELECT doc_id FROM documents")}
done = [l.split("\t")[1] for l in open(sys.argv[2]) if l.startswith("added\t")]
missing = [d for d in done if d not in stored]
assert not missing, f"{len(missing)} reported articles missing, e.g. {missing[:3]}"
print(f"kill -9 after {len(done)} reported articles: {len(stored)} stored, integrity ok")
PY
# The killed store takes the rest of the corpus.
"$bin" ingest --db "$big" "$tmp/big.jsonl" 2>/dev/null || fail "resume after kill"
[ "$(counts "$big" | cut -d' ' -f1)" -eq 4000 ] || fail "resume did not complete the corpus"
echo "graph cli end-to-end: ok"
