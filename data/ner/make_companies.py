#!/usr/bin/env python3
"""Derives data/ner/companies.tsv from the public-domain (ODC-PDDL-1.0) S&P 500
and NASDAQ listings in ../shared/data/gazetteers.

Usage (from the repository root):
  python3 data/ner/make_companies.py ../shared > data/ner/companies.tsv

Legal-form and share-class words are stripped ("Apple Inc." -> "Apple");
funds, ETFs, SPACs, warrants and test issues are dropped. A single-word name
that appears in lower case in the BBC news corpus (a common English word such
as "Target" or "Visa") is flagged `weak`: the recognizer then only takes it
where the context supports a company. The corpus is only read, never copied.
"""
import collections
import csv
import os
import re
import sys

LEGAL = r"(?:inc|incorporated|corp|corporation|co|company|ltd|limited|plc|llc|l\.p|lp|" \
        r"s\.a|sa|n\.v|nv|ag|se|holdings?|group|the|de|a/s|asa|oyj|ab|spa|s\.p\.a|" \
        r"ltd\.?|corporation|bancorp|bancshares|class [a-z])"
DROP = re.compile(r"\b(etf|fund|trust|acquisition|warrants?|units?|rights?|notes?|"
                  r"debentures?|depositary|preferred|portfolio|index|ishares|proshares|"
                  r"invesco|vaneck|spdr|direxion|first trust|global x|wisdomtree|"
                  r"capital corp|merger|spac|blank check|\d{4})\b", re.I)
TAIL = re.compile(r"(?:[\s,]+(?:" + LEGAL + r")\.?)+$", re.I)


def clean(name):
    name = name.split(" - ")[0].strip()
    name = re.sub(r"\s*\(.*?\)\s*", " ", name).strip()
    name = name.replace("&amp;", "&")
    prev = None
    while prev != name:
        prev = name
        name = TAIL.sub("", name).strip(" ,.")
    return name


def common_words(shared):
    counts = collections.Counter()
    root = os.path.join(shared, "data", "bbc-news", "bbc")
    for dirpath, _, files in os.walk(root):
        for f in files:
            if f.endswith(".txt"):
                with open(os.path.join(dirpath, f), encoding="latin-1") as fh:
                    counts.update(re.findall(r"\b[a-z]+\b", fh.read()))
    return {w for w, c in counts.items() if c >= 3}


def main():
    shared = sys.argv[1] if len(sys.argv) > 1 else "../shared"
    g = os.path.join(shared, "data", "gazetteers")
    names = {}
    with open(os.path.join(g, "sp500", "constituents.csv"), encoding="utf-8") as fh:
        for row in csv.DictReader(fh):
            names[clean(row["Security"])] = "sp500"
    with open(os.path.join(g, "nasdaq", "nasdaq-listed-symbols.csv"), encoding="utf-8") as fh:
        for row in csv.DictReader(fh):
            if row.get("ETF") == "Y" or row.get("Test Issue") == "Y":
                continue
            full = row["Company Name"]
            if DROP.search(full):
                continue
            names.setdefault(clean(full), "nasdaq")
    common = common_words(shared)
    print("# pactgraph-gazetteer 1")
    print("# Derived from S&P 500 (datasets/s-and-p-500-companies) and NASDAQ listings")
    print("# (datasets/nasdaq-listings), ODC-PDDL-1.0. Regenerate: python3 data/ner/make_companies.py ../shared")
    print("# name\ttype\tcanonical\tflags")
    for name in sorted(names):
        if len(name) < 2 or not re.search(r"[A-Za-z]", name) or DROP.search(name):
            continue
        if len(name) <= 3 and name.isupper():
            continue  # bare tickers-like acronyms are too ambiguous
        words = name.split()
        flags = "derived"
        if len(words) == 1 and name.lower() in common:
            flags += ",weak"
        print(f"{name}\tORG\t\t{flags}")


if __name__ == "__main__":
    main()
