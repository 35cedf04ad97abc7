#!/usr/bin/env bash
# End-to-end checks of `pactgraph extract` on the bundled examples and on bad input.
set -euo pipefail
bin=$1
src=$2
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
fail() { echo "FAIL: $*" >&2; exit 1; }

# The examples: one JSON line each, exit 0.
"$bin" extract "$src/examples" >"$tmp/out.jsonl" 2>"$tmp/err" || fail "extract examples exited $?: $(cat "$tmp/err")"
n_files=$(find "$src/examples" -name '*.txt' -o -name '*.html' -o -name '*.htm' | wc -l)
[ "$(wc -l <"$tmp/out.jsonl")" -eq "$n_files" ] || fail "expected $n_files lines"
python3 -c 'import json,sys; [json.loads(l) for l in open(sys.argv[1])]' "$tmp/out.jsonl" || fail "not JSON"

# Bad input: a message naming each bad file, the good one still extracted, exit 1.
printf 'A fine article about Microsoft.\n' >"$tmp/good.txt"
: >"$tmp/empty.txt"
printf '\x00\x01\x02binary\x00\x00' >"$tmp/bin.txt"
printf '{"text": "ok article"}\nnot json\n{"id": 3}\n' >"$tmp/lines.jsonl"
set +e
"$bin" extract "$tmp/good.txt" "$tmp/empty.txt" "$tmp/bin.txt" "$tmp/lines.jsonl" "$tmp/missing.txt" >"$tmp/o2" 2>"$tmp/e2"
rc=$?
set -e
[ $rc -eq 1 ] || fail "exit status $rc, want 1"
[ "$(wc -l <"$tmp/o2")" -eq 2 ] || fail "want 2 good articles, got $(wc -l <"$tmp/o2")"
for name in empty.txt bin.txt lines.jsonl:2 lines.jsonl:3 missing.txt; do
  grep -q "$name" "$tmp/e2" || fail "no message naming $name: $(cat "$tmp/e2")"
done
echo "cli end-to-end: ok"
