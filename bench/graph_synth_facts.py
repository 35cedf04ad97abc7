#!/usr/bin/env python3
"""Writes N synthetic `pactgraph extract` lines (facts JSONL) for graph tests
and benchmarks: organisations, people and products drawn from fixed pools
(with spelling variants), meetings, partnerships and deals among them.
Deterministic for a given seed.

usage: graph_synth_facts.py N [--seed S] > facts.jsonl
"""
import json
import random
import sys


def pools(rng):
    syll = ["ka", "lo", "mi", "ran", "tek", "sol", "vi", "nor", "bel", "qu", "zen", "dor", "fa", "gri", "hal"]
    def word():
        return "".join(rng.choice(syll) for _ in range(rng.randint(2, 3))).capitalize()
    suffixes = ["Electronics", "Telecom", "Systems", "Motors", "Capital", "Labs", "Networks", "Bio"]
    orgs = sorted({f"{word()} {rng.choice(suffixes)}" for _ in range(3000)})
    people = sorted({f"{word()} {word()}" for _ in range(2000)})
    products = sorted({f"{word()}-{rng.randint(1, 9)}" for _ in range(800)})
    return orgs, people, products


def variant(rng, name):
    r = rng.random()
    if r < 0.1:
        return name.upper()
    if r < 0.2:
        return name.replace(" ", "-")
    return name


def article(rng, i, orgs, people, products):
    ents = []
    def add(type_, name):
        eid = f"e{len(ents) + 1}"
        text = variant(rng, name)
        ents.append({"id": eid, "type": type_, "name": text,
                     "mentions": [{"start": 10 * len(ents), "end": 10 * len(ents) + len(text), "text": text}]})
        return eid
    o = [add("ORG", n) for n in rng.sample(orgs, rng.randint(2, 6))]
    p = [add("PERSON", n) for n in rng.sample(people, rng.randint(1, 3))]
    pr = [add("PRODUCT", n) for n in rng.sample(products, rng.randint(0, 2))]
    year = rng.randint(2015, 2025)
    date = rng.choice([f"{year}", f"{year}-{rng.randint(1, 12):02d}", f"{year}-{rng.randint(1, 12):02d}-{rng.randint(1, 28):02d}", None])
    events = [{"type": "MEETING", "participants": o[:3] + p[:1], "date": date, "place": None, "status": "occurred",
               "topics": ["AI"], "evidence": [{"start": 0, "end": 120}]},
              {"type": "PARTNERSHIP", "participants": o[:2], "date": None, "place": None, "status": "planned",
               "topics": ["cloud"], "evidence": [{"start": 130, "end": 200}]}]
    if len(o) > 2 and rng.random() < 0.5:
        events.append({"type": "DEAL", "from": o[1], "to": o[2], "date": f"{year}", "place": None,
                       "amount": {"value": rng.randint(1, 900) * 1e6, "currency": "USD"}, "status": "occurred",
                       "topics": [], "evidence": [{"start": 210, "end": 300}]})
    if pr:
        events.append({"type": "DEVELOPS", "from": o[0], "to": pr[0], "date": None, "place": None,
                       "status": "ongoing", "topics": ["AI chips"], "evidence": [{"start": 310, "end": 350}]})
    roles = [{"person": p[0], "org": o[0], "title": "CEO", "evidence": {"start": 5, "end": 40}}]
    return {"doc": {"id": f"synth-{i:08d}", "source": f"synth/{i}.txt", "lang": "en", "lang_confidence": 1.0,
                    "published": f"{year}-{rng.randint(1, 12):02d}-{rng.randint(1, 28):02d}", "title": f"Story {i}"},
            "entities": ents, "roles": roles, "events": events}


def main():
    n = int(sys.argv[1])
    seed = int(sys.argv[sys.argv.index("--seed") + 1]) if "--seed" in sys.argv else 1
    rng = random.Random(seed)
    orgs, people, products = pools(rng)
    out = sys.stdout
    for i in range(n):
        out.write(json.dumps(article(rng, i, orgs, people, products)) + "\n")


if __name__ == "__main__":
    main()
