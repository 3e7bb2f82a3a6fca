package com.lockllm.scan;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;

/** Model routing for proxy use. */
public enum RouteAction {
  DISABLED("disabled"),
  AUTO("auto"),
  CUSTOM("custom");

  private final String wireName;

  RouteAction(String wireName) {
    this.wireName = wireName;
  }

  /** The value used on the wire (JSON fields, headers, properties). */
  @JsonValue
  public String wireName() {
    return wireName;
  }

  @JsonCreator
  public static RouteAction fromWire(String value) {
    return WireEnums.parse(RouteAction.class, value, "route_action");
  }
}
