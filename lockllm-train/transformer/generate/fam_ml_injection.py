"""label 1 multilingual_injection: injections, DAN-style openers and extraction requests in 10 languages.

Written from hand-made template tables (ml_tables_*.py) for zh, ja, ko, fr, de, es, pt, ru, ar
and hi. Three generators: override + payload (sometimes after a benign request or a separator),
DAN/developer-mode personas, and system-prompt/secret extraction.
"""

from common import fill, squash
from ml_common import LANGS, SEPARATORS, join_lower, sentence_case

FAMILY = "multilingual_injection"
LABEL = 1

PER_LANG = 35


def _override(t, rng, lang):
  sp = t["space"]
  form = rng.randrange(5)
  payloads = t["payload"][0::2]
  core = rng.choice(t["ov"]) + sp + rng.choice(payloads)
  if form == 1:
    core = rng.choice(t["pre"]) + "\n\n" + core
  elif form == 2:
    core = rng.choice(SEPARATORS) + "\n" + core
  elif form == 3:
    core = rng.choice(t["pre"]) + " " + rng.choice(SEPARATORS) + " " + core
  elif form == 4:
    core = rng.choice(t["ov"]) + "\n" + rng.choice(payloads)
  return sentence_case(core, lang)


def _dan(t, rng, lang):
  sp = t["space"]
  rules = rng.sample(t["dan_rule"], rng.randint(1, 3))
  ask = fill(rng.choice(t["dan_ask"]), rng, {"payload": t["payload"][1::2]})
  return sentence_case(sp.join([rng.choice(t["dan_open"])] + rules + [ask]), lang)


def _extraction(t, rng, lang):
  sp = t["space"]
  text = join_lower(rng.choice(t["ext_pre"]), rng.choice(t["ext"]), lang)
  suf = rng.choice(t["ext_suf"])
  if suf:
    text += sp + suf
  return text


def _gen(make):
  def run(ctx, rng, target):
    out = []
    for lang in sorted(LANGS):
      t = LANGS[lang]
      seen = set()
      for _ in range(PER_LANG * 30):
        if len(seen) >= PER_LANG:
          break
        text = squash(make(t, rng, lang))
        if text in seen:
          continue
        seen.add(text)
        out.append((text, lang, None))
    return out
  return run


GENERATORS = [
    ("override_payload", PER_LANG * 10, _gen(_override)),
    ("dan_persona", PER_LANG * 10, _gen(_dan)),
    ("extraction", PER_LANG * 10, _gen(_extraction)),
]
