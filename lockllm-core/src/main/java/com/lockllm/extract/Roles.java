package com.lockllm.extract;

import com.fasterxml.jackson.core.JsonParser;
import com.lockllm.scan.PromptSegment;
import java.io.IOException;
import java.util.Set;

/**
 * Roles as bit flags, so that the extractor tests a role against the configured set with one
 * {@code &} and reads a message's {@code role} value without allocating a string. Not API.
 */
final class Roles {
  /** Not prompt text (a {@code role}, {@code type} or {@code name} value): kept only under a pointer. */
  static final int NONE = 0;
  static final int USER = 1;
  static final int SYSTEM = 1 << 1;
  static final int ASSISTANT = 1 << 2;
  static final int TOOL = 1 << 3;
  static final int TOOL_DEFINITION = 1 << 4;
  static final int DOCUMENT = 1 << 5;
  /** Every role a format produces. */
  static final int ALL = USER | SYSTEM | ASSISTANT | TOOL | TOOL_DEFINITION | DOCUMENT;
  /** The enclosing message's role, which may only be known once its object has been read to the end. */
  static final int DEFERRED = 1 << 6;

  private Roles() {}

  static int mask(Set<String> roles) {
    int mask = 0;
    for (String role : roles) {
      switch (role) {
        case PromptSegment.ROLE_USER -> mask |= USER;
        case PromptSegment.ROLE_SYSTEM -> mask |= SYSTEM;
        case PromptSegment.ROLE_ASSISTANT -> mask |= ASSISTANT;
        case PromptSegment.ROLE_TOOL -> mask |= TOOL;
        case PromptSegment.ROLE_TOOL_DEFINITION -> mask |= TOOL_DEFINITION;
        case PromptSegment.ROLE_DOCUMENT -> mask |= DOCUMENT;
        default -> throw new IllegalArgumentException("unknown role '" + role + "'");
      }
    }
    return mask;
  }

  static String name(int role) {
    return switch (role) {
      case USER -> PromptSegment.ROLE_USER;
      case SYSTEM -> PromptSegment.ROLE_SYSTEM;
      case ASSISTANT -> PromptSegment.ROLE_ASSISTANT;
      case TOOL -> PromptSegment.ROLE_TOOL;
      case TOOL_DEFINITION -> PromptSegment.ROLE_TOOL_DEFINITION;
      case DOCUMENT -> PromptSegment.ROLE_DOCUMENT;
      default -> throw new IllegalArgumentException("not a single role: " + role);
    };
  }

  /**
   * The role named by the current string token, matched case-insensitively across the providers'
   * vocabularies. A role we do not know maps to {@link #USER}: text that cannot be attributed is
   * scanned rather than let through.
   */
  static int of(JsonParser p) throws IOException {
    char[] buf = p.getTextCharacters();
    int off = p.getTextOffset();
    int len = p.getTextLength();
    if (is(buf, off, len, "system") || is(buf, off, len, "developer")) {
      return SYSTEM;
    }
    if (is(buf, off, len, "assistant") || is(buf, off, len, "model") || is(buf, off, len, "chatbot")) {
      return ASSISTANT;
    }
    if (is(buf, off, len, "tool") || is(buf, off, len, "function")) {
      return TOOL;
    }
    return USER;
  }

  /** ASCII case-insensitive equality with a lower-case {@code name}. */
  private static boolean is(char[] buf, int off, int len, String name) {
    if (len != name.length()) {
      return false;
    }
    for (int i = 0; i < len; i++) {
      char c = buf[off + i];
      if (c >= 'A' && c <= 'Z') {
        c = (char) (c + ('a' - 'A'));
      }
      if (c != name.charAt(i)) {
        return false;
      }
    }
    return true;
  }
}
