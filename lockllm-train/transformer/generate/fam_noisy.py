"""label 0 benign_noisy: benign requests followed by benign noise that could look like a suffix.

Two generators: developer requests followed by code, stack traces, regexes, SQL, diffs or logs;
everyday requests followed by URLs with query strings, base64 IDs, UUIDs, hashes, emoji runs,
hashtags, CSV rows or tracking numbers.
"""

import base64
import string

from common import vary_case

FAMILY = "benign_noisy"
LABEL = 0

DEV_REQUESTS = [
    "why does this throw?", "what's wrong here", "can you explain this error", "how do I fix this?", "is this regex right?",
    "make this faster please", "what does this line do", "help, my build broke:", "can you clean this up", "convert this to TypeScript",
    "this test fails on CI but not locally", "any idea what causes this?", "review this snippet", "does this query use the index?",
    "explain this stack trace like I'm new to Java", "I get this when I run the app:", "is this safe to merge?", "why is this so slow?",
]
PY_ERRORS = [
    "Traceback (most recent call last):\n  File \"app.py\", line {n}, in <module>\n    main()\n  File \"app.py\", line {n2}, in main\n    data = json.loads(raw)\njson.decoder.JSONDecodeError: Expecting value: line 1 column 1 (char 0)",
    "Traceback (most recent call last):\n  File \"/srv/api/views.py\", line {n}, in get\n    return self.cache[key]\nKeyError: 'user_{n2}'",
    "  File \"train.py\", line {n}, in forward\n    x = self.fc(x)\nRuntimeError: mat1 and mat2 shapes cannot be multiplied (32x{n2} and 128x10)",
]
JAVA_ERRORS = [
    "Exception in thread \"main\" java.lang.NullPointerException: Cannot invoke \"String.length()\" because \"s\" is null\n\tat com.acme.Util.trim(Util.java:{n})\n\tat com.acme.Main.main(Main.java:{n2})",
    "java.lang.IllegalStateException: Failed to load ApplicationContext\n\tat org.springframework.test.context.cache.DefaultCacheAwareContextLoaderDelegate.loadContext(DefaultCacheAwareContextLoaderDelegate.java:{n})\nCaused by: org.springframework.beans.factory.BeanCreationException: Error creating bean with name 'dataSource'",
    "[ERROR] Failed to execute goal org.apache.maven.plugins:maven-compiler-plugin:3.11.0:compile (default-compile) on project core: Compilation failure\n[ERROR] /src/main/java/Foo.java:[{n},{n2}] cannot find symbol",
]
JS_ERRORS = [
    "TypeError: Cannot read properties of undefined (reading 'map')\n    at App (App.jsx:{n}:{n2})\n    at renderWithHooks (react-dom.development.js:14985:18)",
    "Uncaught (in promise) SyntaxError: Unexpected token '<', \"<!DOCTYPE \"... is not valid JSON",
    "npm ERR! code ERESOLVE\nnpm ERR! ERESOLVE unable to resolve dependency tree\nnpm ERR! peer react@\"^17.0.0\" from react-modal@3.{n}.0",
]
REGEXES = [
    r"^[\w.+-]+@[\w-]+\.[\w.]+$", r"(?i)\b(?:\d{1,3}\.){3}\d{1,3}\b", r"^(?=.*[A-Z])(?=.*\d)[A-Za-z\d@$!%*?&]{8,}$",
    r"/^\+?\d{1,3}[-.\s]?\(?\d{3}\)?[-.\s]?\d{3}[-.\s]?\d{4}$/", r"\[(\d{4}-\d{2}-\d{2})\]\s+(ERROR|WARN)\s+(.*)", r"s/\s+$//g",
    r"^https?:\/\/(www\.)?[-a-zA-Z0-9@:%._\+~#=]{1,256}\.[a-z]{2,6}\b([-a-zA-Z0-9@:%_\+.~#?&//=]*)$",
]
SNIPPETS = [
    "for (int i = 0; i <= arr.length; i++) { sum += arr[i]; }", "const x = items.filter(i => i.active).map(i => i.id);",
    "SELECT u.id, COUNT(o.id) FROM users u LEFT JOIN orders o ON o.user_id = u.id WHERE o.created_at > NOW() - INTERVAL '30 days' GROUP BY u.id;",
    "df.groupby('region')['sales'].agg(['sum', 'mean']).sort_values('sum', ascending=False)",
    "@@ -{n},7 +{n},8 @@\n-    return a+b\n+    # handle None\n+    return (a or 0) + (b or 0)",
    "docker run -p 8080:80 -e NODE_ENV=production -v $(pwd)/data:/data myapp:{n}",
    "git rebase -i HEAD~{n} && git push --force-with-lease", "kubectl get pods -n prod | grep CrashLoopBackOff",
    "if (user?.roles?.includes('admin') && !flags['beta-ui']) { return <Redirect to=\"/legacy\" />; }",
    "#include <stdio.h>\nint main(){char b[8];gets(b);printf(\"%s\\n\",b);}", "awk -F, '{s+=$3} END {print s/NR}' data.csv",
    "<div class=\"flex items-center justify-between px-4 py-2 md:px-8\">{{ user.name }}</div>",
]
LOG_LINES = [
    "2025-02-{d}T10:{n}:11.302Z ERROR [worker-3] c.a.q.Consumer - Offset commit failed; retrying in {n2}ms",
    "{d}/Mar/2025:14:02:{n} +0000 \"GET /api/v1/items?page={n2}&sort=-created HTTP/1.1\" 502 157 \"-\" \"Mozilla/5.0\"",
    "E0{d}1 12:00:{n}.421  {n2} reflector.go:138] failed to list *v1.Pod: Unauthorized",
]


def _nums(rng, text):
  return (text.replace("{n}", str(rng.randint(2, 400))).replace("{n2}", str(rng.randint(2, 900)))
          .replace("{d}", "%02d" % rng.randint(1, 28)))


def dev_noise(rng):
  kind = rng.randrange(6)
  pool = [PY_ERRORS, JAVA_ERRORS, JS_ERRORS, REGEXES, SNIPPETS, LOG_LINES][kind]
  noise = _nums(rng, rng.choice(pool))
  if kind == 3:
    noise = "`%s`" % noise if rng.random() < 0.5 else noise
  elif rng.random() < 0.4 and "\n" in noise:
    noise = "```\n%s\n```" % noise
  req = vary_case(rng.choice(DEV_REQUESTS), rng, p_lower=0.3, p_first_lower=0.0)
  sep = rng.choice([" ", "\n", "\n\n"] if req.endswith(":") else [" ", "\n", "\n\n", ": "])
  return req + sep + noise if rng.random() < 0.8 else noise + "\n\n" + req


EVERYDAY_REQUESTS = [
    "Can you recommend a good pasta recipe?", "What's the weather usually like in Lisbon in May?", "Summarise this article for me",
    "Is this a good deal?", "What's a good caption for this photo?", "Can you check if this link is the official one?",
    "Where is my parcel?", "translate this tweet into Spanish", "What does this hashtag mean?", "Which of these is cheapest?",
    "Help me write a thank-you note for my neighbour", "is this the right product for a small kitchen?", "Can you format this as a table?",
    "What time is it in Tokyo right now?", "Any tips for my first half marathon?", "rate my playlist",
    "my order confirmation says this, what does it mean?", "Can you tidy up this list?", "What's this about?",
]
EMOJI = "😀😂🥲😍🤔🙏🔥✨🎉💯👍👀🌟🍕☕🌈🐶🐱🚀💡📌✅❤️💙🥳😅🙃🤷"
TAGS = ["#tbt", "#foodie", "#travelgram", "#mondaymotivation", "#nofilter", "#blessed", "#marathon", "#bookclub", "#devlife", "#sundayfunday", "#ootd", "#lisbon"]
WORDS = ["summer", "deal", "shoes", "recipe", "flight", "news", "blog", "product", "article", "video"]


def _b64(rng, n):
  raw = bytes(rng.randrange(256) for _ in range(n))
  return base64.b64encode(raw).decode("ascii")


def _hex(rng, n):
  return "".join(rng.choice("0123456789abcdef") for _ in range(n))


def _url(rng):
  host = rng.choice(["www.example-shop.com", "news.example.org", "m.example.co.uk", "blog.example.io", "t.example.com", "maps.example.com"])
  path = "/".join(rng.choice(WORDS + ["2025", "p", "item", _hex(rng, 6)]) for _ in range(rng.randint(1, 3)))
  params = [("utm_source", rng.choice(["newsletter", "twitter", "facebook", "google"])), ("utm_medium", rng.choice(["email", "social", "cpc"])),
            ("utm_campaign", rng.choice(["spring_sale", "q3-launch", "bf2025"])), ("ref", _hex(rng, 8)), ("id", str(rng.randint(1000, 999999))),
            ("sessionid", _b64(rng, 12).rstrip("=")), ("lang", rng.choice(["en", "pt-PT", "es"])), ("fbclid", _b64(rng, 24).replace("+", "-").replace("/", "_").rstrip("="))]
  rng.shuffle(params)
  q = "&".join("%s=%s" % kv for kv in params[:rng.randint(1, 5)])
  return "https://%s/%s?%s" % (host, path, q)


def _uuid(rng):
  h = _hex(rng, 32)
  return "%s-%s-4%s-%s-%s" % (h[:8], h[8:12], h[13:16], h[16:20], h[20:])


def social_noise(rng):
  kind = rng.randrange(9)
  if kind == 0:
    noise = _url(rng)
  elif kind == 1:
    noise = "ref: " + _b64(rng, rng.choice([9, 12, 18, 24, 33]))
  elif kind == 2:
    noise = "".join(rng.choice(EMOJI) for _ in range(rng.randint(3, 12)))
  elif kind == 3:
    noise = " ".join(rng.sample(TAGS, rng.randint(2, 6)))
  elif kind == 4:
    rows = ["item,price,qty"] + ["%s,%d.%02d,%d" % (rng.choice(["apples", "milk", "bread", "eggs", "coffee", "rice"]), rng.randint(0, 20), rng.randint(0, 99), rng.randint(1, 6))
                                 for _ in range(rng.randint(2, 5))]
    noise = "\n".join(rows)
  elif kind == 5:
    noise = "Tracking: %s%s%s" % (rng.choice(["1Z", "JD", "LX", "RR"]), "".join(rng.choice(string.ascii_uppercase + string.digits) for _ in range(rng.randint(10, 16))),
                                  rng.choice(["", "GB", "DE", "US"]))
  elif kind == 6:
    noise = "order id %s" % _uuid(rng)
  elif kind == 7:
    noise = "sha256: %s" % _hex(rng, 64)
  else:
    noise = "%s %s %s" % (_url(rng), "".join(rng.choice(EMOJI) for _ in range(rng.randint(1, 4))), " ".join(rng.sample(TAGS, 2)))
  req = vary_case(rng.choice(EVERYDAY_REQUESTS), rng, p_lower=0.3, p_first_lower=0.0)
  sep = rng.choice([" ", "\n", " - ", "\n\n"])
  return req + sep + noise if rng.random() < 0.8 else noise + sep + req


def _gen(make):
  def run(ctx, rng, target):
    out, seen = [], set()
    for _ in range(target * 5):
      if len(out) >= target:
        break
      t = make(rng)
      if t not in seen:
        seen.add(t)
        out.append((t, "en", None))
    return out
  return run


GENERATORS = [
    ("dev_noise", 600, _gen(dev_noise)),
    ("web_social_noise", 600, _gen(social_noise)),
]
