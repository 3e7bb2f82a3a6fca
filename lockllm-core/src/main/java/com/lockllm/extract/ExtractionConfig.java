package com.lockllm.extract;

import com.lockllm.scan.PromptSegment;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.Set;

/**
 * How {@link PromptExtractor} reads a body: the format, JSON Pointers for {@link PromptFormat#POINTERS}
 * (and added to any other format's fields), which roles are scanned, and the bounds on body size
 * and nesting depth. Immutable.
 */
public final class ExtractionConfig {
  /**
   * Scanned by default: every role, so that all text the model reads is scanned (the scan-scope
   * table in the core README). An application that builds its own system prompt or tool
   * definitions server-side may narrow this with {@link Builder#roles}.
   */
  public static final Set<String> DEFAULT_ROLES = Set.copyOf(PromptSegment.ROLES);
  /** 1 MiB. */
  public static final int DEFAULT_MAX_BODY_BYTES = 1024 * 1024;
  public static final int DEFAULT_MAX_DEPTH = 64;

  private static final ExtractionConfig DEFAULTS = builder().build();

  private final PromptFormat format;
  private final List<String> pointers;
  private final Set<String> roles;
  private final int maxBodyBytes;
  private final int maxDepth;

  private ExtractionConfig(Builder b) {
    this.format = b.format;
    this.pointers = List.copyOf(b.pointers);
    this.roles = Set.copyOf(b.roles);
    this.maxBodyBytes = b.maxBodyBytes;
    this.maxDepth = b.maxDepth;
  }

  public static ExtractionConfig defaults() {
    return DEFAULTS;
  }

  public static Builder builder() {
    return new Builder();
  }

  public static Builder from(ExtractionConfig prototype) {
    return new Builder()
        .format(prototype.format)
        .pointers(prototype.pointers)
        .roles(prototype.roles)
        .maxBodyBytes(prototype.maxBodyBytes)
        .maxDepth(prototype.maxDepth);
  }

  public PromptFormat format() {
    return format;
  }

  /** RFC 6901 JSON Pointers, such as {@code /prompt} or {@code /data/question}. */
  public List<String> pointers() {
    return pointers;
  }

  /**
   * Roles whose text is scanned: {@code user}, {@code system}, {@code assistant}, {@code tool},
   * {@code tool_definition}, {@code document} ({@link PromptSegment#ROLES}).
   */
  public Set<String> roles() {
    return roles;
  }

  public int maxBodyBytes() {
    return maxBodyBytes;
  }

  public int maxDepth() {
    return maxDepth;
  }

  @Override
  public boolean equals(Object o) {
    if (this == o) return true;
    if (!(o instanceof ExtractionConfig)) return false;
    ExtractionConfig that = (ExtractionConfig) o;
    return format == that.format && pointers.equals(that.pointers) && roles.equals(that.roles)
        && maxBodyBytes == that.maxBodyBytes && maxDepth == that.maxDepth;
  }

  @Override
  public int hashCode() {
    return Objects.hash(format, pointers, roles, maxBodyBytes, maxDepth);
  }

  @Override
  public String toString() {
    return "ExtractionConfig{format=" + format.wireName() + ", pointers=" + pointers + ", roles=" + roles
        + ", maxBodyBytes=" + maxBodyBytes + ", maxDepth=" + maxDepth + '}';
  }

  /** Builds an {@link ExtractionConfig}; validates each value as it is set. */
  public static final class Builder {
    private PromptFormat format = PromptFormat.AUTO;
    private List<String> pointers = List.of();
    private Set<String> roles = DEFAULT_ROLES;
    private int maxBodyBytes = DEFAULT_MAX_BODY_BYTES;
    private int maxDepth = DEFAULT_MAX_DEPTH;

    Builder() {}

    public Builder format(PromptFormat format) {
      this.format = Objects.requireNonNull(format, "format");
      return this;
    }

    public Builder pointers(List<String> pointers) {
      for (String pointer : pointers) {
        if (pointer == null || !(pointer.isEmpty() || pointer.startsWith("/"))) {
          throw new IllegalArgumentException(
              "pointers must be JSON Pointers starting with '/', got '" + pointer + "'");
        }
      }
      this.pointers = List.copyOf(pointers);
      return this;
    }

    /**
     * The roles to scan, among {@link PromptSegment#ROLES}; names are matched ignoring case, with
     * {@code -} for {@code _} ({@code tool-definition}).
     *
     * @throws IllegalArgumentException if {@code roles} is empty or names an unknown role
     */
    public Builder roles(Set<String> roles) {
      if (roles.isEmpty()) {
        throw new IllegalArgumentException("roles must name at least one role");
      }
      Set<String> names = new LinkedHashSet<>();
      for (String role : roles) {
        String name = role == null ? "" : role.trim().toLowerCase(Locale.ROOT).replace('-', '_');
        if (!PromptSegment.ROLES.contains(name)) {
          throw new IllegalArgumentException("roles must be among " + PromptSegment.ROLES + ", got '" + role + "'");
        }
        names.add(name);
      }
      this.roles = Set.copyOf(names);
      return this;
    }

    public Builder maxBodyBytes(int maxBodyBytes) {
      if (maxBodyBytes <= 0) {
        throw new IllegalArgumentException("maxBodyBytes must be positive, got " + maxBodyBytes);
      }
      this.maxBodyBytes = maxBodyBytes;
      return this;
    }

    public Builder maxDepth(int maxDepth) {
      if (maxDepth <= 0) {
        throw new IllegalArgumentException("maxDepth must be positive, got " + maxDepth);
      }
      this.maxDepth = maxDepth;
      return this;
    }

    public ExtractionConfig build() {
      if (format == PromptFormat.POINTERS && pointers.isEmpty()) {
        throw new IllegalArgumentException("format 'pointers' needs at least one pointer");
      }
      return new ExtractionConfig(this);
    }
  }
}
