package com.lockllm.extract;

import static com.fasterxml.jackson.core.JsonToken.END_ARRAY;
import static com.fasterxml.jackson.core.JsonToken.END_OBJECT;
import static com.fasterxml.jackson.core.JsonToken.START_ARRAY;
import static com.fasterxml.jackson.core.JsonToken.START_OBJECT;
import static com.fasterxml.jackson.core.JsonToken.VALUE_NULL;
import static com.fasterxml.jackson.core.JsonToken.VALUE_STRING;
import static com.lockllm.extract.Roles.ASSISTANT;
import static com.lockllm.extract.Roles.DEFERRED;
import static com.lockllm.extract.Roles.NONE;
import static com.lockllm.extract.Roles.SYSTEM;
import static com.lockllm.extract.Roles.TOOL;
import static com.lockllm.extract.Roles.USER;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonStreamContext;
import com.fasterxml.jackson.core.JsonToken;
import com.lockllm.error.InvalidRequestErrors;
import com.lockllm.extract.FormatSpec.RootField;
import java.io.IOException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.BitSet;

/**
 * One pass over one body: walks the parser's tokens, reads the prompt fields of the format and
 * follows the configured pointers at the same time. Used once, by one thread. Not API.
 *
 * <p>Message-level reading is shared by every format and deliberately lenient: inside a message,
 * content block or part, any field that one of the supported providers uses for prompt text is
 * read, whichever format the body claims. Providers reject fields they do not know, so this only
 * ever scans more. Which top-level fields count, and so which format a body is, stays per format.
 *
 * <p>Recursion follows the formats' fixed shapes; arbitrary nesting (tool inputs, documents,
 * pointer targets) is walked by the iterative {@link #strings}, so a deep body cannot exhaust
 * the stack whatever the configured depth bound.
 */
final class BodyReader {
  private final JsonParser p;
  private final int base;
  private final int roles;
  private final PromptFormat format;
  private final FormatSpec spec;
  private final PointerTree pointers;

  private final ArrayList<PromptSegment> out = new ArrayList<>();
  /** Indexes in {@link #out} of deferred-role segments that lie under a pointer. */
  private BitSet pinnedDeferred;
  private PointerTree[] stack = new PointerTree[8];
  private int seen;
  private boolean pointerResolved;
  private boolean anthropicHint;
  private boolean cohereHint;

  BodyReader(JsonParser p, int base, int roles, PromptFormat format, FormatSpec spec, PointerTree pointers) {
    this.p = p;
    this.base = base;
    this.roles = roles;
    this.format = format;
    this.spec = spec;
    this.pointers = pointers;
  }

  ExtractedPrompt read() throws IOException {
    JsonToken t = p.nextToken();
    if (t == null) {
      throw InvalidRequestErrors.invalidJson("the body is empty");
    }
    StrictJson.requireByteInput(p);
    if (t != START_OBJECT) {
      throw InvalidRequestErrors.invalidJson("the top-level value must be a JSON object");
    }
    if (pointers == PointerTree.ALL) {
      pointerResolved = true;
    }
    if (format == PromptFormat.POINTERS) {
      strings(NONE, pointers);
    } else {
      root();
    }
    StrictJson.requireEnd(p);
    PromptFormat found = found();
    if (found == null) {
      throw InvalidRequestErrors.promptNotFound(spec.expected);
    }
    return new ExtractedPrompt(found, out);
  }

  private PromptFormat found() {
    if ((seen & spec.structural) == 0) {
      return pointerResolved ? (format == PromptFormat.AUTO ? PromptFormat.POINTERS : format) : null;
    }
    if (format != PromptFormat.AUTO) {
      return format;
    }
    if (has(RootField.CONTENTS)) {
      return PromptFormat.GEMINI;
    }
    if (has(RootField.MESSAGES)) {
      // the readers are the same for all three; the name is a best guess for logs and metrics
      if (anthropicHint || has(RootField.SYSTEM)) {
        return PromptFormat.ANTHROPIC;
      }
      return cohereHint ? PromptFormat.COHERE : PromptFormat.OPENAI_CHAT;
    }
    if (has(RootField.INPUT) || has(RootField.INSTRUCTIONS)) {
      return PromptFormat.OPENAI_RESPONSES;
    }
    return has(RootField.PROMPT) ? PromptFormat.OPENAI_COMPLETIONS : PromptFormat.COHERE;
  }

  private boolean has(RootField field) {
    return (seen & field.bit()) != 0;
  }

  private void root() throws IOException {
    for (String name = p.nextFieldName(); name != null; name = p.nextFieldName()) {
      JsonToken t = p.nextToken();
      PointerTree ptr = enter(pointers);
      RootField field = spec.fields.get(name);
      if (field == null) {
        strings(NONE, ptr);
      } else if (rootField(field, t, ptr)) {
        seen |= field.bit();
      }
    }
  }

  /** Reads one known top-level field; whether its value had the shape the field takes. */
  private boolean rootField(RootField field, JsonToken t, PointerTree ptr) throws IOException {
    switch (field) {
      case MESSAGES, CONTENTS, CHAT_HISTORY -> {
        if (t == START_ARRAY) {
          messages(ptr);
          return true;
        }
      }
      case SYSTEM -> {
        if (t == VALUE_STRING || t == START_ARRAY) {
          content(SYSTEM, t, ptr, false);
          return true;
        }
      }
      case SYSTEM_INSTRUCTION, SYSTEM_INSTRUCTION_SNAKE -> {
        if (t == START_OBJECT) {
          message(ptr, SYSTEM);
          return true;
        }
        if (t == VALUE_STRING) {
          text(SYSTEM, ptr);
          return true;
        }
      }
      case INPUT -> {
        if (t == VALUE_STRING) {
          text(USER, ptr);
          return true;
        }
        if (t == START_ARRAY) {
          messages(ptr);
          return true;
        }
      }
      case INSTRUCTIONS, PREAMBLE -> {
        if (t == VALUE_STRING) {
          text(SYSTEM, ptr);
          return true;
        }
      }
      case PROMPT -> {
        if (t == VALUE_STRING || t == START_ARRAY) {
          strings(USER, ptr);
          return true;
        }
      }
      case MESSAGE -> {
        if (t == VALUE_STRING) {
          text(USER, ptr);
          return true;
        }
      }
      case DOCUMENTS -> {
        if (t == START_ARRAY) {
          cohereHint = true;
          strings(TOOL, ptr);
          return true;
        }
      }
      case TOOL_RESULTS -> {
        if (t == START_ARRAY) {
          toolResults(ptr);
          return true;
        }
      }
      case ANTHROPIC_VERSION -> anthropicHint = true;
    }
    strings(NONE, ptr);
    return false;
  }

  /** An array of messages; strings among them are user text (Responses accepts them in {@code input}). */
  private void messages(PointerTree ptr) throws IOException {
    for (JsonToken t = p.nextToken(); t != END_ARRAY; t = p.nextToken()) {
      PointerTree c = enter(ptr);
      if (t == START_OBJECT) {
        message(c, NONE);
      } else {
        strings(t == VALUE_STRING ? USER : NONE, c);
      }
    }
  }

  /**
   * A message, chat-history entry, Gemini content or Responses input item. {@code forced} is the
   * role of all its text ({@link Roles#NONE}: read from its {@code role}). Text met before the
   * {@code role} member is held as deferred and given the role at the end of the object.
   */
  private void message(PointerTree ptr, int forced) throws IOException {
    int mark = out.size();
    int role = forced;
    boolean deferred = false;
    for (String name = p.nextFieldName(); name != null; name = p.nextFieldName()) {
      JsonToken t = p.nextToken();
      PointerTree c = enter(ptr);
      int own = role != NONE ? role : DEFERRED;
      switch (name) {
        case "role" -> {
          if (forced == NONE) {
            role = t == VALUE_STRING ? Roles.of(p) : USER;
          }
          strings(NONE, c);
        }
        case "content", "parts", "message" -> {
          deferred |= own == DEFERRED;
          content(own, t, c, false);
        }
        case "output" -> content(TOOL, t, c, false);
        case "arguments" -> strings(ASSISTANT, c);
        case "tool_plan" -> {
          cohereHint = true;
          strings(ASSISTANT, c);
        }
        case "tool_calls" -> toolCalls(t, c);
        case "function_call" -> member(t, c, "arguments", ASSISTANT);
        case "tool_results" -> {
          if (t == START_ARRAY) {
            toolResults(c);
          } else {
            strings(NONE, c);
          }
        }
        default -> strings(NONE, c);
      }
    }
    if (deferred) {
      resolve(mark, role == NONE ? USER : role);
    }
  }

  /** A text field: a string, or an array of content blocks or parts. */
  private void content(int role, JsonToken t, PointerTree ptr, boolean inToolResult) throws IOException {
    if (t == VALUE_STRING) {
      text(role, ptr);
    } else if (t == START_ARRAY) {
      blocks(role, ptr, inToolResult);
    } else {
      strings(NONE, ptr);
    }
  }

  private void blocks(int role, PointerTree ptr, boolean inToolResult) throws IOException {
    for (JsonToken t = p.nextToken(); t != END_ARRAY; t = p.nextToken()) {
      PointerTree c = enter(ptr);
      if (t == START_OBJECT) {
        block(role, c, inToolResult);
      } else {
        strings(t == VALUE_STRING ? role : NONE, c);
      }
    }
  }

  /**
   * A content block (OpenAI part, Anthropic block, Gemini part, Cohere v2 block). Dispatch is by
   * member name, not by {@code type}, so member order does not matter: {@code text} is text of
   * the enclosing role, a tool result's {@code content} is tool text, a tool call's {@code input}
   * is assistant text. Image, audio, file and document sources are not read.
   */
  private void block(int role, PointerTree ptr, boolean inToolResult) throws IOException {
    for (String name = p.nextFieldName(); name != null; name = p.nextFieldName()) {
      JsonToken t = p.nextToken();
      PointerTree c = enter(ptr);
      switch (name) {
        case "text" -> strings(t == VALUE_STRING ? role : NONE, c);
        case "content" -> {
          anthropicHint = true;
          if (inToolResult) {
            // tool results do not nest; walking rather than recursing keeps the stack bounded
            strings(TOOL, c);
          } else {
            content(TOOL, t, c, true);
          }
        }
        case "input" -> {
          anthropicHint = true;
          strings(ASSISTANT, c);
        }
        case "document" -> {
          cohereHint = true;
          member(t, c, "data", role);
        }
        case "functionResponse", "function_response" -> member(t, c, "response", TOOL);
        case "functionCall", "function_call" -> member(t, c, "args", ASSISTANT);
        default -> strings(NONE, c);
      }
    }
  }

  /** OpenAI / Cohere v2 {@code tool_calls[].function.arguments}. */
  private void toolCalls(JsonToken t, PointerTree ptr) throws IOException {
    if (t != START_ARRAY || !wanted(ASSISTANT, ptr)) {
      strings(NONE, ptr);
      return;
    }
    for (t = p.nextToken(); t != END_ARRAY; t = p.nextToken()) {
      PointerTree c = enter(ptr);
      if (t == START_OBJECT) {
        for (String name = p.nextFieldName(); name != null; name = p.nextFieldName()) {
          JsonToken v = p.nextToken();
          PointerTree f = enter(c);
          if (name.equals("function")) {
            member(v, f, "arguments", ASSISTANT);
          } else {
            strings(NONE, f);
          }
        }
      } else {
        strings(NONE, c);
      }
    }
  }

  /** Cohere v1 {@code tool_results[].outputs}. */
  private void toolResults(PointerTree ptr) throws IOException {
    for (JsonToken t = p.nextToken(); t != END_ARRAY; t = p.nextToken()) {
      PointerTree c = enter(ptr);
      if (t == START_OBJECT) {
        member(t, c, "outputs", TOOL);
      } else {
        strings(NONE, c);
      }
    }
  }

  /** Every string under member {@code key} of the object at hand is text of {@code role}. */
  private void member(JsonToken t, PointerTree ptr, String key, int role) throws IOException {
    if (t != START_OBJECT || !wanted(role, ptr)) {
      strings(NONE, ptr);
      return;
    }
    for (String name = p.nextFieldName(); name != null; name = p.nextFieldName()) {
      p.nextToken();
      strings(name.equals(key) ? role : NONE, enter(ptr));
    }
  }

  /**
   * Every string in the value at hand is text of {@code role} (or, with {@link Roles#NONE}, only
   * those under a pointer). Iterative, with its own stack of pointer nodes; subtrees nothing wants
   * are skipped without decoding.
   */
  private void strings(int role, PointerTree ptr) throws IOException {
    JsonToken t = p.currentToken();
    if (t == VALUE_STRING) {
      text(role, ptr);
      return;
    }
    if (t != START_OBJECT && t != START_ARRAY) {
      return;
    }
    if (!wanted(role, ptr)) {
      p.skipChildren();
      return;
    }
    int top = push(0, ptr);
    while (top > 0) {
      t = p.nextToken();
      if (t == END_OBJECT || t == END_ARRAY) {
        top--;
      } else if (t != JsonToken.FIELD_NAME) {
        PointerTree c = enter(stack[top - 1]);
        if (t == VALUE_STRING) {
          text(role, c);
        } else if (t == START_OBJECT || t == START_ARRAY) {
          if (wanted(role, c)) {
            top = push(top, c);
          } else {
            p.skipChildren();
          }
        }
      }
    }
  }

  private int push(int top, PointerTree node) {
    if (top == stack.length) {
      stack = Arrays.copyOf(stack, top * 2);
    }
    stack[top] = node;
    return top + 1;
  }

  /** Whether text of {@code role} at {@code ptr} could be kept, so the subtree must be read. */
  private boolean wanted(int role, PointerTree ptr) {
    return ptr != null || role == DEFERRED || (role & roles) != 0;
  }

  /**
   * Adds the current string token as a segment if its role is selected, or if it lies under a
   * pointer (then as user text, unless the format gave it a selected role of its own).
   */
  private void text(int role, PointerTree ptr) throws IOException {
    int keep;
    if (role == DEFERRED || (role & roles) != 0) {
      keep = role;
    } else if (ptr == PointerTree.ALL && (roles & USER) != 0) {
      keep = USER;
    } else {
      return;
    }
    int start = base + (int) p.currentTokenLocation().getByteOffset();
    String text = p.getText();
    if (text.isEmpty()) {
      return;
    }
    // the token is fully read now, so the current location is just past its closing quote
    int end = base + (int) p.currentLocation().getByteOffset();
    out.add(new PromptSegment(keep == DEFERRED ? null : Roles.name(keep), text, pointer(), start, end));
    if (keep == DEFERRED && ptr == PointerTree.ALL) {
      if (pinnedDeferred == null) {
        pinnedDeferred = new BitSet();
      }
      pinnedDeferred.set(out.size() - 1);
    }
  }

  /** Gives the deferred segments from {@code mark} on their message's role, dropping unselected ones. */
  private void resolve(int mark, int role) {
    boolean selected = (role & roles) != 0;
    boolean pinnedKept = (roles & USER) != 0 && pinnedDeferred != null;
    int size = out.size();
    int kept = mark;
    for (int i = mark; i < size; i++) {
      PromptSegment s = out.get(i);
      if (s.role() == null) {
        int r = selected ? role : pinnedKept && pinnedDeferred.get(i) ? USER : NONE;
        if (r == NONE) {
          continue;
        }
        s = new PromptSegment(Roles.name(r), s.text(), s.jsonPointer(), s.sourceStart(), s.sourceEnd());
      }
      out.set(kept++, s);
    }
    out.subList(kept, size).clear();
    if (pinnedDeferred != null) {
      pinnedDeferred.clear(mark, size);
    }
  }

  /**
   * The pointer node of the value at hand, one step below {@code parent}; marks a pointer as
   * resolved when its target is present and not null.
   */
  private PointerTree enter(PointerTree parent) {
    if (parent == null) {
      return null;
    }
    PointerTree child;
    if (parent == PointerTree.ALL) {
      child = PointerTree.ALL;
    } else {
      JsonStreamContext ctx = p.getParsingContext();
      if (p.currentToken().isStructStart()) {
        ctx = ctx.getParent();
      }
      child = ctx.inArray() ? parent.index(ctx.getCurrentIndex()) : parent.field(ctx.getCurrentName());
    }
    if (child == PointerTree.ALL && p.currentToken() != VALUE_NULL) {
      pointerResolved = true;
    }
    return child;
  }

  /** The RFC 6901 pointer of the current scalar token. */
  private String pointer() {
    JsonStreamContext ctx = p.getParsingContext();
    int depth = ctx.getNestingDepth();
    JsonStreamContext[] path = new JsonStreamContext[depth];
    for (int i = depth - 1; i >= 0; i--) {
      path[i] = ctx;
      ctx = ctx.getParent();
    }
    StringBuilder sb = new StringBuilder(depth * 12);
    for (JsonStreamContext level : path) {
      sb.append('/');
      if (level.inArray()) {
        sb.append(level.getCurrentIndex());
      } else {
        escape(level.getCurrentName(), sb);
      }
    }
    return sb.toString();
  }

  private static void escape(String token, StringBuilder sb) {
    for (int i = 0; i < token.length(); i++) {
      char c = token.charAt(i);
      if (c == '~') {
        sb.append("~0");
      } else if (c == '/') {
        sb.append("~1");
      } else {
        sb.append(c);
      }
    }
  }
}
