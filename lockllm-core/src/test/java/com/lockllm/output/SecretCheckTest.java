package com.lockllm.output;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.List;
import java.util.Random;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;

class SecretCheckTest {
  static final List<String> TYPES = List.of("OPENAI_API_KEY", "ANTHROPIC_API_KEY", "AWS_ACCESS_KEY_ID", "GITHUB_TOKEN",
      "GOOGLE_API_KEY", "SLACK_TOKEN", "STRIPE_API_KEY", "HUGGINGFACE_TOKEN", "PRIVATE_KEY", "JWT", "CONNECTION_STRING");
  private static final SecretCheck CHECK = new SecretCheck();

  static Stream<String> types() {
    return TYPES.stream();
  }

  @ParameterizedTest
  @MethodSource("types")
  void findsEachTypeInProseAndRedactsIt(String type) {
    SecretSamples samples = new SecretSamples(new Random(type.hashCode()));
    for (int i = 0; i < 20; i++) {
      String secret = samples.of(type);
      String text = "Sure, here it is: `" + secret + "`. Keep it safe.";
      List<OutputFinding> found = CHECK.find(text);
      assertThat(found).as(secret).containsExactly(
          new OutputFinding(type, text.indexOf(secret), text.indexOf(secret) + secret.length(), "[REDACTED_" + type + "]"));
      assertThat(OutputChecks.redact(text, found)).isEqualTo("Sure, here it is: `[REDACTED_" + type + "]`. Keep it safe.");
      assertThat(secret.length()).isLessThanOrEqualTo(CHECK.maxSpan());
    }
  }

  @Test
  void findsKeysAfterAssignmentsAndInJson() {
    SecretSamples samples = new SecretSamples(new Random(1));
    String aws = samples.of("AWS_ACCESS_KEY_ID");
    String hf = samples.of("HUGGINGFACE_TOKEN");
    String text = "AWS_ACCESS_KEY_ID=" + aws + "\n{\"token\":\"" + hf + "\"}";
    assertThat(CHECK.find(text)).extracting(OutputFinding::type).containsExactly("AWS_ACCESS_KEY_ID", "HUGGINGFACE_TOKEN");
  }

  @ParameterizedTest
  @ValueSource(strings = {
      "Set OPENAI_API_KEY=sk-... in your shell.",
      "export OPENAI_API_KEY=sk-your-api-key-here",
      "sk-xxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxx",
      "sk-proj-abcdefghijklmnopqrstuvwxyz0123456789ABCD",
      "sk-1234567890abcdef1234567890abcdef12345678",
      "AWS documents AKIAIOSFODNN7EXAMPLE as its example access key id.",
      "ghp_XXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXX",
      "ghp_short1234",
      "the task-sk-proj-Ab3dEf6hIj9kLm2nOp5qRs8tUv1wXy4zAb7cDe0f runner",
      "hf_your_token_here",
      "-----BEGIN RSA PRIVATE KEY-----\n...\n-----END RSA PRIVATE KEY-----",
      "-----BEGIN PUBLIC KEY-----\nMIIBIjANBgkqhkiG9w0BAQEFAAOCAQ8AMIIBCgKCAQEAu1SU1LfVLPHCozMxH2Mo4lgOEePzNm0tRgeLezV6ffAt0gunVTLw7onLRnrq0\n-----END PUBLIC KEY-----",
      "postgres://user:password@localhost:5432/app",
      "postgresql://admin:***@db.example.com/app",
      "mysql://root:<password>@127.0.0.1/db",
      "mongodb+srv://app:${MONGO_PASSWORD}@cluster0.mongodb.net/test",
      "redis://:yourpassword@cache:6379",
      "https://user:Zq9v8x7w6t5@example.com/path",
      "postgres://db.internal:5432/app",
      "eyJhbGciOiJIUzI1NiJ9.eyJzdWIiOiIxMjM0NTY3ODkwIn0",
      "jwt.io: eyJhbGciOiJIUzI1NiIsInR5cCI6IkpXVCJ9.eyJzdWIiOiIxMjM0NTY3ODkwIiwibmFtZSI6IkpvaG4gRG9lIiwiaWF0IjoxNTE2MjM5MDIyfQ.SflKxwRJSMeKKF2QT4fwpMeJf36POk6yJV_adQssw5c",
      "550e8400-e29b-41d4-a716-446655440000 and e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855",
  })
  void placeholdersDocumentationAndLookAlikesAreNotFindings(String text) {
    assertThat(CHECK.find(text)).isEmpty();
  }

  @Test
  void aWeakPasswordIsNotAPlaceholder() {
    String text = "Use postgres://admin:Password123@db.internal:5432/app.";
    assertThat(CHECK.find(text)).singleElement()
        .satisfies(f -> assertThat(text.substring(f.start(), f.end())).isEqualTo("postgres://admin:Password123@db.internal:5432/app"));
    assertThat(CHECK.find("postgres://admin:your_password@db.internal:5432/app")).isEmpty();
  }

  @Test
  void eyJLookAlikeWithoutAnAlgHeaderIsNotAJwt() {
    SecretSamples samples = new SecretSamples(new Random(2));
    assertThat(CHECK.find(samples.jwt("{\"typ\":\"JWT\",\"kid\":\"k1\"}"))).isEmpty();
    assertThat(CHECK.find(samples.jwt("[\"alg\",\"HS256\"]"))).isEmpty();
    String notJson = Base64.getUrlEncoder().withoutPadding().encodeToString("{alg:HS256, broken".getBytes(StandardCharsets.UTF_8));
    assertThat(CHECK.find(notJson + ".eyJzdWIiOiIxMjM0NTY3ODkwIn0.SflKxwRJSMeKKF2QT4fwpMeJf36POk6yJV_adQssw5c")).isEmpty();
    assertThat(CHECK.find(samples.jwt("{\"alg\":\"HS256\"}"))).extracting(OutputFinding::type).containsExactly("JWT");
  }

  @Test
  void privateKeyNeedsMatchingLabelsAndABase64Body() {
    String key = new SecretSamples(new Random(3)).pem("EC PRIVATE KEY");
    assertThat(CHECK.find(key.replace("END EC PRIVATE", "END RSA PRIVATE"))).isEmpty();
    assertThat(CHECK.find(key.replace(key.substring(40, 45), "!!!!!"))).isEmpty();
    String encrypted = key.replace("EC PRIVATE KEY-----\n", "EC PRIVATE KEY-----\nProc-Type: 4,ENCRYPTED\nDEK-Info: AES-128-CBC,3F17F5316E2BAC89\n\n");
    assertThat(CHECK.find("key:\n" + encrypted)).singleElement()
        .satisfies(f -> assertThat(f.end() - f.start()).isEqualTo(encrypted.length()));
  }

  @Test
  void aKeyTooLongForItsShapeIsNotCutOutOfIt() {
    String tooLong = "ghp_" + new SecretSamples(new Random(4)).chars(SecretSamples.ALNUM, 50);
    assertThat(CHECK.find(tooLong)).isEmpty();
  }

  @Test
  void linearOnHostileInput() {
    String hostile = "-----BEGIN RSA PRIVATE KEY-----" + "A".repeat(200_000) + " sk-" + "a-".repeat(100_000) + "eyJ" + "a.".repeat(100_000);
    long started = System.nanoTime();
    CHECK.find(hostile);
    assertThat(System.nanoTime() - started).isLessThan(2_000_000_000L);
  }
}
