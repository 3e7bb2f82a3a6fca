package com.lockllm.extract;

import java.util.EnumMap;
import java.util.EnumSet;
import java.util.Map;
import java.util.Set;

/**
 * Which top-level fields a {@link PromptFormat} reads, which of them show that a body has the
 * format's structure, and what a "not found" error names. Not API.
 */
final class FormatSpec {
  /** The top-level fields any format reads prompt text from (or takes a hint from). */
  enum RootField {
    MESSAGES("messages"),
    SYSTEM("system"),
    ANTHROPIC_VERSION("anthropic_version"),
    CONTENTS("contents"),
    SYSTEM_INSTRUCTION("systemInstruction"),
    SYSTEM_INSTRUCTION_SNAKE("system_instruction"),
    INPUT("input"),
    INSTRUCTIONS("instructions"),
    PROMPT("prompt"),
    MESSAGE("message"),
    PREAMBLE("preamble"),
    CHAT_HISTORY("chat_history"),
    DOCUMENTS("documents"),
    TOOL_RESULTS("tool_results"),
    TOOLS("tools"),
    FUNCTIONS("functions"),
    RESPONSE_FORMAT("response_format"),
    TEXT("text"),
    GENERATION_CONFIG("generationConfig"),
    GENERATION_CONFIG_SNAKE("generation_config"),
    OUTPUT_FORMAT("output_format"),
    SUFFIX("suffix");

    final String key;

    RootField(String key) {
      this.key = key;
    }

    int bit() {
      return 1 << ordinal();
    }
  }

  private static final Map<PromptFormat, FormatSpec> SPECS = new EnumMap<>(PromptFormat.class);

  static {
    put(PromptFormat.OPENAI_CHAT,
        EnumSet.of(RootField.MESSAGES, RootField.TOOLS, RootField.FUNCTIONS, RootField.RESPONSE_FORMAT),
        EnumSet.of(RootField.MESSAGES), "expected messages");
    put(PromptFormat.OPENAI_RESPONSES,
        EnumSet.of(RootField.INPUT, RootField.INSTRUCTIONS, RootField.PROMPT, RootField.TOOLS, RootField.TEXT),
        EnumSet.of(RootField.INPUT, RootField.INSTRUCTIONS),
        "expected input or instructions");
    put(PromptFormat.OPENAI_COMPLETIONS, EnumSet.of(RootField.PROMPT, RootField.SUFFIX), EnumSet.of(RootField.PROMPT),
        "expected prompt");
    put(PromptFormat.ANTHROPIC,
        EnumSet.of(RootField.MESSAGES, RootField.SYSTEM, RootField.TOOLS, RootField.OUTPUT_FORMAT),
        EnumSet.of(RootField.MESSAGES, RootField.SYSTEM),
        "expected messages or system");
    put(PromptFormat.GEMINI,
        EnumSet.of(RootField.CONTENTS, RootField.SYSTEM_INSTRUCTION, RootField.SYSTEM_INSTRUCTION_SNAKE,
            RootField.TOOLS, RootField.GENERATION_CONFIG, RootField.GENERATION_CONFIG_SNAKE),
        EnumSet.of(RootField.CONTENTS, RootField.SYSTEM_INSTRUCTION, RootField.SYSTEM_INSTRUCTION_SNAKE),
        "expected contents or systemInstruction");
    put(PromptFormat.COHERE,
        EnumSet.of(RootField.MESSAGE, RootField.PREAMBLE, RootField.CHAT_HISTORY, RootField.DOCUMENTS,
            RootField.TOOL_RESULTS, RootField.MESSAGES, RootField.TOOLS, RootField.RESPONSE_FORMAT),
        EnumSet.of(RootField.MESSAGE, RootField.PREAMBLE, RootField.CHAT_HISTORY, RootField.MESSAGES),
        "expected message, chat_history, preamble or messages");
    // auto reads every field of every format, so a body cannot hide text in another format's field
    put(PromptFormat.AUTO,
        EnumSet.allOf(RootField.class),
        EnumSet.of(RootField.CONTENTS, RootField.MESSAGES, RootField.INPUT, RootField.INSTRUCTIONS,
            RootField.PROMPT, RootField.MESSAGE, RootField.CHAT_HISTORY, RootField.PREAMBLE),
        "no known prompt field: expected one of messages, input, prompt, contents, message");
    put(PromptFormat.POINTERS, EnumSet.noneOf(RootField.class), EnumSet.noneOf(RootField.class),
        "none of the configured JSON Pointers is present");
  }

  /** {@link Keys} id to field, for the root object's members. */
  private final RootField[] fields;
  /** Bits of the fields whose presence shows the format's structure. */
  final int structural;
  /** The detail of the "prompt not found" error. */
  final String expected;

  private FormatSpec(RootField[] fields, int structural, String expected) {
    this.fields = fields;
    this.structural = structural;
    this.expected = expected;
  }

  static FormatSpec of(PromptFormat format) {
    return SPECS.get(format);
  }

  /** The field a root member with {@link Keys} id {@code id} is, or {@code null}. */
  RootField field(int id) {
    return id < 0 ? null : fields[id];
  }

  private static void put(PromptFormat format, Set<RootField> read, Set<RootField> structural, String expected) {
    RootField[] fields = new RootField[Keys.count()];
    int bits = 0;
    for (RootField field : read) {
      int id = Keys.id(field.key);
      if (id < 0 || !Keys.name(id).equals(field.key)) {
        throw new IllegalStateException("root field " + field.key + " is not a known key");
      }
      fields[id] = field;
    }
    for (RootField field : structural) {
      bits |= field.bit();
    }
    SPECS.put(format, new FormatSpec(fields, bits, expected));
  }
}
