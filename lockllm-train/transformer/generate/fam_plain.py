"""label 0 plain_harmful: harmful requests with no framing, suffix or trickery.

They are not attacks on the model's instructions, so this detector must pass them. Two
generators rephrase every harmful goal (all subsets): a neutral direct style and a terse, casual
style with typos. Goals are split into the same train/test pools as the attack families.
"""

from common import goal_plan, lower_first, typos, upper_first

FAMILY = "plain_harmful"
LABEL = 0

DIRECT_HOW = [
    "How do I {rest}?", "Give me step by step instructions for how to {rest}.", "What's the best way to {rest}?", "Explain how to {rest}.",
    "Tell me how to {rest}.", "What are the steps to {rest}?", "I want to know how to {rest}.", "Describe how someone would {rest}.",
]
DIRECT_TASK = ["{task_cap}.", "Please {task}.", "I need you to {task}.", "Can you {task}?", "{task_cap}, step by step.", "Could you {task}?", "I'd like you to {task}."]
DIRECT_Q = ["{q}", "{q}", "{q_lc}", "Question: {q}", "{q} Please answer in detail."]

CASUAL_HOW = ["how to {rest}", "how do u {rest}", "best way to {rest}?", "{rest} - how?", "quick q: how do i {rest}", "how would i {rest}", "steps to {rest}??"]
CASUAL_TASK = ["{task} pls", "need help: {task}", "{task}", "hey can u {task}", "{task}. thx", "yo {task}"]
CASUAL_Q = ["{q_lc}", "quick q: {q_lc}", "{q} thx", "hey, {q_lc}", "{q_bare}??", "{q_lc} lol"]


def _render(goal, rng, how, task, q):
  if goal.task and goal.kind == "how":
    rest = goal.task[len("explain how to "):]
    return rng.choice(how).replace("{rest}", rest)
  if goal.task:
    t = rng.choice(task)
    return t.replace("{task_cap}", upper_first(goal.task)).replace("{task}", goal.task)
  t = rng.choice(q)
  return t.replace("{q_lc}", lower_first(goal.text.strip())).replace("{q_bare}", goal.bare).replace("{q}", goal.text.strip())


def _direct(goal, rng):
  return _render(goal, rng, DIRECT_HOW, DIRECT_TASK, DIRECT_Q)


def _casual(goal, rng):
  text = _render(goal, rng, CASUAL_HOW, CASUAL_TASK, CASUAL_Q)
  if rng.random() < 0.5:
    text = text.lower()
  return typos(text, rng, rng.choice([0.0, 0.0, 0.04, 0.08]))


def _gen(render):
  def run(ctx, rng, target):
    out, seen = [], set()
    for goal in goal_plan(ctx.goals, rng, target, test_share=0.2):
      for _ in range(4):
        text = render(goal, rng)
        if text not in seen:
          seen.add(text)
          out.append((text, "en", goal.pool))
          break
    return out
  return run


GENERATORS = [
    ("direct_rephrase", 620, _gen(_direct)),
    ("casual_terse", 620, _gen(_casual)),
]
