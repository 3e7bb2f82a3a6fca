package com.lockllm.extract;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonParseException;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.core.StreamReadConstraints;
import com.fasterxml.jackson.core.StreamReadFeature;
import com.fasterxml.jackson.core.exc.StreamConstraintsException;
import com.fasterxml.jackson.core.io.JsonEOFException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.lockllm.error.InvalidRequestErrors;
import com.lockllm.error.LockLLMException;
import com.lockllm.internal.Json;
import java.io.IOException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The one set of rules every JSON request body is read under, by the {@link PromptExtractor} (the
 * proxy and the adapters) and by the scan API ({@code com.lockllm.server.ScanEndpoint}), so that no
 * route accepts a body another refuses: strict UTF-8 (overlong forms, surrogates and code points
 * above U+10FFFF included; UTF-16 and UTF-32 refused), duplicate keys refused anywhere (400 {@code
 * duplicate_json_key}), a bound on size (413 {@code payload_too_large}) and on nesting (413 {@code
 * nesting_too_deep}), one top-level object and nothing after it. Errors are the typed
 * {@link InvalidRequestErrors}; their messages give positions, never body content. Thread-safe;
 * build one per bound and reuse it.
 */
public final class StrictJson {
  private static final Logger LOG = LoggerFactory.getLogger(StrictJson.class);

  private final int maxBodyBytes;
  private final int maxDepth;
  private final JsonFactory factory;

  private StrictJson(int maxBodyBytes, int maxDepth) {
    if (maxBodyBytes < 1 || maxDepth < 1) {
      throw new IllegalArgumentException("maxBodyBytes and maxDepth must be positive, got " + maxBodyBytes + " and "
          + maxDepth);
    }
    this.maxBodyBytes = maxBodyBytes;
    this.maxDepth = maxDepth;
    this.factory = JsonFactory.builder()
        .streamReadConstraints(StreamReadConstraints.builder()
            .maxNestingDepth(maxDepth)
            .maxDocumentLength(maxBodyBytes)
            // the document bound already caps these; a long number we never decode is not an error
            .maxStringLength(maxBodyBytes)
            .maxNameLength(maxBodyBytes)
            .maxNumberLength(maxBodyBytes)
            .build())
        .enable(StreamReadFeature.STRICT_DUPLICATE_DETECTION)
        .disable(StreamReadFeature.INCLUDE_SOURCE_IN_LOCATION)
        // names are client-chosen: canonicalize per factory, but keep them out of the JVM's intern pool
        .disable(JsonFactory.Feature.INTERN_FIELD_NAMES)
        .build();
  }

  /** The rules with these bounds on body bytes and nesting depth. */
  public static StrictJson create(int maxBodyBytes, int maxDepth) {
    return new StrictJson(maxBodyBytes, maxDepth);
  }

  /** The rules with {@code config}'s bounds. */
  public static StrictJson of(ExtractionConfig config) {
    return new StrictJson(config.maxBodyBytes(), config.maxDepth());
  }

  public int maxBodyBytes() {
    return maxBodyBytes;
  }

  public int maxDepth() {
    return maxDepth;
  }

  /**
   * {@code body} as a tree: one JSON object, under every rule above.
   *
   * @throws LockLLMException 400 {@code invalid_json} or {@code duplicate_json_key}, 413 {@code
   *     payload_too_large} or {@code nesting_too_deep}
   */
  public ObjectNode readObject(byte[] body) {
    if (body.length > maxBodyBytes) {
      throw InvalidRequestErrors.payloadTooLarge(maxBodyBytes);
    }
    requireUtf8(body, 0, body.length);
    JsonParser p = null;
    try {
      p = factory.createParser(body);
      JsonToken t = p.nextToken();
      if (t == null) {
        throw InvalidRequestErrors.invalidJson("the body is empty");
      }
      requireByteInput(p);
      if (t != JsonToken.START_OBJECT) {
        throw InvalidRequestErrors.invalidJson("the top-level value must be a JSON object");
      }
      JsonNode tree = Json.mapper().readTree(p);
      requireEnd(p);
      return (ObjectNode) tree;
    } catch (IOException | RuntimeException e) {
      throw translate(e, p);
    } finally {
      closeQuietly(p);
    }
  }

  /** The factory of these rules, for parsers over parts of a body (a JSON document inside a string). */
  JsonFactory factory() {
    return factory;
  }

  /** A parser over {@code body[offset, offset + length)} under these rules; {@link #translate} maps its failures. */
  JsonParser parser(byte[] body, int offset, int length) throws IOException {
    return factory.createParser(body, offset, length);
  }

  /**
   * 400 {@code invalid_json} unless {@code body[offset, offset + length)} is well-formed UTF-8 (RFC
   * 3629): no overlong form, no surrogate, nothing above U+10FFFF, no truncated sequence. A lenient
   * decoder reads {@code C0 AF} as {@code /}; a body that decodes differently in different places
   * could be scanned as one text and read by the model as another.
   */
  public static void requireUtf8(byte[] body, int offset, int length) {
    int invalid = Utf8.firstInvalid(body, offset, length);
    if (invalid >= 0) {
      throw InvalidRequestErrors.invalidJson("the body must be UTF-8 encoded (invalid byte at offset "
          + (invalid - offset) + ")");
    }
  }

  /** Jackson detected UTF-16 or UTF-32 and reads chars: refused, and byte offsets would be lost. */
  static void requireByteInput(JsonParser p) {
    if (p.currentTokenLocation().getByteOffset() < 0) {
      throw InvalidRequestErrors.invalidJson("the body must be UTF-8 encoded");
    }
  }

  /** Nothing but white space after the top-level value. */
  static void requireEnd(JsonParser p) throws IOException {
    if (p.nextToken() != null) {
      throw InvalidRequestErrors.invalidJson(
          "unexpected content after the top-level object" + where(p.currentTokenLocation()));
    }
  }

  /** The typed error for a failure while {@code p} (may be null) read a body. */
  LockLLMException translate(Exception e, JsonParser p) {
    if (e instanceof LockLLMException typed) {
      return typed;
    }
    if (e instanceof StreamConstraintsException) {
      if (p != null && p.getParsingContext().getNestingDepth() > maxDepth) {
        return InvalidRequestErrors.nestingTooDeep(maxDepth);
      }
      return InvalidRequestErrors.payloadTooLarge(maxBodyBytes);
    }
    if (e instanceof JsonEOFException eof) {
      return InvalidRequestErrors.invalidJson("unexpected end of input" + where(eof.getLocation()));
    }
    if (e instanceof JsonParseException parse) {
      if (p != null && isDuplicate(parse)) {
        return InvalidRequestErrors.duplicateKey(duplicatePath(p));
      }
      return InvalidRequestErrors.invalidJson("malformed JSON" + where(parse.getLocation()));
    }
    if (e instanceof IOException) {
      return InvalidRequestErrors.invalidJson("malformed JSON" + where(p == null ? null : p.currentLocation()));
    }
    // Jackson's own limits (symbol-table overflow, say) surface as unchecked exceptions
    LOG.warn("Could not read a request body: {}", e.getClass().getName());
    LOG.debug("Request body read failure", e);
    return InvalidRequestErrors.invalidJson("the body could not be read");
  }

  static void closeQuietly(JsonParser p) {
    if (p != null) {
      try {
        p.close();
      } catch (IOException ignored) {
        // a parser over a byte array holds nothing that could fail to close
      }
    }
  }

  private static boolean isDuplicate(JsonParseException e) {
    String message = e.getOriginalMessage();
    return message != null && message.startsWith("Duplicate field ");
  }

  /**
   * Where the repeated key sits, as a JSON Pointer, cut short and reduced to printable ASCII:
   * the key is client text, so only enough of it to find the problem goes into the error.
   */
  static String duplicatePath(JsonParser p) {
    String path = p.getParsingContext().pathAsPointer().toString();
    int len = Math.min(path.length(), 64);
    StringBuilder sb = new StringBuilder(len + 3);
    for (int i = 0; i < len; i++) {
      char c = path.charAt(i);
      sb.append(c >= 0x20 && c < 0x7f && c != '\'' ? c : '?');
    }
    if (len < path.length()) {
      sb.append("...");
    }
    return sb.toString();
  }

  /** " at line L, column C (byte B)" for an error detail; empty when the position is unknown. */
  static String where(JsonLocation location) {
    if (location == null) {
      return "";
    }
    StringBuilder sb = new StringBuilder(" at line ").append(location.getLineNr())
        .append(", column ").append(location.getColumnNr());
    if (location.getByteOffset() >= 0) {
      sb.append(" (byte ").append(location.getByteOffset()).append(')');
    }
    return sb.toString();
  }
}
