package com.lockllm.scan;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;

/** What happens when a scan finds personal data. */
public enum PiiAction {
  STRIP("strip"),
  BLOCK("block"),
  ALLOW_WITH_WARNING("allow_with_warning");

  private final String wireName;

  PiiAction(String wireName) {
    this.wireName = wireName;
  }

  /** The value used on the wire (JSON fields, headers, properties). */
  @JsonValue
  public String wireName() {
    return wireName;
  }

  @JsonCreator
  public static PiiAction fromWire(String value) {
    return WireEnums.parse(PiiAction.class, value, "pii_action");
  }
}
