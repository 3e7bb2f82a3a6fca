package com.lockllm.output;

import com.lockllm.error.LockLLMException;
import com.lockllm.error.OutputBlockedException;
import com.lockllm.output.OutputPolicy.Family;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The checks of one answer under an {@link OutputPolicy} and the request's {@link AnswerContext}:
 * opens a {@link StreamGuard} per channel with the families the policy turns on, maps each finding
 * to its family's action (the allowlist and shadow mode applied), and tallies the report. Channels of
 * one answer may be used from one thread at a time.
 */
final class AnswerChecks implements AnswerChannels {
  private final OutputPolicy policy;
  private final Allowlist allowlist;
  private final List<OutputCheck> checks = new ArrayList<>();
  private final List<OutputCheck> toolChecks = new ArrayList<>();
  private final OutputReport.Tally tally;
  private final OutputAction personalData;

  /**
   * @param personalData the action on personal data for this request, or {@code null}
   * @param personalDataCheck the personal-data check (needed only when {@code personalData} is set)
   * @param shared the policy's stateless checks (secrets, exfiltration, custom patterns), built once per policy
   */
  AnswerChecks(OutputPolicy policy, AnswerContext context, OutputAction personalData, OutputCheck personalDataCheck,
      SharedChecks shared) {
    this.policy = policy;
    this.allowlist = new Allowlist(policy.allowlist());
    this.tally = new OutputReport.Tally(policy.shadow());
    this.personalData = personalData;
    Map<String, String> placeholders = context.placeholders();
    if (!placeholders.isEmpty()) {
      add(Family.RESTORED, new PlaceholderCheck(placeholders), policy.restoreToolArguments());
    }
    if (context.canary() != null && policy.canary() != null) {
      add(Family.CANARY, new CanaryCheck(context.canary()), true);
    }
    if (!policy.enabled()) {
      return;
    }
    if (personalData != null) {
      add(Family.PERSONAL_DATA, Objects.requireNonNull(personalDataCheck, "personalDataCheck"), true);
    }
    if (shared.secrets() != null) {
      add(Family.SECRETS, shared.secrets(), true);
    }
    if (shared.exfiltration() != null) {
      add(Family.EXFILTRATION, shared.exfiltration(), true);
    }
    if (!context.systemPrompts().isEmpty() && policy.systemPromptLeak() != null) {
      add(Family.SYSTEM_PROMPT_LEAK, new SystemPromptLeakCheck(context.systemPrompts(), policy.leakMinLength()), true);
    }
    shared.custom().forEach(custom -> add(Family.CUSTOM, custom, true));
  }

  private void add(Family family, OutputCheck check, boolean inToolArguments) {
    OutputCheck tagged = new Tagged(family, check);
    checks.add(tagged);
    if (inToolArguments) {
      toolChecks.add(tagged);
    }
  }

  /** Whether any check is on: with none, the answer is passed as it comes. */
  boolean active() {
    return !checks.isEmpty();
  }

  @Override
  public AnswerChannel open(ChannelKind kind) {
    return new Channel(kind, true);
  }

  @Override
  public AnswerChannel replay(ChannelKind kind) {
    return new Channel(kind, false);
  }

  @Override
  public LockLLMException blocked() {
    return new OutputBlockedException("The model's answer was stopped by an output check", List.copyOf(tally.findings().keySet()), null);
  }

  OutputReport.Tally tally() {
    return tally;
  }

  /** The action on {@code finding} whose text is {@code matched}, recorded when {@code counted}. */
  private OutputAction actionFor(OutputFinding finding, CharSequence matched, boolean counted) {
    String type = finding.type();
    Family family = familyOf(type);
    if (family == Family.RESTORED) {
      if (counted) {
        tally.restored();
      }
      return OutputAction.STRIP;
    }
    OutputAction action = switch (family) {
      case PERSONAL_DATA -> personalData;
      case SECRETS -> policy.secrets();
      case EXFILTRATION -> policy.exfiltration();
      case CANARY -> policy.canary();
      case SYSTEM_PROMPT_LEAK -> policy.systemPromptLeak();
      case CUSTOM -> customAction(type);
      case RESTORED -> OutputAction.STRIP;
    };
    boolean allowlisted = family != Family.CANARY && allowlist.match(type, matched) != null;
    if (counted) {
      tally.found(type, action, allowlisted);
    }
    if (allowlisted || policy.shadow()) {
      return OutputAction.WARN;
    }
    return action;
  }

  private OutputAction customAction(String type) {
    String name = type.substring(Family.CUSTOM.prefix().length() + 1);
    for (OutputPolicy.CustomPattern pattern : policy.patterns()) {
      if (pattern.name().equals(name)) {
        return pattern.action();
      }
    }
    throw new IllegalStateException("no custom pattern named " + name);
  }

  private static Family familyOf(String type) {
    int colon = type.indexOf(':');
    String prefix = colon < 0 ? type : type.substring(0, colon);
    for (Family family : Family.values()) {
      if (family.prefix().equals(prefix)) {
        return family;
      }
    }
    throw new IllegalStateException("finding of no family: " + type);
  }

  private final class Channel implements AnswerChannel {
    private final StreamGuard guard;
    private boolean stopped;

    Channel(ChannelKind kind, boolean counted) {
      List<OutputCheck> mine = kind == ChannelKind.TOOL_ARGUMENTS ? toolChecks : checks;
      this.guard = mine.isEmpty() ? null : new StreamGuard(mine, (f, matched) -> actionFor(f, matched, counted));
    }

    @Override
    public String accept(String chunk) {
      if (guard == null) {
        return chunk;
      }
      return released(guard.accept(chunk));
    }

    @Override
    public String finish() {
      return guard == null ? "" : released(guard.finish());
    }

    private String released(StreamGuard.Release release) {
      stopped |= release.stop();
      return release.text();
    }

    @Override
    public boolean stopped() {
      return stopped;
    }
  }

  /** A check whose findings carry its family as a type prefix, so the action follows the family. */
  private record Tagged(Family family, OutputCheck check) implements OutputCheck {
    @Override
    public List<OutputFinding> find(CharSequence text) {
      return tag(check.find(text));
    }

    @Override
    public List<OutputFinding> find(CharSequence text, int from) {
      return tag(check.find(text, from));
    }

    private List<OutputFinding> tag(List<OutputFinding> found) {
      if (found.isEmpty()) {
        return found;
      }
      List<OutputFinding> tagged = new ArrayList<>(found.size());
      for (OutputFinding f : found) {
        tagged.add(new OutputFinding(family.prefix() + ':' + f.type(), f.start(), f.end(), f.replacement()));
      }
      return tagged;
    }

    @Override
    public int maxSpan() {
      return check.maxSpan();
    }

    @Override
    public int lookBehind() {
      return check.lookBehind();
    }

    @Override
    public int undecided(CharSequence text, int from) {
      return check.undecided(text, from);
    }
  }

  /** A policy's checks that hold no request data: built once per policy and shared by its answers. */
  record SharedChecks(OutputCheck secrets, OutputCheck exfiltration, List<OutputCheck> custom) {
    static SharedChecks of(OutputPolicy policy) {
      List<OutputCheck> custom = new ArrayList<>();
      for (OutputPolicy.CustomPattern pattern : policy.patterns()) {
        custom.add(new PatternCheck(pattern.name(), pattern.regex(), pattern.maxSpan()));
      }
      return new SharedChecks(policy.secrets() == null ? null : new SecretCheck(),
          policy.exfiltration() == null ? null : new ExfiltrationCheck(policy.allowedHosts()), List.copyOf(custom));
    }
  }

  /** A custom pattern: each match, of at most {@code maxSpan} characters, becomes {@code [REDACTED_<NAME>]}. */
  private record PatternCheck(String name, Pattern regex, int maxSpan) implements OutputCheck {
    @Override
    public List<OutputFinding> find(CharSequence text) {
      List<OutputFinding> found = new ArrayList<>();
      Matcher m = regex.matcher(text);
      while (m.find()) {
        if (m.end() > m.start() && m.end() - m.start() <= maxSpan) {
          found.add(new OutputFinding(name, m.start(), m.end(), "[REDACTED_" + name.toUpperCase(Locale.ROOT) + "]"));
        }
      }
      return found;
    }
  }
}
