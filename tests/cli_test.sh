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
# Field of the first JSON line of a file: field FILE doc.lang
field() { python3 -c 'import json,sys
d=json.loads(open(sys.argv[1]).readline())
for k in sys.argv[2].split("."): d=d[k]
print(d)' "$1" "$2"; }

# The examples come out whole: English and German, titles, the byline date, no furniture.
"$bin" extract --text "$src/examples/nordvolt-kairos-hbm.txt" >"$tmp/en.jsonl"
[ "$(field "$tmp/en.jsonl" doc.lang)" = en ] || fail "English example not en"
[ "$(field "$tmp/en.jsonl" doc.published)" = 2026-02-10 ] || fail "byline date below the title must win"
[ "$(field "$tmp/en.jsonl" doc.title)" = "Nordvolt and Kairos Semiconductor Team Up on AI Memory" ] || fail "title"
field "$tmp/en.jsonl" doc.text >"$tmp/en.txt"
for furniture in "See also" "Trending" "Tags:" "Share this" "Elena Marsh" "Expo" "Tech | Business"; do
  ! grep -qF "$furniture" "$tmp/en.txt" || fail "furniture left in doc.text: $furniture"
done
grep -qF "first discussed a supply partnership." "$tmp/en.txt" || fail "last paragraph lost"
"$bin" extract --text "$src/examples/halvora-brightlane-ki-chip.txt" >"$tmp/de.jsonl"
[ "$(field "$tmp/de.jsonl" doc.lang)" = de ] || fail "German example not de"
[ "$(field "$tmp/de.jsonl" doc.published)" = 2026-03-04 ] || fail "German date line"
field "$tmp/de.jsonl" doc.text >"$tmp/de.txt"
for furniture in "Kommentare" "Mehr zum Thema" "Quellen" "Jonas"; do
  ! grep -qF "$furniture" "$tmp/de.txt" || fail "furniture left in doc.text: $furniture"
done

# Encodings: UTF-16 with BOM and Latin-1 come out as the same UTF-8 text.
text='Größere Chips für München: Lumora und Vantec schließen einen Vertrag über künftige Lieferungen.'
printf '%s\n' "$text" >"$tmp/utf8.txt"
python3 -c 'import sys; t=open(sys.argv[1],encoding="utf-8").read(); open(sys.argv[2],"wb").write(t.encode("utf-16")); open(sys.argv[3],"wb").write(t.encode("latin-1"))' \
  "$tmp/utf8.txt" "$tmp/utf16.txt" "$tmp/latin1.txt"
for f in utf8 utf16 latin1; do
  "$bin" extract --text "$tmp/$f.txt" >"$tmp/$f.jsonl" 2>"$tmp/$f.err" || fail "$f exited $?: $(cat "$tmp/$f.err")"
  [ "$(field "$tmp/$f.jsonl" doc.text)" = "$text" ] || fail "$f text differs: $(field "$tmp/$f.jsonl" doc.text)"
done
[ "$(field "$tmp/utf16.jsonl" doc.encoding)" = utf-16le ] || fail "utf-16 not detected"
[ "$(field "$tmp/latin1.jsonl" doc.encoding)" = windows-1252 ] || fail "latin-1 not detected"

# Invalid UTF-8 in UTF-8 text: replaced, one warning naming the file, still exit 0.
printf 'Größe und Gewicht \xff der Chips für München.\n' >"$tmp/bad.txt"
"$bin" extract "$tmp/bad.txt" >"$tmp/bad.jsonl" 2>"$tmp/bad.err" || fail "replaced bytes must not fail"
grep -q "bad.txt: 1 invalid byte" "$tmp/bad.err" || fail "no warning for replaced bytes: $(cat "$tmp/bad.err")"

# Size limit: the oversized file is named, the small one still extracted.
head -c 5000 /dev/zero | tr '\0' 'a' >"$tmp/huge.txt"
set +e
"$bin" extract --max-bytes 2k "$tmp/huge.txt" "$tmp/utf8.txt" >"$tmp/o3" 2>"$tmp/e3"
rc=$?
set -e
[ $rc -eq 1 ] || fail "oversized: exit $rc, want 1"
[ "$(wc -l <"$tmp/o3")" -eq 1 ] || fail "oversized: want 1 good article"
grep -q "huge.txt.*over the limit" "$tmp/e3" || fail "oversized file not named: $(cat "$tmp/e3")"

# stdin: plain text, and a JSONL stream with a given date.
printf '%s\n' "$text" | "$bin" extract --text - >"$tmp/stdin.jsonl" || fail "stdin text"
[ "$(field "$tmp/stdin.jsonl" doc.source)" = "-" ] || fail "stdin source"
printf '{"text": "Lumora invests in Vantec.", "id": "x1", "published": "2025-01-02"}\n' |
  "$bin" extract >"$tmp/stdinl.jsonl" || fail "stdin jsonl"
[ "$(field "$tmp/stdinl.jsonl" doc.id)" = x1 ] || fail "jsonl id"
[ "$(field "$tmp/stdinl.jsonl" doc.published)" = 2025-01-02 ] || fail "jsonl published"

# Worker threads keep the input order.
"$bin" extract "$src/examples" "$tmp/utf8.txt" "$tmp/latin1.txt" >"$tmp/j1.jsonl"
"$bin" extract -j 3 "$src/examples" "$tmp/utf8.txt" "$tmp/latin1.txt" >"$tmp/j3.jsonl"
cmp -s "$tmp/j1.jsonl" "$tmp/j3.jsonl" || fail "-j 3 output differs from -j 1"

echo "cli end-to-end: ok"
