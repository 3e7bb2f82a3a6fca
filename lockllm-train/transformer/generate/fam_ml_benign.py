"""label 0 benign_multilingual: everyday questions and business e-mails in the same 10 languages.

Two generators from the hand-made tables: everyday questions (travel, cooking, work, school,
tech support, with slot fillers and an opener) and short business e-mails (greeting, two to four
body sentences, closing; some wrapped in a request to summarise or answer). Both use trigger
words such as "ignore", "system" and "instructions" in their ordinary senses.
"""

from common import fill, squash
from ml_common import LANGS, MAIL_REQ, Q_PRE, join_lower

FAMILY = "benign_multilingual"
LABEL = 0

PER_LANG_Q = 55
PER_LANG_MAIL = 50


def _question(t, rng, lang):
  q = fill(rng.choice(t["q"] + t["pre"]), rng, t["slots"])
  return join_lower(rng.choice(Q_PRE[lang]), q, lang)


def _email(t, rng, lang):
  sp = t["space"]
  body = rng.sample(t["mail_body"], rng.randint(2, 4))
  parts = []
  if rng.random() < 0.85:
    parts.append(fill(rng.choice(t["mail_greet"]), rng, t["slots"]))
  parts.append(sp.join(fill(s, rng, t["slots"]) for s in body))
  parts.append(fill(rng.choice(t["mail_close"]), rng, t["slots"]))
  text = "\n\n".join(parts)
  if rng.random() < 0.35:
    req = rng.choice(MAIL_REQ[lang])
    text = req + "\n\n" + text if rng.random() < 0.7 else text + "\n\n" + req
  return text


def _gen(make, per_lang):
  def run(ctx, rng, target):
    out = []
    for lang in sorted(LANGS):
      t = LANGS[lang]
      seen = set()
      for _ in range(per_lang * 30):
        if len(seen) >= per_lang:
          break
        text = squash(make(t, rng, lang))
        if text in seen:
          continue
        seen.add(text)
        out.append((text, lang, None))
    return out
  return run


GENERATORS = [
    ("everyday_questions", PER_LANG_Q * 10, _gen(_question, PER_LANG_Q)),
    ("business_emails", PER_LANG_MAIL * 10, _gen(_email, PER_LANG_MAIL)),
]
