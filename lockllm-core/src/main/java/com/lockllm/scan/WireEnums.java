package com.lockllm.scan;

import java.util.Locale;

/** Parses the wire names of the option enums; not API. */
final class WireEnums {
  private WireEnums() {}

  static <E extends Enum<E>> E parse(Class<E> type, String value, String field) {
    if (value == null) {
      throw new IllegalArgumentException(field + " must not be null");
    }
    String normalized = value.trim().toLowerCase(Locale.ROOT).replace('-', '_');
    for (E constant : type.getEnumConstants()) {
      if (constant.name().toLowerCase(Locale.ROOT).equals(normalized)) {
        return constant;
      }
    }
    StringBuilder allowed = new StringBuilder();
    for (E constant : type.getEnumConstants()) {
      if (allowed.length() > 0) {
        allowed.append(", ");
      }
      allowed.append(constant.name().toLowerCase(Locale.ROOT));
    }
    throw new IllegalArgumentException(
        field + " must be one of [" + allowed + "], got '" + value + "'");
  }
}
