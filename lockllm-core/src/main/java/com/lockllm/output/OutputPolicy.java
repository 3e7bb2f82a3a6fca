package com.lockllm.output;

import com.lockllm.scan.PiiAction;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.regex.Pattern;

/**
 * What the answer side checks and does, for a route or globally: each family of findings with its
 * action ({@code null}: the family is not checked), the hosts exfiltration links may point to, the
 * custom patterns, the allowlist of known false positives, shadow mode, whether masked personal data
 * is restored into tool-call arguments, and the limits. A client's headers never change it.
 * Immutable; thread-safe.
 *
 * <p>Personal data in answers follows the request's PII action unless set: {@code strip} and
 * {@code mask} strip, {@code block} blocks, {@code allow_with_warning} warns, and no PII action
 * checks none. Under {@linkplain #shadow() shadow} every check runs and the report says what would
 * have been done, but nothing is rewritten or blocked; restoring masked placeholders still happens,
 * since it undoes the guard's own rewrite of the request.
 */
public final class OutputPolicy {
  /** Default limit of a buffered (not streamed) answer the guard reads: 8 MiB. */
  public static final long DEFAULT_MAX_BUFFERED_BYTES = 8L << 20;
  /** Longest match of a custom pattern, unless set. */
  public static final int DEFAULT_PATTERN_MAX_SPAN = 256;

  private static final OutputPolicy DISABLED = builder().enabled(false).build();

  /** Families of findings: the prefix of a finding's type in reports (such as {@code secret:OPENAI_API_KEY}). */
  public enum Family {
    PERSONAL_DATA("pii"),
    SECRETS("secret"),
    EXFILTRATION("exfiltration"),
    CANARY("canary"),
    SYSTEM_PROMPT_LEAK("leak"),
    CUSTOM("custom"),
    /** Masked personal data put back: not a finding, always applied. */
    RESTORED("restored");

    private final String prefix;

    Family(String prefix) {
      this.prefix = prefix;
    }

    /** The prefix of this family's finding types. */
    public String prefix() {
      return prefix;
    }
  }

  /**
   * A custom check: text matching {@code regex} is a finding of type {@code custom:<name>}.
   *
   * @param maxSpan the longest text a match spans, in characters (how much of a stream it may hold back)
   */
  public record CustomPattern(String name, Pattern regex, OutputAction action, int maxSpan) {
    public CustomPattern {
      Objects.requireNonNull(name, "name");
      Objects.requireNonNull(regex, "regex");
      Objects.requireNonNull(action, "action");
      if (!name.matches("[A-Za-z0-9_.-]{1,64}")) {
        throw new IllegalArgumentException("a custom output pattern's name is 1 to 64 letters, digits, '_', '.' or '-': " + name);
      }
      if (maxSpan < 1 || maxSpan > 10_000) {
        throw new IllegalArgumentException("a custom output pattern's max span is 1 to 10000 characters: " + maxSpan);
      }
    }
  }

  private final boolean enabled;
  private final boolean personalDataFollowsInput;
  private final OutputAction personalData;
  private final OutputAction secrets;
  private final OutputAction exfiltration;
  private final List<String> allowedHosts;
  private final OutputAction canary;
  private final OutputAction systemPromptLeak;
  private final int leakMinLength;
  private final List<CustomPattern> patterns;
  private final List<Allowlist.Entry> allowlist;
  private final boolean shadow;
  private final boolean restoreToolArguments;
  private final long maxBufferedBytes;
  private final OutputAction unscannable;
  private final List<String> answerPointers;
  /** the checks that hold no request data, built on first use */
  private volatile AnswerChecks.SharedChecks shared;

  private OutputPolicy(Builder b) {
    this.enabled = b.enabled;
    this.personalDataFollowsInput = b.personalDataFollowsInput;
    this.personalData = b.personalData;
    this.secrets = b.secrets;
    this.exfiltration = b.exfiltration;
    this.allowedHosts = List.copyOf(b.allowedHosts);
    this.canary = b.canary;
    this.systemPromptLeak = b.systemPromptLeak;
    this.leakMinLength = b.leakMinLength;
    this.patterns = List.copyOf(b.patterns);
    this.allowlist = List.copyOf(b.allowlist);
    this.shadow = b.shadow;
    this.restoreToolArguments = b.restoreToolArguments;
    this.maxBufferedBytes = b.maxBufferedBytes;
    this.unscannable = b.unscannable;
    this.answerPointers = List.copyOf(b.answerPointers);
  }

  /** A policy with answer-side scanning on and every default: personal data as the request's PII action, secrets and exfiltration links stripped, a canary blocks, a system-prompt leak warns. */
  public static Builder builder() {
    return new Builder();
  }

  /**
   * No answer-side scanning: the library's default. Two things still happen to answers, since the
   * request side put them there: masked placeholders are restored ({@code mask}), and a configured
   * canary blocks the answer that repeats it.
   */
  public static OutputPolicy disabled() {
    return DISABLED;
  }

  public Builder toBuilder() {
    Builder b = new Builder();
    b.enabled = enabled;
    b.personalDataFollowsInput = personalDataFollowsInput;
    b.personalData = personalData;
    b.secrets = secrets;
    b.exfiltration = exfiltration;
    b.allowedHosts = new ArrayList<>(allowedHosts);
    b.canary = canary;
    b.systemPromptLeak = systemPromptLeak;
    b.leakMinLength = leakMinLength;
    b.patterns = new ArrayList<>(patterns);
    b.allowlist = new ArrayList<>(allowlist);
    b.shadow = shadow;
    b.restoreToolArguments = restoreToolArguments;
    b.maxBufferedBytes = maxBufferedBytes;
    b.unscannable = unscannable;
    b.answerPointers = new ArrayList<>(answerPointers);
    return b;
  }

  public boolean enabled() {
    return enabled;
  }

  /** Whether personal data in answers takes the request's PII action (the default). */
  public boolean personalDataFollowsInput() {
    return personalDataFollowsInput;
  }

  /** The action on personal data when it does not follow the request's; {@code null}: not checked. */
  public OutputAction personalData() {
    return personalData;
  }

  /** The action on personal data for a request scanned under {@code input} ({@code null}: no PII action). */
  public OutputAction personalDataFor(PiiAction input) {
    if (!personalDataFollowsInput) {
      return personalData;
    }
    if (input == null) {
      return null;
    }
    return switch (input) {
      case STRIP, MASK -> OutputAction.STRIP;
      case BLOCK -> OutputAction.BLOCK;
      case ALLOW_WITH_WARNING -> OutputAction.WARN;
    };
  }

  /**
   * This policy for a request scanned under {@code input}: personal data fixed to its action when it
   * follows the request's. Resolve once per route and PII action, not per request: a policy builds
   * its checks once.
   */
  public OutputPolicy resolvedFor(PiiAction input) {
    return personalDataFollowsInput ? toBuilder().personalData(personalDataFor(input)).build() : this;
  }

  AnswerChecks.SharedChecks shared() {
    AnswerChecks.SharedChecks checks = shared;
    if (checks == null) {
      checks = AnswerChecks.SharedChecks.of(this);
      shared = checks;
    }
    return checks;
  }

  public OutputAction secrets() {
    return secrets;
  }

  public OutputAction exfiltration() {
    return exfiltration;
  }

  /** Hosts exfiltration links may point to: {@code example.com}, or {@code *.example.com} for its subdomains. */
  public List<String> allowedHosts() {
    return allowedHosts;
  }

  /** The action on the request's canary in the answer (when a canary was added). */
  public OutputAction canary() {
    return canary;
  }

  public OutputAction systemPromptLeak() {
    return systemPromptLeak;
  }

  /** The shortest verbatim span of the system prompt that counts as a leak, in characters. */
  public int leakMinLength() {
    return leakMinLength;
  }

  public List<CustomPattern> patterns() {
    return patterns;
  }

  public List<Allowlist.Entry> allowlist() {
    return allowlist;
  }

  /** Whether checks only report what they would do. */
  public boolean shadow() {
    return shadow;
  }

  /** Whether masked personal data is restored into tool-call arguments too (off: the tool receives the placeholders). */
  public boolean restoreToolArguments() {
    return restoreToolArguments;
  }

  /** The largest buffered answer read; a larger one is unscannable. */
  public long maxBufferedBytes() {
    return maxBufferedBytes;
  }

  /**
   * What an answer the guard cannot read gets (compressed, over the size limit, not the JSON its
   * type says): {@link OutputAction#BLOCK}, an error in its place, or {@link OutputAction#WARN},
   * passed with {@code X-LockLLM-Output-Unscanned}.
   */
  public OutputAction unscannable() {
    return unscannable;
  }

  /** JSON Pointers to the answer's text; empty: located by the request's format. */
  public List<String> answerPointers() {
    return answerPointers;
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof OutputPolicy p && enabled == p.enabled && personalDataFollowsInput == p.personalDataFollowsInput
        && personalData == p.personalData && secrets == p.secrets && exfiltration == p.exfiltration
        && allowedHosts.equals(p.allowedHosts) && canary == p.canary && systemPromptLeak == p.systemPromptLeak
        && leakMinLength == p.leakMinLength && patternsKey().equals(p.patternsKey()) && allowlist.equals(p.allowlist)
        && shadow == p.shadow && restoreToolArguments == p.restoreToolArguments && maxBufferedBytes == p.maxBufferedBytes
        && unscannable == p.unscannable && answerPointers.equals(p.answerPointers);
  }

  /** Patterns compare by their source, as {@link Pattern} has no equality of its own. */
  private List<String> patternsKey() {
    return patterns.stream().map(p -> p.name() + '\u0000' + p.regex().pattern() + '\u0000' + p.regex().flags() + '\u0000'
        + p.action() + '\u0000' + p.maxSpan()).toList();
  }

  @Override
  public int hashCode() {
    return Objects.hash(enabled, personalDataFollowsInput, personalData, secrets, exfiltration, allowedHosts, canary,
        systemPromptLeak, leakMinLength, patternsKey(), allowlist, shadow, restoreToolArguments, maxBufferedBytes,
        unscannable, answerPointers);
  }

  @Override
  public String toString() {
    if (!enabled) {
      return "OutputPolicy{disabled}";
    }
    return "OutputPolicy{personalData=" + (personalDataFollowsInput ? "input" : personalData) + ", secrets=" + secrets
        + ", exfiltration=" + exfiltration + ", allowedHosts=" + allowedHosts + ", canary=" + canary
        + ", systemPromptLeak=" + systemPromptLeak + "/" + leakMinLength + ", patterns=" + patternsKey().size()
        + ", allowlist=" + allowlist.size() + ", shadow=" + shadow + ", restoreToolArguments=" + restoreToolArguments
        + ", maxBufferedBytes=" + maxBufferedBytes + ", unscannable=" + unscannable + ", answerPointers=" + answerPointers + '}';
  }

  /** Builds an {@link OutputPolicy}; starts from the defaults of {@link OutputPolicy#builder()}. */
  public static final class Builder {
    private boolean enabled = true;
    private boolean personalDataFollowsInput = true;
    private OutputAction personalData;
    private OutputAction secrets = OutputAction.STRIP;
    private OutputAction exfiltration = OutputAction.STRIP;
    private List<String> allowedHosts = new ArrayList<>();
    private OutputAction canary = OutputAction.BLOCK;
    private OutputAction systemPromptLeak = OutputAction.WARN;
    private int leakMinLength = SystemPromptLeakCheck.DEFAULT_MIN_LENGTH;
    private List<CustomPattern> patterns = new ArrayList<>();
    private List<Allowlist.Entry> allowlist = new ArrayList<>();
    private boolean shadow;
    private boolean restoreToolArguments;
    private long maxBufferedBytes = DEFAULT_MAX_BUFFERED_BYTES;
    private OutputAction unscannable = OutputAction.BLOCK;
    private List<String> answerPointers = new ArrayList<>();

    private Builder() {}

    public Builder enabled(boolean enabled) {
      this.enabled = enabled;
      return this;
    }

    /** The action on personal data whatever the request's PII action; {@code null}: not checked. */
    public Builder personalData(OutputAction action) {
      this.personalDataFollowsInput = false;
      this.personalData = action;
      return this;
    }

    /** Personal data in answers takes the request's PII action (the default). */
    public Builder personalDataFollowsInput() {
      this.personalDataFollowsInput = true;
      this.personalData = null;
      return this;
    }

    /** {@code null}: secrets are not checked. */
    public Builder secrets(OutputAction action) {
      this.secrets = action;
      return this;
    }

    /** {@code null}: exfiltration links are not checked. */
    public Builder exfiltration(OutputAction action) {
      this.exfiltration = action;
      return this;
    }

    /** @throws IllegalArgumentException if a host is blank or a wildcard other than a leading {@code *.} */
    public Builder allowedHosts(List<String> hosts) {
      for (String host : hosts) {
        if (host == null || host.isBlank() || host.indexOf('*', host.startsWith("*.") ? 1 : 0) >= 0) {
          throw new IllegalArgumentException("an allowed host is example.com or *.example.com: " + host);
        }
      }
      this.allowedHosts = new ArrayList<>(hosts);
      return this;
    }

    /** {@code null}: a canary in the answer is not checked. */
    public Builder canary(OutputAction action) {
      this.canary = action;
      return this;
    }

    /** {@code null}: system-prompt spans in the answer are not checked. */
    public Builder systemPromptLeak(OutputAction action) {
      this.systemPromptLeak = action;
      return this;
    }

    /** @throws IllegalArgumentException below {@link SystemPromptLeakCheck#MIN_MIN_LENGTH} */
    public Builder leakMinLength(int characters) {
      if (characters < SystemPromptLeakCheck.MIN_MIN_LENGTH) {
        throw new IllegalArgumentException("leak min length is at least " + SystemPromptLeakCheck.MIN_MIN_LENGTH + ": " + characters);
      }
      this.leakMinLength = characters;
      return this;
    }

    public Builder pattern(CustomPattern pattern) {
      this.patterns.add(Objects.requireNonNull(pattern, "pattern"));
      return this;
    }

    public Builder patterns(List<CustomPattern> patterns) {
      this.patterns = new ArrayList<>(patterns);
      return this;
    }

    public Builder allowlist(List<Allowlist.Entry> entries) {
      this.allowlist = new ArrayList<>(entries);
      return this;
    }

    public Builder shadow(boolean shadow) {
      this.shadow = shadow;
      return this;
    }

    public Builder restoreToolArguments(boolean restore) {
      this.restoreToolArguments = restore;
      return this;
    }

    /** @throws IllegalArgumentException if not positive */
    public Builder maxBufferedBytes(long bytes) {
      if (bytes < 1) {
        throw new IllegalArgumentException("max buffered bytes must be positive: " + bytes);
      }
      this.maxBufferedBytes = bytes;
      return this;
    }

    /** @throws IllegalArgumentException for {@link OutputAction#STRIP}: there is nothing to cut an unreadable answer to */
    public Builder unscannable(OutputAction action) {
      if (Objects.requireNonNull(action, "action") == OutputAction.STRIP) {
        throw new IllegalArgumentException("an unscannable answer is blocked or passed with a warning, not stripped");
      }
      this.unscannable = action;
      return this;
    }

    /** @throws IllegalArgumentException if one is not a JSON Pointer */
    public Builder answerPointers(List<String> pointers) {
      if (!pointers.isEmpty()) {
        AnswerFormat.pointers(pointers);
      }
      this.answerPointers = new ArrayList<>(pointers);
      return this;
    }

    public OutputPolicy build() {
      return new OutputPolicy(this);
    }
  }
}
