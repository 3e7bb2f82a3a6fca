#!/usr/bin/env python3
"""Rebuilds the PII name gazetteers from ../shared/datasets/gazetteer_us_names.jsonl.

Source: smashew/NameDatabases @ 4a714a09 (US Census 1990 first names, US surnames), Unlicense.
Output: lower-cased, de-duplicated, sorted, newline-separated, gzip (mtime 0, so reproducible).
Run from lockllm-engine/:  python3 tools/build_gazetteer.py ../../shared/datasets/gazetteer_us_names.jsonl
"""
import gzip, json, sys

src = sys.argv[1] if len(sys.argv) > 1 else "../../shared/datasets/gazetteer_us_names.jsonl"
out = "src/main/resources/com/lockllm/engine/pii/"
names = {"FIRST_NAME": set(), "LAST_NAME": set()}
with open(src, encoding="utf-8") as f:
    for line in f:
        r = json.loads(line)
        names[r["type"]].add(r["text"].strip().lower())
for kind, file in (("FIRST_NAME", "first_names.txt.gz"), ("LAST_NAME", "last_names.txt.gz")):
    data = "\n".join(sorted(n for n in names[kind] if n)).encode("utf-8") + b"\n"
    with open(out + file, "wb") as raw, gzip.GzipFile(filename="", mode="wb", fileobj=raw, mtime=0, compresslevel=9) as g:
        g.write(data)
