package com.lockllm.intercept;

import com.lockllm.extract.ExtractionConfig;
import com.lockllm.output.OutputPolicy;
import com.lockllm.scan.ScanOptions;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.Set;

/**
 * Requests the interceptor scans: path patterns (Ant-style, see {@link #builder(String...)}), with
 * options laid over the global {@link ScanOptions} and, optionally, an extraction config of their
 * own. Every request with a body on a matching path is scanned, whatever its method; the route's
 * {@linkplain #methods() methods} are those whose requests must also carry a prompt (an empty or
 * prompt-less {@code POST} is refused, a {@code GET} without a body goes on). Immutable.
 */
public final class ProtectedRoute {
  /** Methods whose requests must carry a prompt in their body. */
  public static final Set<String> DEFAULT_METHODS = Set.of("POST", "PUT", "PATCH");

  private final List<String> patterns;
  private final List<PathPattern> compiled;
  private final Set<String> methods;
  private final ScanOptions options;
  private final ExtractionConfig extraction;
  private final OutputPolicy output;

  private ProtectedRoute(Builder b) {
    this.patterns = List.copyOf(b.patterns);
    this.compiled = this.patterns.stream().map(PathPattern::compile).toList();
    this.methods = Set.copyOf(b.methods);
    this.options = b.options;
    this.extraction = b.extraction;
    this.output = b.output;
  }

  /**
   * A route for {@code patterns}: {@code *} matches within one path segment, {@code **} across
   * segments; a trailing {@code /**} also matches the prefix itself. Paths are matched in a
   * canonical form, case-insensitively (see RATIONALE.md, "Hostile input"), so
   * {@code //v1/chat/completions/}, {@code /v1/chat%2Fcompletions} and {@code /V1/chat/completions;x=y}
   * are all covered by {@code /v1/chat/completions}.
   */
  public static Builder builder(String... patterns) {
    return new Builder(List.of(patterns));
  }

  public static Builder builder(List<String> patterns) {
    return new Builder(patterns);
  }

  /** Every path, for the default methods, with the global options. */
  public static ProtectedRoute everything() {
    return builder("/**").build();
  }

  public List<String> patterns() {
    return patterns;
  }

  public Set<String> methods() {
    return methods;
  }

  /** Overrides of the global options for this route. */
  public ScanOptions options() {
    return options;
  }

  /** This route's extraction config, or {@code null} to use the global one. */
  public ExtractionConfig extraction() {
    return extraction;
  }

  /** This route's answer-side policy, or {@code null} to use the interceptor's. */
  public OutputPolicy output() {
    return output;
  }

  /** Whether any of {@code methods} is one of this route's, which must carry a prompt. */
  boolean requiresPrompt(List<String> methods) {
    for (String method : methods) {
      if (this.methods.contains(method.trim().toUpperCase(Locale.ROOT))) {
        return true;
      }
    }
    return false;
  }

  /** Whether this route covers {@code path}, raw or decoded. */
  boolean matches(String path) {
    for (String form : PathPattern.forms(path)) {
      for (PathPattern pattern : compiled) {
        if (pattern.matches(form)) {
          return true;
        }
      }
    }
    return false;
  }

  /** Routes are equal when their patterns, methods, options and extraction are. */
  @Override
  public boolean equals(Object o) {
    return o instanceof ProtectedRoute that && patterns.equals(that.patterns) && methods.equals(that.methods)
        && options.equals(that.options) && Objects.equals(extraction, that.extraction) && Objects.equals(output, that.output);
  }

  @Override
  public int hashCode() {
    return Objects.hash(patterns, methods, options, extraction, output);
  }

  @Override
  public String toString() {
    return "ProtectedRoute{patterns=" + patterns + ", methods=" + methods + ", options=" + options
        + ", extraction=" + extraction + ", output=" + output + '}';
  }

  /** Builds a {@link ProtectedRoute}. */
  public static final class Builder {
    private final List<String> patterns;
    private Set<String> methods = DEFAULT_METHODS;
    private ScanOptions options = ScanOptions.empty();
    private ExtractionConfig extraction;
    private OutputPolicy output;

    Builder(List<String> patterns) {
      if (patterns.isEmpty()) {
        throw new IllegalArgumentException("a protected route needs at least one path pattern");
      }
      patterns.forEach(PathPattern::compile);
      this.patterns = List.copyOf(patterns);
    }

    public Builder methods(Set<String> methods) {
      if (methods.isEmpty()) {
        throw new IllegalArgumentException("a protected route needs at least one method");
      }
      Set<String> upper = new LinkedHashSet<>();
      methods.forEach(m -> upper.add(m.trim().toUpperCase(Locale.ROOT)));
      this.methods = upper;
      return this;
    }

    public Builder options(ScanOptions options) {
      this.options = Objects.requireNonNull(options, "options");
      return this;
    }

    public Builder extraction(ExtractionConfig extraction) {
      this.extraction = extraction;
      return this;
    }

    /** How this route's answers are checked, in place of the interceptor's policy; {@code null}: the interceptor's. */
    public Builder output(OutputPolicy output) {
      this.output = output;
      return this;
    }

    public ProtectedRoute build() {
      return new ProtectedRoute(this);
    }
  }
}
