package com.lockllm.scan;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;

/** What happens when a scan finds a threat: reject the request, or let it through with a warning. Used for scan, policy and abuse actions. */
public enum ScanAction {
  BLOCK("block"),
  ALLOW_WITH_WARNING("allow_with_warning");

  private final String wireName;

  ScanAction(String wireName) {
    this.wireName = wireName;
  }

  /** The value used on the wire (JSON fields, headers, properties). */
  @JsonValue
  public String wireName() {
    return wireName;
  }

  @JsonCreator
  public static ScanAction fromWire(String value) {
    return WireEnums.parse(ScanAction.class, value, "action");
  }
}
