package com.lockllm.output;

import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.Random;

/** Credentials in each provider's published shape, with random bodies from a seeded {@link Random}. */
final class SecretSamples {
  static final String ALNUM = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789";
  static final String URLSAFE = ALNUM + "-_";
  static final String BASE32 = "ABCDEFGHIJKLMNOPQRSTUVWXYZ234567";

  private final Random random;

  SecretSamples(Random random) {
    this.random = random;
  }

  String chars(String alphabet, int length) {
    StringBuilder s = new StringBuilder(length);
    for (int i = 0; i < length; i++) {
      s.append(alphabet.charAt(random.nextInt(alphabet.length())));
    }
    return s.toString();
  }

  String digits(int length) {
    return chars("0123456789", length);
  }

  String of(String type) {
    return switch (type) {
      case "OPENAI_API_KEY" -> switch (random.nextInt(4)) {
        case 0 -> "sk-" + chars(ALNUM, 20) + "T3BlbkFJ" + chars(ALNUM, 20);
        case 1 -> "sk-proj-" + chars(URLSAFE, 156);
        case 2 -> "sk-svcacct-" + chars(URLSAFE, 140);
        default -> "sk-admin-" + chars(URLSAFE, 120);
      };
      case "ANTHROPIC_API_KEY" -> "sk-ant-api03-" + chars(URLSAFE, 93) + "AA";
      case "AWS_ACCESS_KEY_ID" -> (random.nextBoolean() ? "AKIA" : "ASIA") + chars(BASE32, 16);
      case "GITHUB_TOKEN" -> random.nextInt(3) == 0
          ? "github_pat_" + chars(ALNUM, 22) + "_" + chars(ALNUM, 59)
          : "gh" + "pousr".charAt(random.nextInt(5)) + "_" + chars(ALNUM, 36);
      case "GOOGLE_API_KEY" -> "AIza" + chars(URLSAFE, 35);
      case "SLACK_TOKEN" -> random.nextBoolean()
          ? "xoxb-" + digits(12) + "-" + digits(13) + "-" + chars(ALNUM, 24)
          : "xoxp-" + digits(12) + "-" + digits(12) + "-" + digits(13) + "-" + chars("0123456789abcdef", 32);
      case "STRIPE_API_KEY" -> new String[] {"sk_live_", "rk_live_", "sk_test_"}[random.nextInt(3)] + chars(ALNUM, 24 + random.nextInt(76));
      case "HUGGINGFACE_TOKEN" -> "hf_" + chars(ALNUM.substring(0, 52), 34);
      case "PRIVATE_KEY" -> pem(new String[] {"RSA PRIVATE KEY", "PRIVATE KEY", "EC PRIVATE KEY", "OPENSSH PRIVATE KEY"}[random.nextInt(4)]);
      case "JWT" -> jwt("{\"alg\":\"" + (random.nextBoolean() ? "HS256" : "RS256") + "\",\"typ\":\"JWT\"}");
      case "CONNECTION_STRING" -> connectionString();
      default -> throw new IllegalArgumentException(type);
    };
  }

  String pem(String label) {
    byte[] der = new byte[120 + random.nextInt(1100)];
    random.nextBytes(der);
    String body = Base64.getMimeEncoder(64, "\n".getBytes(StandardCharsets.US_ASCII)).encodeToString(der);
    return "-----BEGIN " + label + "-----\n" + body + "\n-----END " + label + "-----";
  }

  String jwt(String header) {
    Base64.Encoder b64 = Base64.getUrlEncoder().withoutPadding();
    String payload = "{\"sub\":\"" + digits(10) + "\",\"name\":\"" + chars(ALNUM, 8) + "\",\"iat\":" + digits(10) + "}";
    return b64.encodeToString(header.getBytes(StandardCharsets.UTF_8)) + "."
        + b64.encodeToString(payload.getBytes(StandardCharsets.UTF_8)) + "." + chars(URLSAFE, 43);
  }

  String connectionString() {
    String[] schemes = {"postgres", "postgresql", "mysql", "mongodb", "mongodb+srv", "redis", "rediss", "amqp", "amqps", "mssql", "sqlserver"};
    String scheme = schemes[random.nextInt(schemes.length)];
    String user = scheme.startsWith("redis") && random.nextBoolean() ? "" : "svc_" + chars("abcdefghijklmnopqrstuvwxyz", 5);
    String password = chars(ALNUM + "!~*", 10 + random.nextInt(20));
    String host = chars("abcdefghijklmnopqrstuvwxyz", 6) + ".internal" + (random.nextBoolean() ? ":" + (1024 + random.nextInt(60000)) : "");
    return scheme + "://" + user + ":" + password + "@" + host + "/" + chars("abcdefghijklmnopqrstuvwxyz", 6);
  }
}
