package com.lockllm.extract;

/**
 * The member names the extractor dispatches on, looked up case-insensitively without allocating.
 * Not API.
 *
 * <p>Upstreams that bind JSON case-insensitively (Jackson's {@code ACCEPT_CASE_INSENSITIVE_PROPERTIES},
 * System.Text.Json's default web options, Python code that lower-cases or case-folds keys) read
 * {@code Content} or {@code MESSAGES} as the field we know; so do we. Folding covers ASCII letters
 * and the two non-ASCII letters that case-fold onto ASCII ones ({@code U+212A} KELVIN SIGN to
 * {@code k}, {@code U+017F} LATIN SMALL LETTER LONG S to {@code s}). Names arrive from Jackson's
 * per-factory symbol table, so a lookup is a hash over the name's characters and one comparison:
 * no per-field allocation on the hot path.
 */
final class Keys {
  /** Every known name in its canonical spelling; a name's id is its index here. */
  private static final String[] NAMES = {
      // top level
      "messages", "system", "anthropic_version", "contents", "systemInstruction", "system_instruction", "input",
      "instructions", "prompt", "message", "preamble", "chat_history", "documents", "tool_results", "tools",
      "functions", "response_format", "text", "generationConfig", "generation_config", "output_format", "suffix",
      "variables",
      // messages, items, blocks and parts
      "role", "content", "parts", "name", "output", "arguments", "tool_plan", "tool_calls", "function_call",
      "refusal", "summary", "citations", "code", "results", "error", "action", "queries", "outputs", "thinking",
      "title", "context", "document", "functionResponse", "function_response", "functionCall", "response",
      "executableCode", "executable_code", "codeExecutionResult", "code_execution_result", "function", "custom",
      "parameters", "call", "type", "reasoning", "reasoning_content", "reasoning_details",
      // attachments
      "source", "image_url", "file", "file_data", "file_url", "file_id", "document_url", "inlineData", "inline_data",
      "fileData", "media_type", "mimeType", "mime_type", "data", "url", "fileUri", "file_uri", "filename",
      // in tool definitions: credentials never sent to the scanner, and maps of schema properties
      "headers", "authorization", "properties", "patternProperties", "$defs", "definitions",
      "parameter_definitions",
  };

  private static final int TABLE_SIZE = 512;
  private static final int MASK = TABLE_SIZE - 1;
  private static final short[] TABLE = new short[TABLE_SIZE];

  static {
    if (NAMES.length >= 128) {
      throw new ExceptionInInitializerError("key ids must fit two 64-bit masks");
    }
    java.util.Arrays.fill(TABLE, (short) -1);
    for (int id = 0; id < NAMES.length; id++) {
      int slot = hash(NAMES[id]) & MASK;
      while (TABLE[slot] >= 0) {
        if (equalsFolded(NAMES[TABLE[slot]], NAMES[id])) {
          throw new ExceptionInInitializerError("duplicate key " + NAMES[id]);
        }
        slot = (slot + 1) & MASK;
      }
      TABLE[slot] = (short) id;
    }
  }

  private Keys() {}

  /** The id of the known name {@code name} matches case-insensitively, or -1. */
  static int id(String name) {
    int slot = hash(name) & MASK;
    for (int id = TABLE[slot]; id >= 0; id = TABLE[slot]) {
      if (equalsFolded(NAMES[id], name)) {
        return id;
      }
      slot = (slot + 1) & MASK;
    }
    return -1;
  }

  /** The canonical spelling of key {@code id}; the empty string for -1. */
  static String name(int id) {
    return id < 0 ? "" : NAMES[id];
  }

  /** How many ids there are. */
  static int count() {
    return NAMES.length;
  }

  private static int hash(String s) {
    int h = 0;
    for (int i = 0; i < s.length(); i++) {
      h = 31 * h + fold(s.charAt(i));
    }
    return h ^ (h >>> 9);
  }

  private static boolean equalsFolded(String canonical, String name) {
    int len = canonical.length();
    if (name.length() != len) {
      return false;
    }
    for (int i = 0; i < len; i++) {
      if (fold(canonical.charAt(i)) != fold(name.charAt(i))) {
        return false;
      }
    }
    return true;
  }

  static char fold(char c) {
    if (c >= 'A' && c <= 'Z') {
      return (char) (c + ('a' - 'A'));
    }
    if (c == '\u212A') {
      return 'k';
    }
    if (c == '\u017F') {
      return 's';
    }
    return c;
  }
}
