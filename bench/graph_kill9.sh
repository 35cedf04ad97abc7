#!/usr/bin/env bash
# kill -9 during a big ingest, with queries meanwhile: integrity, nothing reported done is lost, resume.
# usage: KILL_AT=4000 bench/graph_kill9.sh BUILD/pactgraph articles-or-facts.jsonl
set -u
bin=$1; facts=$2; tmp=${TMPDIR:-/tmp}; db=$tmp/k9.db; log=$tmp/k9.log
rm -f $db $db-wal $db-shm $log
$bin ingest --db $db -v "$facts" > $log 2>$tmp/k9.err &
pid=$!
q=0; qfail=0
start=$(date +%s.%N)
while kill -0 $pid 2>/dev/null; do
  n=$(grep -c '^added' $log 2>/dev/null || true)
  if [ "$n" -ge ${KILL_AT:-5000} ]; then break; fi
  if $bin query --db $db alliances --limit 3 >/dev/null 2>>$tmp/k9.qerr; then q=$((q+1)); else qfail=$((qfail+1)); fi
  sleep 0.2
done
kill -9 $pid; wait $pid 2>/dev/null
echo "killed after $(grep -c '^added' $log) reported done; $q queries ok, $qfail failed during ingest"
/usr/bin/python3 - $db $log <<'PY'
import sqlite3, sys
db = sqlite3.connect(sys.argv[1])
print("integrity_check:", db.execute("PRAGMA integrity_check").fetchone()[0])
stored = {r[0] for r in db.execute("SELECT doc_id FROM documents")}
done = [l.split("\t")[1] for l in open(sys.argv[2]) if l.startswith("added\t")]
missing = [d for d in done if d not in stored]
print(f"reported done {len(done)}, stored {len(stored)}, reported but missing {len(missing)}")
PY
$bin ingest --db $db "$facts" 2>&1 | tail -2
/usr/bin/python3 -c "import sqlite3; d=sqlite3.connect('$db'); print('after resume: documents', d.execute('select count(*) from documents').fetchone()[0], 'integrity', d.execute('PRAGMA integrity_check').fetchone()[0])"
