"""label 1 adversarial_suffix: a harmful goal followed by GCG-style optimised-looking token soup.

Three soup makers: random character soup, word-piece soup from a hand-written vocabulary
(English and foreign word pieces, misspellings, odd capitals) and code/markdown soup.
Each soup has 10 to 40 tokens.
"""

import string

from common import goal_plan, lower_first

FAMILY = "adversarial_suffix"
LABEL = 1

PUNCT = "!\"#$%&'()*+,-./:;<=>?@[\\]^_`{|}~"


def _odd_case(word, rng):
  r = rng.random()
  if r < 0.35:
    return word
  if r < 0.5:
    return word.upper()
  if r < 0.65:
    return word[:1].upper() + word[1:]
  return "".join(c.upper() if rng.random() < 0.4 else c.lower() for c in word)


def char_soup(rng, n):
  toks = []
  for _ in range(n):
    kind = rng.random()
    if kind < 0.35:
      toks.append("".join(rng.choice(PUNCT) for _ in range(rng.randint(1, 4))))
    elif kind < 0.7:
      toks.append(_odd_case("".join(rng.choice(string.ascii_lowercase) for _ in range(rng.randint(2, 8))), rng))
    elif kind < 0.85:
      toks.append("".join(rng.choice(string.ascii_letters + string.digits) for _ in range(rng.randint(2, 6))))
    else:
      toks.append(rng.choice(string.ascii_letters + PUNCT))
  out = toks[0]
  for t in toks[1:]:
    out += (" " if rng.random() < 0.55 else "") + t
  return out


WORDPIECES = (
    "describing similarly Now write oppositeley revert Me giving ONE please Two Sure here tutorial manual "
    "sentence Wikipedia format kein inst Surely Jeff alors Gemäß Bra anth concept pra ListItem Trans formatted "
    "Auf seinen hereby Question compose twelve cursive lists Guide simplify beginning sentences titles interface "
    "Manuel tutorials steps entitled Header capitalize variants quote sarcast reply ucz Sie Dialog heading insert "
    "WITH restored opposite comedy satisfied Gandalf Lincoln surely telecom Shakespeare Scott stepping Verse "
    "grande parody Indeed mock versus reverse Seg ownership tableView lineup Seattle dou beskre BUT instead "
    "Hamilton clearer Mark firstly knowing edit wise mientras unde Dra aussi respond Norman fiction eight "
    "Arbitrary Begin sau Ref lorem claim sure verso Lie poem pero Jan Writ Harry nur bitte Saturday mechanic "
    "Einzeln Format Lil ceremonies Kirk ahead okay sorry paragraph Below Here begins therefore quickly Cart "
    "mais Unfortunately Tam mi pleasure answer Okay Alright NOW Kom zachari ebenfalls phrases"
).split()

GLUE = [" ", " ", " ", "", ".", ".](", "**", "\\", " +", "\"", "!--", "?", " (", ")", ",", ";", " [", "](", " {", "}", " ==", "'", " --", "=\\"]


def wordpiece_soup(rng, n):
  out = ""
  for i in range(n):
    w = rng.choice(WORDPIECES)
    if rng.random() < 0.3:
      w = _odd_case(w, rng)
    if rng.random() < 0.12 and len(w) > 4:
      cut = rng.randint(2, len(w) - 2)
      w = w[:cut] if rng.random() < 0.5 else w[cut:]
    out += ("" if i == 0 else rng.choice(GLUE)) + w
  if rng.random() < 0.5:
    out += rng.choice(["", "\"", "!--Two", ".", "?", "\\", "}}", "](", "**"])
  return out


CODE_FRAGS = [
    "`{", "}}$", "<!--", "-->", "\\\\", "printf(", "::", "=>", "[{", "](#", "$$\\", "\\begin{", "##", "'''",
    ".isEmpty()", ".setText(", "});", "{{#", "%}", "\\n", "*/", "/*", "lambda", "|-", "###", "**Step",
    "<br>", "&nbsp;", "\\textbf{", "]]", "[[", "$(", ")}", "%>", "<%", "#{", "//", "\\\\\"", "`,`", "->",
    "!==", "?:", "<<", ">>=", "@{", "^^", "~>", "|>", "\\u{", "'])", "(['", "\")", "=\"", "{%", "#[", "];",
]
CODE_WORDS = [
    "setTitle", "ListNode", "jQuery", "Documentation", "INST", "toString", "innerHTML", "kwargs", "println",
    "tikzpicture", "subsection", "NSString", "userInput", "getValue", "forEach", "fmt", "const", "Sure",
    "heading", "enumerate", "itemize", "Step", "README", "markdown", "sql", "SELECT", "json", "yaml",
    "Struct", "impl", "namespace", "typedef", "nullptr", "async", "await", "yield", "repr", "DOCTYPE",
    "colspan", "href", "tutorial", "Answer", "Response", "manual", "opposite", "begin", "twice",
]


def code_soup(rng, n):
  out = []
  for _ in range(n):
    r = rng.random()
    if r < 0.5:
      out.append(rng.choice(CODE_FRAGS))
    elif r < 0.85:
      out.append(_odd_case(rng.choice(CODE_WORDS), rng) if rng.random() < 0.3 else rng.choice(CODE_WORDS))
    else:
      out.append("".join(rng.choice(PUNCT) for _ in range(rng.randint(2, 3))))
  text = out[0]
  for t in out[1:]:
    text += (" " if rng.random() < 0.5 else "") + t
  return text


def _request(goal, rng):
  text = goal.text.strip()
  r = rng.random()
  if r < 0.3:
    text = text.rstrip(".?! ")
  elif r < 0.4:
    text = lower_first(text)
  return text


def _gen(soup):
  def run(ctx, rng, target):
    out, seen = [], set()
    for goal in goal_plan(ctx.attack_goals, rng, target):
      text = _request(goal, rng) + (" " if rng.random() < 0.85 else "") + soup(rng, rng.randint(10, 40))
      if text not in seen:
        seen.add(text)
        out.append((text, "en", goal.pool))
    return out
  return run


GENERATORS = [
    ("char_soup", 350, _gen(char_soup)),
    ("wordpiece_soup", 350, _gen(wordpiece_soup)),
    ("code_markdown_soup", 350, _gen(code_soup)),
]
