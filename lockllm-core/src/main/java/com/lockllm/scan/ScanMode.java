package com.lockllm.scan;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;

/** The analysis a scan runs: core injection detection, custom policies, or both. */
public enum ScanMode {
  NORMAL("normal"),
  POLICY_ONLY("policy_only"),
  COMBINED("combined");

  private final String wireName;

  ScanMode(String wireName) {
    this.wireName = wireName;
  }

  /** The value used on the wire (JSON fields, headers, properties). */
  @JsonValue
  public String wireName() {
    return wireName;
  }

  @JsonCreator
  public static ScanMode fromWire(String value) {
    return WireEnums.parse(ScanMode.class, value, "scan_mode");
  }
}
