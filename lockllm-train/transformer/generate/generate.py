"""Deterministic training-data generator for the fine-tuned transformer tier (issue 15).

  /usr/bin/python3 lockllm-train/transformer/generate/generate.py \\
      --shared /work/shared --seed 20261205 --out target/transformer-data

Writes OUT/generated.jsonl: one {"text", "label", "family", "generator", "lang"} object per line
(keys sorted, UTF-8). Standard library only; every generator draws from its own
random.Random seeded from (seed, generator name), so the same seed and inputs give a
byte-identical file. Generators that wrap harmful goals carry the goal pool in their name
("<family>/<generator>@train" or "@test"); see README.md.
"""

import argparse
import collections
import json
import os
import sys

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))

import common  # noqa: E402
import fam_benign_docs  # noqa: E402
import fam_extraction  # noqa: E402
import fam_fiction  # noqa: E402
import fam_game  # noqa: E402
import fam_indirect  # noqa: E402
import fam_ml_benign  # noqa: E402
import fam_ml_injection  # noqa: E402
import fam_noisy  # noqa: E402
import fam_override  # noqa: E402
import fam_persuasive  # noqa: E402
import fam_plain  # noqa: E402
import fam_security  # noqa: E402
import fam_suffix  # noqa: E402
import fam_tasks  # noqa: E402

FAMILIES = [
    fam_persuasive, fam_suffix, fam_game, fam_extraction, fam_override, fam_ml_injection, fam_indirect,
    fam_fiction, fam_security, fam_ml_benign, fam_benign_docs, fam_plain, fam_noisy, fam_tasks,
]


def generate(shared, seed):
  """All rows, in a fixed order: family, generator, then generation order."""
  ctx = common.Context(shared)
  rows = []
  texts = set()
  key_labels = {}
  for fam in FAMILIES:
    for name, target, run in fam.GENERATORS:
      base = "%s/%s" % (fam.FAMILY, name)
      rng = common.sub_rng(seed, base)
      for text, lang, pool in run(ctx, rng, target):
        key = common.norm_key(text)
        if text in texts or key_labels.get(key, fam.LABEL) != fam.LABEL:
          continue  # exact duplicate, or a near-duplicate carrying the other label
        texts.add(text)
        key_labels.setdefault(key, fam.LABEL)
        rows.append({
            "text": text, "label": fam.LABEL, "family": fam.FAMILY,
            "generator": base + ("@" + pool if pool else ""), "lang": lang,
        })
  return rows


def write(rows, out_dir):
  os.makedirs(out_dir, exist_ok=True)
  path = os.path.join(out_dir, "generated.jsonl")
  with open(path, "w", encoding="utf-8", newline="\n") as f:
    for r in rows:
      f.write(json.dumps(r, sort_keys=True, ensure_ascii=False) + "\n")
  return path


def table(rows):
  counts = collections.Counter((r["family"], r["generator"], r["label"]) for r in rows)
  fam_counts = collections.Counter((r["family"], r["label"]) for r in rows)
  lines = ["%-24s %-50s %5s %6s" % ("family", "generator", "label", "rows")]
  for fam in FAMILIES:
    for (f, g, label), n in sorted(counts.items()):
      if f == fam.FAMILY:
        lines.append("%-24s %-50s %5d %6d" % (f, g, label, n))
    lines.append("%-24s %-50s %5d %6d" % (fam.FAMILY, "(family total)", fam.LABEL, fam_counts[(fam.FAMILY, fam.LABEL)]))
  labels = collections.Counter(r["label"] for r in rows)
  langs = collections.Counter(r["lang"] for r in rows)
  lines.append("total rows %d: label 1 = %d, label 0 = %d" % (len(rows), labels[1], labels[0]))
  lines.append("languages: " + ", ".join("%s %d" % kv for kv in sorted(langs.items())))
  return "\n".join(lines)


def main(argv=None):
  ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
  ap.add_argument("--shared", required=True, help="folder that holds datasets/")
  ap.add_argument("--seed", type=int, default=20261205)
  ap.add_argument("--out", required=True, help="output folder")
  args = ap.parse_args(argv)
  rows = generate(args.shared, args.seed)
  path = write(rows, args.out)
  print(table(rows))
  print("wrote %s" % path)


if __name__ == "__main__":
  main()
