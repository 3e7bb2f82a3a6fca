package com.lockllm.extract;

import com.lockllm.scan.SourceEncoding;
import com.lockllm.scan.PromptSegment;
import static com.fasterxml.jackson.core.JsonToken.END_ARRAY;
import static com.fasterxml.jackson.core.JsonToken.END_OBJECT;
import static com.fasterxml.jackson.core.JsonToken.START_ARRAY;
import static com.fasterxml.jackson.core.JsonToken.START_OBJECT;
import static com.fasterxml.jackson.core.JsonToken.VALUE_NULL;
import static com.fasterxml.jackson.core.JsonToken.VALUE_NUMBER_FLOAT;
import static com.fasterxml.jackson.core.JsonToken.VALUE_NUMBER_INT;
import static com.fasterxml.jackson.core.JsonToken.VALUE_STRING;
import static com.lockllm.extract.Roles.ASSISTANT;
import static com.lockllm.extract.Roles.DEFERRED;
import static com.lockllm.extract.Roles.DOCUMENT;
import static com.lockllm.extract.Roles.NONE;
import static com.lockllm.extract.Roles.SYSTEM;
import static com.lockllm.extract.Roles.TOOL;
import static com.lockllm.extract.Roles.TOOL_DEFINITION;
import static com.lockllm.extract.Roles.USER;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonStreamContext;
import com.fasterxml.jackson.core.JsonToken;
import com.lockllm.error.InvalidRequestErrors;
import com.lockllm.extract.ExtractedPrompt.Unscannable;
import com.lockllm.extract.FormatSpec.RootField;
import java.io.IOException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.BitSet;
import java.util.List;

/**
 * One pass over one body: walks the parser's tokens, reads the fields the model reads (the
 * scan-scope table of the core README, {@link ScanScope}) and follows the configured pointers at
 * the same time. Used once, by one thread. Not API.
 *
 * <p>Message-level reading is shared by every format and deliberately lenient: inside a message,
 * item, content block or part, any field that one of the supported providers feeds to the model is
 * read, whichever format the body claims. Providers reject fields they do not know, so this only
 * ever scans more. Which top-level fields count, and so which format a body is, stays per format.
 *
 * <p>Member names are matched case-insensitively ({@link Keys}); two members of one object that are
 * case variants of the same known name are refused like duplicate keys (exact duplicates are
 * refused by the parser), since a case-insensitive upstream would bind one of them.
 *
 * <p>Attachments (an Anthropic {@code source}, a Gemini {@code inlineData}, an OpenAI {@code file}
 * or {@code image_url}, a Responses {@code input_file}) are read as a whole, whatever the order of
 * their members: text data is decoded into a {@code document} segment that remembers its
 * {@link SourceEncoding}; images, audio and video are not text and are skipped; binary documents
 * and documents by reference are reported as {@link Unscannable}.
 *
 * <p>Recursion follows the formats' fixed shapes; arbitrary nesting (tool inputs, schemas,
 * documents, pointer targets) is walked by the iterative {@link #strings}, so a deep body cannot
 * exhaust the stack whatever the configured depth bound.
 */
final class BodyReader {
  /** Schema members whose object's member names are property names the model reads. */
  private static final java.util.Set<String> PROPERTY_MAPS =
      java.util.Set.of("properties", "patternProperties", "$defs", "definitions", "parameter_definitions");
  /** How deep content blocks nest inside blocks (tool result, document content) before they are walked flat. */
  private static final int MAX_BLOCK_NESTING = 3;

  private final JsonParser p;
  private final byte[] body;
  private final int base;
  private final int roles;
  private final PromptFormat format;
  private final FormatSpec spec;
  private final PointerTree pointers;
  private final JsonFactory factory;

  private final ArrayList<PromptSegment> out = new ArrayList<>();
  private ArrayList<Unscannable> unscannable;
  /** Indexes in {@link #out} of deferred-role segments that lie under a pointer. */
  private BitSet pinnedDeferred;
  private PointerTree[] stack = new PointerTree[8];
  /** Per level of {@link #stack}: whether the object's member names are schema property names. */
  private boolean[] names = new boolean[8];
  /** Per nesting depth, two 64-bit masks of the known keys met in the object open at that depth. */
  private long[] keysSeen = new long[32];
  private int seen;
  private boolean pointerResolved;
  private boolean anthropicHint;
  private boolean cohereHint;
  private boolean responsesHint;

  BodyReader(JsonParser p, byte[] body, int base, int roles, PromptFormat format, FormatSpec spec,
      PointerTree pointers, JsonFactory factory) {
    this.p = p;
    this.body = body;
    this.base = base;
    this.roles = roles;
    this.format = format;
    this.spec = spec;
    this.pointers = pointers;
    this.factory = factory;
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
    return new ExtractedPrompt(found, out, unscannable == null ? List.of() : unscannable);
  }

  private PromptFormat found() {
    boolean template = responsesHint && (format == PromptFormat.AUTO || format == PromptFormat.OPENAI_RESPONSES);
    if ((seen & spec.structural) == 0 && !template) {
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
    if (has(RootField.INPUT) || has(RootField.INSTRUCTIONS) || responsesHint) {
      return PromptFormat.OPENAI_RESPONSES;
    }
    return has(RootField.PROMPT) ? PromptFormat.OPENAI_COMPLETIONS : PromptFormat.COHERE;
  }

  private boolean has(RootField field) {
    return (seen & field.bit()) != 0;
  }

  /** Starts tracking the known keys of the object just opened. */
  private void open() {
    int slot = p.getParsingContext().getNestingDepth() * 2;
    if (slot + 1 >= keysSeen.length) {
      keysSeen = Arrays.copyOf(keysSeen, Math.max(keysSeen.length * 2, slot + 2));
    }
    keysSeen[slot] = 0;
    keysSeen[slot + 1] = 0;
  }

  /**
   * The {@link Keys} id of member {@code name} of the object being read (opened with
   * {@link #open}), or -1; refuses a second case variant of the same known key in that object.
   */
  private int key(String name) {
    int id = Keys.id(name);
    if (id >= 0) {
      // called with the member's value at hand: an array or object value has opened its own context
      int depth = p.getParsingContext().getNestingDepth() - (p.currentToken().isStructStart() ? 1 : 0);
      int slot = depth * 2 + (id >>> 6);
      long bit = 1L << (id & 63);
      if ((keysSeen[slot] & bit) != 0) {
        throw InvalidRequestErrors.duplicateKey(StrictJson.duplicatePath(p));
      }
      keysSeen[slot] |= bit;
    }
    return id;
  }

  private void root() throws IOException {
    open();
    for (String name = p.nextFieldName(); name != null; name = p.nextFieldName()) {
      JsonToken t = p.nextToken();
      PointerTree ptr = enter(pointers);
      RootField field = spec.field(key(name));
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
          messages(ptr, NONE);
          return true;
        }
      }
      case SYSTEM -> {
        if (t == VALUE_STRING || t == START_ARRAY) {
          content(SYSTEM, t, ptr, 0);
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
          messages(ptr, NONE);
          return true;
        }
      }
      case INSTRUCTIONS -> {
        if (t == VALUE_STRING) {
          text(SYSTEM, ptr);
          return true;
        }
        if (t == START_ARRAY) {
          messages(ptr, SYSTEM);
          return true;
        }
      }
      case PREAMBLE -> {
        if (t == VALUE_STRING) {
          text(SYSTEM, ptr);
          return true;
        }
      }
      case PROMPT -> {
        if (t == VALUE_STRING) {
          text(USER, ptr);
          return true;
        }
        if (t == START_ARRAY) {
          prompts(ptr);
          return true;
        }
        if (t == START_OBJECT) {
          // a Responses prompt template: its variables are filled into the prompt
          responsesHint = true;
          promptTemplate(ptr);
          return false;
        }
      }
      case SUFFIX -> {
        if (t == VALUE_STRING) {
          text(USER, ptr);
          return false;
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
          strings(DOCUMENT, ptr);
          return true;
        }
      }
      case TOOL_RESULTS -> {
        if (t == START_ARRAY) {
          toolResults(ptr);
          return true;
        }
      }
      case TOOLS, FUNCTIONS, RESPONSE_FORMAT, TEXT, GENERATION_CONFIG, GENERATION_CONFIG_SNAKE, OUTPUT_FORMAT -> {
        if (t == START_OBJECT || t == START_ARRAY) {
          strings(TOOL_DEFINITION, ptr);
          return false;
        }
      }
      case ANTHROPIC_VERSION -> anthropicHint = true;
    }
    strings(NONE, ptr);
    return false;
  }

  /**
   * A legacy completions {@code prompt} array: strings are user text, token ids (integers, or
   * arrays of them) cannot be scanned.
   */
  private void prompts(PointerTree ptr) throws IOException {
    boolean tokens = false;
    for (JsonToken t = p.nextToken(); t != END_ARRAY; t = p.nextToken()) {
      PointerTree c = enter(ptr);
      if (t == VALUE_NUMBER_INT || t == VALUE_NUMBER_FLOAT) {
        tokens = true;
      } else if (t == START_ARRAY) {
        boolean inner = false;
        for (JsonToken e = p.nextToken(); e != END_ARRAY; e = p.nextToken()) {
          PointerTree ec = enter(c);
          if (e == VALUE_NUMBER_INT || e == VALUE_NUMBER_FLOAT) {
            inner = true;
          } else {
            strings(USER, ec);
          }
        }
        if (inner) {
          unscannable(USER, pointer(false), Unscannable.REASON_TOKEN_IDS);
        }
      } else {
        strings(USER, c);
      }
    }
    if (tokens) {
      unscannable(USER, pointer(false), Unscannable.REASON_TOKEN_IDS);
    }
  }

  /** A Responses {@code prompt} object: {@code variables} are user text, files and images among them attachments. */
  private void promptTemplate(PointerTree ptr) throws IOException {
    open();
    for (String name = p.nextFieldName(); name != null; name = p.nextFieldName()) {
      JsonToken t = p.nextToken();
      PointerTree c = enter(ptr);
      if (Keys.name(key(name)).equals("variables") && t == START_OBJECT) {
        for (String var = p.nextFieldName(); var != null; var = p.nextFieldName()) {
          JsonToken v = p.nextToken();
          PointerTree vc = enter(c);
          if (v == START_OBJECT) {
            block(USER, vc, 0);
          } else {
            strings(USER, vc);
          }
        }
      } else {
        strings(NONE, c);
      }
    }
  }

  /** An array of messages or items; strings among them are user text (Responses accepts them in {@code input}). */
  private void messages(PointerTree ptr, int forced) throws IOException {
    for (JsonToken t = p.nextToken(); t != END_ARRAY; t = p.nextToken()) {
      PointerTree c = enter(ptr);
      if (t == START_OBJECT) {
        message(c, forced);
      } else {
        strings(t == VALUE_STRING ? (forced == NONE ? USER : forced) : NONE, c);
      }
    }
  }

  /**
   * A message, chat-history entry, Gemini content or Responses input item. {@code forced} is the
   * role of its own text ({@link Roles#NONE}: read from its {@code role}). Text met before the
   * {@code role} member is held as deferred and given the role at the end of the object. A bare
   * content part among the items (a Responses {@code input_text}, {@code input_file}) is read
   * like a part of a message without a role.
   */
  private void message(PointerTree ptr, int forced) throws IOException {
    open();
    int mark = out.size();
    int role = forced;
    boolean deferred = false;
    Attachment own = null;
    for (String name = p.nextFieldName(); name != null; name = p.nextFieldName()) {
      JsonToken t = p.nextToken();
      PointerTree c = enter(ptr);
      int mine = role != NONE ? role : DEFERRED;
      String k = Keys.name(key(name));
      switch (k) {
        case "role" -> {
          if (forced == NONE) {
            role = t == VALUE_STRING ? Roles.of(p) : USER;
          }
          strings(NONE, c);
        }
        case "content", "parts", "message" -> {
          deferred |= mine == DEFERRED;
          content(mine, t, c, 0);
        }
        case "name", "text", "refusal", "citations", "thinking" -> {
          deferred |= mine == DEFERRED;
          strings(mine, c);
        }
        case "output" -> content(TOOL, t, c, 0);
        case "error", "results", "outputs" -> strings(TOOL, c);
        case "arguments", "input", "code", "queries", "action", "function_call", "tool_plan" -> {
          if (k.equals("tool_plan")) {
            cohereHint = true;
          }
          strings(ASSISTANT, c);
        }
        case "summary", "reasoning_details" -> content(ASSISTANT, t, c, 0);
        case "reasoning", "reasoning_content" -> strings(ASSISTANT, c);
        case "tools" -> strings(TOOL_DEFINITION, c);
        case "tool_calls" -> toolCalls(t, c);
        case "tool_results" -> {
          if (t == START_ARRAY) {
            toolResults(c);
          } else {
            strings(NONE, c);
          }
        }
        case "type" -> {
          own = typed(own, t);
          strings(NONE, c);
        }
        default -> own = attachmentMember(k, t, c, own, 0);
      }
    }
    finish(own);
    if (deferred) {
      resolve(mark, role == NONE ? USER : role);
    }
  }

  /** A text field: a string, an array of content blocks or parts, or one block. */
  private void content(int role, JsonToken t, PointerTree ptr, int nesting) throws IOException {
    if (t == VALUE_STRING) {
      text(role, ptr);
    } else if (t == START_ARRAY) {
      blocks(role, ptr, nesting);
    } else if (t == START_OBJECT) {
      block(role, ptr, nesting);
    } else {
      strings(NONE, ptr);
    }
  }

  private void blocks(int role, PointerTree ptr, int nesting) throws IOException {
    for (JsonToken t = p.nextToken(); t != END_ARRAY; t = p.nextToken()) {
      PointerTree c = enter(ptr);
      if (t == START_OBJECT) {
        block(role, c, nesting);
      } else {
        strings(t == VALUE_STRING ? role : NONE, c);
      }
    }
  }

  /**
   * A content block (OpenAI part, Anthropic block, Gemini part, Cohere v2 block). Dispatch is by
   * member name, not by {@code type}, so member order does not matter: {@code text} is text of
   * the enclosing role, a tool result's {@code content} is tool text, a tool call's {@code input}
   * is assistant text, attachments are decoded or reported.
   */
  private void block(int role, PointerTree ptr, int nesting) throws IOException {
    if (nesting >= MAX_BLOCK_NESTING) {
      // blocks do not nest this deep in any format; walking rather than recursing keeps the stack bounded
      strings(role, ptr);
      return;
    }
    open();
    Attachment own = null;
    for (String name = p.nextFieldName(); name != null; name = p.nextFieldName()) {
      JsonToken t = p.nextToken();
      PointerTree c = enter(ptr);
      String k = Keys.name(key(name));
      switch (k) {
        case "text", "refusal", "thinking", "citations", "summary" -> strings(role, c);
        case "title", "context" -> strings(DOCUMENT, c);
        case "content" -> {
          anthropicHint = true;
          content(TOOL, t, c, nesting + 1);
        }
        case "input", "functionCall", "function_call", "executableCode", "executable_code" -> {
          if (k.equals("input")) {
            anthropicHint = true;
          }
          strings(ASSISTANT, c);
        }
        case "document" -> {
          cohereHint = true;
          member(t, c, "data", role);
        }
        case "functionResponse", "function_response" -> member(t, c, "response", TOOL);
        case "codeExecutionResult", "code_execution_result" -> strings(TOOL, c);
        case "source" -> {
          if (own == null) {
            own = new Attachment();
          }
          if (t == START_OBJECT) {
            attachment(c, false, own, nesting);
          } else {
            strings(NONE, c);
          }
        }
        case "type" -> {
          own = typed(own, t);
          strings(NONE, c);
        }
        default -> own = attachmentMember(k, t, c, own, nesting);
      }
    }
    finish(own);
  }

  /** Notes a block's {@code type}, when it says image or audio, on the block's attachment. */
  private Attachment typed(Attachment own, JsonToken t) throws IOException {
    if (t != VALUE_STRING) {
      return own;
    }
    char[] buf = p.getTextCharacters();
    int off = p.getTextOffset();
    int len = p.getTextLength();
    if (contains(buf, off, len, "image") || contains(buf, off, len, "audio") || contains(buf, off, len, "video")) {
      Attachment a = own == null ? new Attachment() : own;
      a.media = true;
      return a;
    }
    return own;
  }

  /**
   * A member of a block or item that carries an attachment (or the default: not text); returns the
   * block's own attachment, created when the member is one.
   */
  private Attachment attachmentMember(String k, JsonToken t, PointerTree c, Attachment own, int nesting)
      throws IOException {
    if (!wanted(DOCUMENT, c)) {
      strings(NONE, c);
      return own;
    }
    switch (k) {
      case "image_url" -> {
        // an image, unless a data: URI says it is text (or a document)
        Attachment a = new Attachment();
        a.media = true;
        if (t == START_OBJECT) {
          attachment(c, true, a, nesting);
        } else if (t == VALUE_STRING) {
          a.locator(this);
        } else {
          strings(NONE, c);
        }
        finish(a);
      }
      case "file", "inlineData", "inline_data", "fileData" -> {
        if (t == START_OBJECT) {
          Attachment a = new Attachment();
          attachment(c, false, a, nesting);
          finish(a);
        } else {
          strings(NONE, c);
        }
      }
      case "file_data" -> {
        if (t == START_OBJECT) {
          // Gemini's snake-case fileData
          Attachment a = new Attachment();
          attachment(c, false, a, nesting);
          finish(a);
        } else if (t == VALUE_STRING) {
          own = own == null ? new Attachment() : own;
          own.data(this);
        } else {
          strings(NONE, c);
        }
      }
      case "file_url", "file_id", "document_url" -> {
        if (t == VALUE_STRING) {
          own = own == null ? new Attachment() : own;
          own.remote(this);
        } else if (t == START_OBJECT && k.equals("document_url")) {
          own = own == null ? new Attachment() : own;
          attachment(c, false, own, nesting);
        } else {
          strings(NONE, c);
        }
      }
      case "filename", "media_type", "mimeType", "mime_type" -> {
        if (t == VALUE_STRING) {
          own = own == null ? new Attachment() : own;
          own.meta(k, p.getText());
        } else {
          strings(NONE, c);
        }
      }
      default -> strings(NONE, c);
    }
    return own;
  }

  /**
   * The members of an attachment object (an Anthropic {@code source}, Gemini {@code inlineData} or
   * {@code fileData}, OpenAI {@code file} or {@code image_url}), gathered into {@code a}.
   */
  private void attachment(PointerTree ptr, boolean image, Attachment a, int nesting) throws IOException {
    open();
    for (String name = p.nextFieldName(); name != null; name = p.nextFieldName()) {
      JsonToken t = p.nextToken();
      PointerTree c = enter(ptr);
      String k = Keys.name(key(name));
      switch (k) {
        case "data", "file_data" -> {
          if (t == VALUE_STRING) {
            a.data(this);
          } else {
            strings(NONE, c);
          }
        }
        case "url", "fileUri", "file_uri", "file_url", "file_id" -> {
          if (t == VALUE_STRING) {
            a.locator(this);
          } else {
            strings(NONE, c);
          }
        }
        case "type", "media_type", "mimeType", "mime_type", "filename" -> {
          if (t == VALUE_STRING) {
            a.meta(k, p.getText());
          } else {
            strings(NONE, c);
          }
        }
        case "content" -> content(DOCUMENT, t, c, nesting + 1);
        default -> strings(NONE, c);
      }
    }
    if (image) {
      a.media = true;
    }
  }

  /**
   * Decides an attachment once all its members are known: text data becomes a {@code document}
   * segment; media is skipped; a binary document, data that does not decode, or a document by
   * reference is reported as unscannable.
   */
  private void finish(Attachment a) throws IOException {
    if (a == null || (a.dataStart < 0 && a.remotePointer == null)) {
      return;
    }
    TextData.Kind declared = TextData.kindOf(a.mediaType);
    if (declared == null) {
      declared = TextData.kindOfFilename(a.filename);
    }
    if (a.dataStart >= 0) {
      String value = reread(a.dataStart, a.dataEnd);
      TextData.Decoded decoded;
      if ("text".equalsIgnoreCase(a.sourceType) || "content".equalsIgnoreCase(a.sourceType)) {
        // an Anthropic plain-text source: the string is the document
        add(DOCUMENT, value, a.dataPointer, a.dataStart, a.dataEnd, null);
        return;
      }
      if (TextData.isDataUri(value)) {
        decoded = TextData.dataUri(value);
      } else if (declared == TextData.Kind.TEXT) {
        decoded = TextData.base64(value, "");
      } else if (declared == TextData.Kind.MEDIA || (declared == null && a.media)) {
        return;
      } else {
        unscannable(DOCUMENT, a.dataPointer, Unscannable.REASON_BINARY_DOCUMENT);
        return;
      }
      if (decoded.text() != null) {
        add(DOCUMENT, decoded.text(), a.dataPointer, a.dataStart, a.dataEnd, decoded.encoding());
      } else if (decoded.kind() == TextData.Kind.BINARY) {
        unscannable(DOCUMENT, a.dataPointer,
            declared == TextData.Kind.TEXT || TextData.kindOf(dataUriType(value)) == TextData.Kind.TEXT
                ? Unscannable.REASON_UNDECODABLE : Unscannable.REASON_BINARY_DOCUMENT);
      }
      return;
    }
    if (declared == TextData.Kind.MEDIA || (declared == null && a.media)) {
      return;
    }
    unscannable(DOCUMENT, a.remotePointer, Unscannable.REASON_REMOTE_DOCUMENT);
  }

  /** The media type a {@code data:} URI declares ({@code text/plain} when it declares none). */
  private static String dataUriType(String value) {
    String uri = value.trim();
    int comma = uri.indexOf(',');
    String header = comma < 0 ? uri.substring(5) : uri.substring(5, comma);
    int semi = header.indexOf(';');
    String type = (semi < 0 ? header : header.substring(0, semi)).trim();
    return type.isEmpty() ? "text/plain" : type;
  }

  /** The value of the JSON string token at {@code [start, end)} of the body, read again. */
  private String reread(int start, int end) throws IOException {
    try (JsonParser q = factory.createParser(body, start, end - start)) {
      q.nextToken();
      return q.getText();
    }
  }

  /** OpenAI / Cohere v2 {@code tool_calls[].function} (name and arguments); Cohere v1 {@code parameters}. */
  private void toolCalls(JsonToken t, PointerTree ptr) throws IOException {
    if (t != START_ARRAY || !wanted(ASSISTANT, ptr)) {
      strings(NONE, ptr);
      return;
    }
    for (t = p.nextToken(); t != END_ARRAY; t = p.nextToken()) {
      PointerTree c = enter(ptr);
      if (t == START_OBJECT) {
        open();
        for (String name = p.nextFieldName(); name != null; name = p.nextFieldName()) {
          p.nextToken();
          PointerTree f = enter(c);
          String k = Keys.name(key(name));
          boolean read = k.equals("function") || k.equals("custom") || k.equals("parameters") || k.equals("name");
          strings(read ? ASSISTANT : NONE, f);
        }
      } else {
        strings(NONE, c);
      }
    }
  }

  /** Cohere v1 {@code tool_results[]}: the {@code outputs} are tool text, the {@code call} assistant text. */
  private void toolResults(PointerTree ptr) throws IOException {
    for (JsonToken t = p.nextToken(); t != END_ARRAY; t = p.nextToken()) {
      PointerTree c = enter(ptr);
      if (t == START_OBJECT) {
        open();
        for (String name = p.nextFieldName(); name != null; name = p.nextFieldName()) {
          p.nextToken();
          String k = Keys.name(key(name));
          strings(k.equals("outputs") ? TOOL : k.equals("call") ? ASSISTANT : NONE, enter(c));
        }
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
    open();
    for (String name = p.nextFieldName(); name != null; name = p.nextFieldName()) {
      p.nextToken();
      strings(Keys.name(key(name)).equals(key) ? role : NONE, enter(ptr));
    }
  }

  /**
   * Every string in the value at hand is text of {@code role} (or, with {@link Roles#NONE}, only
   * those under a pointer). Iterative, with its own stack of pointer nodes; subtrees nothing wants
   * are skipped without decoding. In tool definitions, {@code headers} and {@code authorization}
   * (an MCP server's credentials) are never read: the model does not see them and they must not
   * reach a remote scanner.
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
    boolean schema = role == TOOL_DEFINITION;
    boolean secret = false;
    boolean properties = false;
    while (top > 0) {
      t = p.nextToken();
      if (t == END_OBJECT || t == END_ARRAY) {
        top--;
      } else if (t == JsonToken.FIELD_NAME) {
        if (schema) {
          String k = Keys.name(Keys.id(p.currentName()));
          if (names[top - 1]) {
            name(role);
          }
          secret = k.equals("headers") || k.equals("authorization");
          properties = PROPERTY_MAPS.contains(k);
        }
      } else {
        PointerTree c = enter(stack[top - 1]);
        int r = secret ? NONE : role;
        boolean named = properties && t == START_OBJECT;
        secret = false;
        properties = false;
        if (t == VALUE_STRING) {
          text(r, c);
        } else if (t == START_OBJECT || t == START_ARRAY) {
          if (wanted(r, c) && r == role) {
            top = push(top, c);
            names[top - 1] = named;
          } else if (wanted(r, c)) {
            strings(r, c);
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
      names = Arrays.copyOf(names, top * 2);
    }
    stack[top] = node;
    names[top] = false;
    return top + 1;
  }

  /**
   * Adds the member name at hand as a segment of {@code role}: a property name in a tool's JSON
   * schema is read by the model like its description. Its source range is the name's string token,
   * its pointer that of the member.
   */
  private void name(int role) throws IOException {
    if ((role & roles) == 0) {
      return;
    }
    String text = p.currentName();
    int start = base + (int) p.currentTokenLocation().getByteOffset();
    if (text.isEmpty() || start < 0 || start >= body.length || body[start] != '"') {
      return;
    }
    int end = start + 1;
    while (body[end] != '"') {
      end += body[end] == '\\' ? 2 : 1;
    }
    out.add(new PromptSegment(Roles.name(role), text, pointer(false), start, end + 1));
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
    out.add(new PromptSegment(keep == DEFERRED ? null : Roles.name(keep), text, pointer(false), start, end));
    if (keep == DEFERRED && ptr == PointerTree.ALL) {
      if (pinnedDeferred == null) {
        pinnedDeferred = new BitSet();
      }
      pinnedDeferred.set(out.size() - 1);
    }
  }

  /** Adds a segment read from a recorded token, if its role is selected. */
  private void add(int role, String text, String pointer, int start, int end, SourceEncoding encoding) {
    if ((role & roles) != 0 && !text.isEmpty()) {
      out.add(new PromptSegment(Roles.name(role), text, pointer, start, end, encoding));
    }
  }

  /** Reports a field of {@code role} the model reads and the scan cannot, if the role is selected. */
  private void unscannable(int role, String pointer, String reason) {
    if ((role & roles) == 0) {
      return;
    }
    if (unscannable == null) {
      unscannable = new ArrayList<>(2);
    }
    unscannable.add(new Unscannable(pointer, reason));
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
        s = s.withRole(Roles.name(r));
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

  /**
   * The RFC 6901 pointer of the current token: of the scalar at hand or the container just closed,
   * or with {@code container} of the array or object just opened.
   */
  private String pointer(boolean container) {
    JsonStreamContext ctx = p.getParsingContext();
    if (container) {
      ctx = ctx.getParent();
    }
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

  /** ASCII case-insensitive search for a lower-case {@code word} in {@code buf[off, off+len)}. */
  private static boolean contains(char[] buf, int off, int len, String word) {
    int n = word.length();
    outer:
    for (int i = 0; i + n <= len; i++) {
      for (int j = 0; j < n; j++) {
        if (Keys.fold(buf[off + i + j]) != word.charAt(j)) {
          continue outer;
        }
      }
      return true;
    }
    return false;
  }

  /**
   * What one attachment's members said, gathered whatever their order: the data token's range and
   * pointer, a locator (URL, file id) that is not data, the declared media type, file name and
   * source type, and whether the context says image or audio.
   */
  private static final class Attachment {
    int dataStart = -1;
    int dataEnd;
    String dataPointer;
    String remotePointer;
    String mediaType;
    String filename;
    String sourceType;
    boolean media;

    /** The string at hand is the data. */
    void data(BodyReader r) throws IOException {
      JsonParser p = r.p;
      dataStart = r.base + (int) p.currentTokenLocation().getByteOffset();
      p.finishToken();
      dataEnd = r.base + (int) p.currentLocation().getByteOffset();
      dataPointer = r.pointer(false);
    }

    /** The string at hand locates the content: a {@code data:} URI is data, anything else a reference. */
    void locator(BodyReader r) throws IOException {
      JsonParser p = r.p;
      p.finishToken();
      if (TextData.isDataUri(p.getTextCharacters(), p.getTextOffset(), p.getTextLength())) {
        data(r);
      } else if (p.getTextLength() > 0) {
        remotePointer = r.pointer(false);
      }
    }

    /** The string at hand is a file id or URL. */
    void remote(BodyReader r) throws IOException {
      locator(r);
    }

    void meta(String key, String value) {
      switch (key) {
        case "type" -> sourceType = value;
        case "filename" -> filename = value;
        default -> mediaType = value;
      }
    }
  }
}
