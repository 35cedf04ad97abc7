#!/usr/bin/env python3
"""Writes the extra unlabelled German text for the German NER model's word
clusters and corpus priors (train_ner --text-file, data/README.md):

  OUT/semeval-de.txt     the German texts of the SemEval-2022 task 8 sample
                         (de_en_original_pairs.tsv: the pairs that are not
                         machine-translated), one text per line
  OUT/trafilatura-de.txt the German pages of the trafilatura evaluation set,
                         HTML -> text with our own cleaner (pactgraph extract
                         --text), one page per line

A page counts as German when at least 8% of its words are common German
function words ("der", "und", "nicht", ...) and it has 30 words or more.
Lines are sorted, so the files do not depend on the order of the folder.

usage: python3 tools/ner_german_text.py --pactgraph build/pactgraph \
           --shared ../shared --out /tmp/ner-text
"""
import argparse
import csv
import json
import os
import re
import subprocess
import sys
import tarfile
import tempfile

FUNCTION_WORDS = set("der die das und nicht ist mit für auf den dem ein eine sich auch von zu im".split())


def one_line(text):
    return " ".join(text.split())


def semeval_texts(shared):
    path = os.path.join(shared, "data/semeval2022-task8-sample/de_en_original_pairs.tsv")
    csv.field_size_limit(1 << 30)
    texts = set()
    with open(path, encoding="utf-8", newline="") as f:
        for row in csv.DictReader(f, delimiter="\t", quoting=csv.QUOTE_NONE):
            for lang, text in (("lang1", "text1"), ("lang2", "text2")):
                if row[lang] == "de" and row[text].strip():
                    texts.add(one_line(row[text]))
    return sorted(texts)


def is_german(text):
    words = re.findall(r"\w+", text.lower())
    return len(words) >= 30 and sum(w in FUNCTION_WORDS for w in words) / len(words) > 0.08


def trafilatura_texts(shared, pactgraph):
    archive = os.path.join(shared, "data/trafilatura-eval/trafilatura-eval-html.tar.gz")
    with tempfile.TemporaryDirectory() as tmp:
        with tarfile.open(archive) as tar:
            tar.extractall(tmp)
        out = subprocess.run([pactgraph, "extract", "--text", tmp], capture_output=True, check=False)
        if not out.stdout:
            sys.exit("pactgraph extract gave no output: " + out.stderr.decode(errors="replace")[:500])
    texts = set()
    for line in out.stdout.decode("utf-8").split("\n"):
        if not line.strip():
            continue
        text = json.loads(line).get("doc", {}).get("text") or ""
        if is_german(text):
            texts.add(one_line(text))
    return sorted(texts)


def main():
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--pactgraph", default="build/pactgraph")
    ap.add_argument("--shared", default="../shared")
    ap.add_argument("--out", required=True)
    args = ap.parse_args()
    os.makedirs(args.out, exist_ok=True)
    for name, texts in (("semeval-de.txt", semeval_texts(args.shared)),
                        ("trafilatura-de.txt", trafilatura_texts(args.shared, args.pactgraph))):
        with open(os.path.join(args.out, name), "w", encoding="utf-8") as f:
            for t in texts:
                f.write(t + "\n")
        print(f"{name}: {len(texts)} texts, {sum(len(t.split()) for t in texts)} words", file=sys.stderr)


if __name__ == "__main__":
    main()
