package com.lockllm.scan;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;

/** How eagerly a scan flags a prompt as an attack: {@code low} flags only clear attacks, {@code high} flags more. */
public enum Sensitivity {
  LOW("low"),
  MEDIUM("medium"),
  HIGH("high");

  private final String wireName;

  Sensitivity(String wireName) {
    this.wireName = wireName;
  }

  /** The value used on the wire (JSON fields, headers, properties). */
  @JsonValue
  public String wireName() {
    return wireName;
  }

  @JsonCreator
  public static Sensitivity fromWire(String value) {
    return WireEnums.parse(Sensitivity.class, value, "sensitivity");
  }
}
