package com.lockllm.engine.policy;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * A custom content policy: a name, a description and the {@link PolicyCategory categories} whose
 * phrases, patterns and examples a prompt must not match. Immutable; build with {@link #builder}.
 */
public final class Policy {
  private final String name;
  private final String description;
  private final List<PolicyCategory> categories;

  private Policy(Builder b) {
    this.name = b.name;
    this.description = b.description;
    this.categories = List.copyOf(b.categories);
  }

  public static Builder builder(String name) {
    return new Builder(name);
  }

  public String name() {
    return name;
  }

  /** The description, or {@code null}. */
  public String description() {
    return description;
  }

  public List<PolicyCategory> categories() {
    return categories;
  }

  @Override
  public String toString() {
    return "Policy[" + name + ", " + categories + "]";
  }

  /** Builds a {@link Policy}; at least one category is required. */
  public static final class Builder {
    private final String name;
    private String description;
    private final List<PolicyCategory> categories = new ArrayList<>();

    Builder(String name) {
      this.name = PolicyCategory.requireName(name, "policy");
    }

    public Builder description(String description) {
      this.description = description == null || description.isBlank() ? null : description.strip();
      return this;
    }

    public Builder category(PolicyCategory category) {
      categories.add(Objects.requireNonNull(category, "category"));
      return this;
    }

    public Policy build() {
      if (categories.isEmpty()) {
        throw new IllegalArgumentException("policy '" + name + "' has no categories");
      }
      return new Policy(this);
    }
  }
}
