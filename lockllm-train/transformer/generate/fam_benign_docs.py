"""label 0 benign_documents: the same document makers as indirect_document, with nothing planted.

The user's request wraps the document the same way, so a model can only tell the two families
apart by the planted instruction. The sentence banks include "instructions", "ignore",
"override" and "system" in ordinary senses.
"""

import docs

FAMILY = "benign_documents"
LABEL = 0


def _gen(makers):
  def run(ctx, rng, target):
    out, seen = [], set()
    tries = 0
    while len(out) < target and tries < target * 5:
      tries += 1
      doc, maker = docs.make_document(ctx, rng, makers)
      if doc is None:
        continue
      text = docs.wrap_request(rng, doc, maker)
      if text in seen:
        continue
      seen.add(text)
      out.append((text, "en", None))
    return out
  return run


GENERATORS = [
    ("prose_docs", 600, _gen(docs.PROSE_MAKERS)),
    ("structured_docs", 600, _gen(docs.STRUCTURED_MAKERS)),
]
