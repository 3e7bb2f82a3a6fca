"""Checks for the training-data generator.

  /usr/bin/python3 -m unittest discover -s lockllm-train/transformer/generate

Needs the shared datasets: $LOCKLLM_SHARED, or ../shared next to the repository root.
"""

import collections
import json
import os
import re
import subprocess
import sys
import tempfile
import unittest

HERE = os.path.dirname(os.path.abspath(__file__))
sys.path.insert(0, HERE)

import common  # noqa: E402
import fam_override  # noqa: E402
import generate  # noqa: E402

ROOT = os.path.dirname(os.path.dirname(os.path.dirname(HERE)))
SHARED = os.environ.get("LOCKLLM_SHARED", os.path.join(os.path.dirname(ROOT), "shared"))
HAVE_SHARED = os.path.exists(os.path.join(SHARED, "datasets", "harmful_requests.jsonl"))
SEED = 20261205

FAMILY_LABELS = {
    "persuasive_harmful": 1, "adversarial_suffix": 1, "game_injection": 1, "prompt_extraction": 1,
    "paraphrased_override": 1, "multilingual_injection": 1, "indirect_document": 1,
    "benign_fiction": 0, "benign_security": 0, "benign_multilingual": 0, "benign_documents": 0,
    "plain_harmful": 0, "benign_noisy": 0, "benign_tasks": 0,
}
LANGS = {"zh", "ja", "ko", "fr", "de", "es", "pt", "ru", "ar", "hi"}


def run_script(out, hash_seed):
  env = dict(os.environ, PYTHONHASHSEED=str(hash_seed))
  subprocess.run([sys.executable, os.path.join(HERE, "generate.py"), "--shared", SHARED, "--seed", str(SEED), "--out", out],
                 check=True, stdout=subprocess.DEVNULL, env=env)
  with open(os.path.join(out, "generated.jsonl"), "rb") as f:
    return f.read()


@unittest.skipUnless(HAVE_SHARED, "shared datasets not found at " + SHARED)
class GenerateTest(unittest.TestCase):

  @classmethod
  def setUpClass(cls):
    cls.tmp = tempfile.TemporaryDirectory()
    cls.raw = run_script(os.path.join(cls.tmp.name, "a"), 1)
    cls.rows = [json.loads(line) for line in cls.raw.decode("utf-8").splitlines()]

  @classmethod
  def tearDownClass(cls):
    cls.tmp.cleanup()

  def test_same_seed_gives_identical_bytes_even_with_another_hash_seed(self):
    self.assertEqual(self.raw, run_script(os.path.join(self.tmp.name, "b"), 2))

  def test_another_seed_gives_other_rows(self):
    other = generate.generate(SHARED, SEED + 1)
    self.assertNotEqual([r["text"] for r in other[:50]], [r["text"] for r in self.rows[:50]])

  def test_schema_and_sorted_keys(self):
    for line in self.raw.decode("utf-8").splitlines()[:200]:
      row = json.loads(line)
      self.assertEqual(list(row), ["family", "generator", "label", "lang", "text"])
      self.assertEqual(line, json.dumps(row, sort_keys=True, ensure_ascii=False))

  def test_every_family_present_with_its_label(self):
    seen = collections.Counter((r["family"], r["label"]) for r in self.rows)
    self.assertEqual({f for f, _ in seen}, set(FAMILY_LABELS))
    for (family, label), n in seen.items():
      self.assertEqual(label, FAMILY_LABELS[family], family)
      self.assertGreaterEqual(n, 600, family)
      self.assertLessEqual(n, 1500, family)

  def test_at_least_two_generators_per_family(self):
    gens = collections.defaultdict(set)
    for r in self.rows:
      self.assertTrue(r["generator"].startswith(r["family"] + "/"), r["generator"])
      gens[r["family"]].add(r["generator"].split("@")[0])
    for family, names in gens.items():
      self.assertGreaterEqual(len(names), 2, family)

  def test_no_duplicate_texts(self):
    texts = [r["text"] for r in self.rows]
    self.assertEqual(len(texts), len(set(texts)))

  @staticmethod
  def _pool_pattern(goals, pool):
    """Regex over the verbatim cores of one pool's goals, leaving out cores the other pool shares."""
    other = " \n ".join(g.text.lower() + " | " + g.core() for g in goals if g.pool != pool)
    cores = [g.core() for g in goals if g.pool == pool and len(g.core()) >= 20 and g.core() not in other]
    return cores, re.compile("|".join(re.escape(c) for c in cores))

  def test_no_test_pool_goal_outside_test_pool_rows(self):
    cores, pattern = self._pool_pattern(common.Context(SHARED).goals, "test")
    self.assertGreater(len(cores), 150)
    test_rows = [r for r in self.rows if r["generator"].endswith("@test")]
    hits = sum(1 for r in test_rows if pattern.search(r["text"].lower()))
    self.assertGreater(hits, len(test_rows) // 2)  # the check does see goals where they belong
    for r in self.rows:
      if not r["generator"].endswith("@test"):
        m = pattern.search(r["text"].lower())
        self.assertIsNone(m, "%s holds test goal %r" % (r["generator"], m and m.group(0)))

  def test_no_train_pool_goal_in_test_pool_rows(self):
    cores, pattern = self._pool_pattern(common.Context(SHARED).goals, "train")
    self.assertGreater(len(cores), 600)
    for r in self.rows:
      if r["generator"].endswith("@test"):
        m = pattern.search(r["text"].lower())
        self.assertIsNone(m, "%s holds train goal %r" % (r["generator"], m and m.group(0)))

  def test_paraphrased_overrides_avoid_the_usual_words(self):
    for r in self.rows:
      if r["family"] == "paraphrased_override":
        self.assertIsNone(fam_override.FORBIDDEN.search(r["text"]), r["text"])

  def test_multilingual_families_cover_ten_languages(self):
    for family in ("multilingual_injection", "benign_multilingual"):
      langs = collections.Counter(r["lang"] for r in self.rows if r["family"] == family)
      self.assertEqual(set(langs), LANGS, family)
      self.assertTrue(all(n >= 80 for n in langs.values()), langs)

  def test_documents_are_long(self):
    for r in self.rows:
      if r["family"] in ("indirect_document", "benign_documents"):
        self.assertGreaterEqual(len(r["text"]), 300)
        self.assertLessEqual(len(r["text"]), 2700)


if __name__ == "__main__":
  unittest.main()
