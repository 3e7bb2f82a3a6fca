package com.lockllm.scan;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;

/** What happens when a scan finds personal data. */
public enum PiiAction {
  STRIP("strip"),
  BLOCK("block"),
  ALLOW_WITH_WARNING("allow_with_warning"),
  /**
   * As {@link #STRIP} toward the provider, but reversible: each value becomes a numbered
   * placeholder that the answer side restores. A scanner is asked for {@code strip}
   * ({@link #forScanner()}); the interceptor masks from the scanner's span-level findings.
   */
  MASK("mask");

  private final String wireName;

  PiiAction(String wireName) {
    this.wireName = wireName;
  }

  /** The value used on the wire (JSON fields, headers, properties). */
  @JsonValue
  public String wireName() {
    return wireName;
  }

  /**
   * The action to ask a scanner for: {@link #MASK} is done by the interceptor on the scanner's
   * {@code strip} answer, so no scanner (nor the LockLLM API) needs to know it.
   */
  public PiiAction forScanner() {
    return this == MASK ? STRIP : this;
  }

  @JsonCreator
  public static PiiAction fromWire(String value) {
    return WireEnums.parse(PiiAction.class, value, "pii_action");
  }
}
