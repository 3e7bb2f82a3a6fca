package com.lockllm.scan;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;

/** Prompt compression applied after the security checks pass. */
public enum CompressionMethod {
  TOON("toon"),
  COMPACT("compact"),
  COMBINED("combined");

  private final String wireName;

  CompressionMethod(String wireName) {
    this.wireName = wireName;
  }

  /** The value used on the wire (JSON fields, headers, properties). */
  @JsonValue
  public String wireName() {
    return wireName;
  }

  @JsonCreator
  public static CompressionMethod fromWire(String value) {
    return WireEnums.parse(CompressionMethod.class, value, "compression");
  }
}
