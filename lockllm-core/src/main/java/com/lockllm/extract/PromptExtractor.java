package com.lockllm.extract;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonParseException;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.StreamReadConstraints;
import com.fasterxml.jackson.core.StreamReadFeature;
import com.fasterxml.jackson.core.exc.StreamConstraintsException;
import com.fasterxml.jackson.core.io.JsonEOFException;
import com.lockllm.error.InvalidRequestErrors;
import com.lockllm.error.LockLLMException;
import java.io.IOException;
import java.util.Objects;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Reads the prompt text out of an LLM request body. Thread-safe; build one per configuration and
 * reuse it.
 *
 * <p>The body is streamed once with Jackson's parser, never bound to a tree. Every JSON string
 * holding prompt text becomes its own {@link PromptSegment}, with its role, JSON Pointer and the
 * byte range of its string token, in document order; empty strings are skipped, and only roles in
 * {@link ExtractionConfig#roles()} are returned. A body that has the format's structure but no
 * selected text gives an empty segment list, not an error. {@link PromptFormat#AUTO} reads every
 * field of every format and names the format from the top-level keys ({@code contents}, then
 * {@code messages}, {@code input}/{@code instructions}, {@code prompt}, and Cohere v1's
 * {@code message}/{@code chat_history}/{@code preamble}). Configured pointers are read in every
 * format; a string named by both a format and a pointer appears once, with the format's role if
 * that role is selected and as user text otherwise. Text whose role is missing or unknown is
 * treated as user text.
 *
 * <p><b>Duplicate keys are rejected</b> (400, {@code duplicate_json_key}) anywhere in the body.
 * With {@code {"prompt":"benign","prompt":"evil"}} we could scan one value while the application's
 * parser binds the other; scanning every occurrence would still leave the application's choice
 * unknown, so such bodies are refused instead. Likewise content after the top-level object and
 * bodies that are not strict UTF-8 (overlong forms and encoded surrogates included, anywhere in the
 * body) are refused.
 *
 * <p>Errors are {@link LockLLMException}s from {@link InvalidRequestErrors}, and their messages
 * never echo the body: malformed or truncated JSON and non-object roots are 400
 * {@code invalid_json} with the position, a body over {@link ExtractionConfig#maxBodyBytes()} is
 * 413 {@code payload_too_large}, nesting deeper than {@link ExtractionConfig#maxDepth()} is 413
 * {@code nesting_too_deep}, and a body without the format's fields is 400
 * {@code prompt_not_found}.
 */
public final class PromptExtractor {
  private static final Logger LOG = LoggerFactory.getLogger(PromptExtractor.class);

  private final ExtractionConfig config;
  private final JsonFactory factory;
  private final FormatSpec spec;
  private final PointerTree pointers;
  private final int roles;

  PromptExtractor(ExtractionConfig config) {
    this.config = Objects.requireNonNull(config, "config");
    this.factory = factory(config);
    this.spec = FormatSpec.of(config.format());
    this.pointers = PointerTree.compile(config.pointers());
    this.roles = Roles.mask(config.roles());
  }

  /**
   * An extractor for {@code config}.
   *
   * @throws IllegalArgumentException if a configured pointer is not a valid JSON Pointer
   */
  public static PromptExtractor create(ExtractionConfig config) {
    return new PromptExtractor(config);
  }

  public ExtractionConfig config() {
    return config;
  }

  /**
   * The prompt segments of {@code body[offset, offset + length)}; their source ranges are offsets
   * in {@code body} itself.
   *
   * @throws LockLLMException 400 for malformed JSON, duplicate keys or a body with no prompt; 413
   *     for a body over the size bound or nested deeper than allowed
   * @throws IndexOutOfBoundsException if the range is not within {@code body}
   */
  public ExtractedPrompt extract(byte[] body, int offset, int length) {
    Objects.checkFromIndexSize(offset, length, body.length);
    if (length > config.maxBodyBytes()) {
      throw InvalidRequestErrors.payloadTooLarge(config.maxBodyBytes());
    }
    int invalid = Utf8.firstInvalid(body, offset, length);
    if (invalid >= 0) {
      throw InvalidRequestErrors.invalidJson("the body must be UTF-8 encoded (invalid byte at offset "
          + (invalid - offset) + ")");
    }
    JsonParser p = null;
    try {
      p = factory.createParser(body, offset, length);
      return new BodyReader(p, body, offset, roles, config.format(), spec, pointers, factory).read();
    } catch (StreamConstraintsException e) {
      if (p != null && p.getParsingContext().getNestingDepth() > config.maxDepth()) {
        throw InvalidRequestErrors.nestingTooDeep(config.maxDepth());
      }
      throw InvalidRequestErrors.payloadTooLarge(config.maxBodyBytes());
    } catch (JsonEOFException e) {
      throw InvalidRequestErrors.invalidJson("unexpected end of input" + where(e.getLocation()));
    } catch (JsonParseException e) {
      if (p != null && isDuplicate(e)) {
        throw InvalidRequestErrors.duplicateKey(duplicatePath(p));
      }
      throw InvalidRequestErrors.invalidJson("malformed JSON" + where(e.getLocation()));
    } catch (IOException e) {
      throw InvalidRequestErrors.invalidJson("malformed JSON" + where(p == null ? null : p.currentLocation()));
    } catch (LockLLMException e) {
      throw e;
    } catch (RuntimeException e) {
      // Jackson's own limits (symbol-table overflow, say) surface as unchecked exceptions
      LOG.warn("Could not read a request body: {}", e.getClass().getName());
      LOG.debug("Request body read failure", e);
      throw InvalidRequestErrors.invalidJson("the body could not be read");
    } finally {
      if (p != null) {
        try {
          p.close();
        } catch (IOException ignored) {
          // a parser over a byte array holds nothing that could fail to close
        }
      }
    }
  }

  public ExtractedPrompt extract(byte[] body) {
    return extract(body, 0, body.length);
  }

  private static JsonFactory factory(ExtractionConfig config) {
    int max = config.maxBodyBytes();
    return JsonFactory.builder()
        .streamReadConstraints(StreamReadConstraints.builder()
            .maxNestingDepth(config.maxDepth())
            .maxDocumentLength(max)
            // the document bound already caps these; a long number we never decode is not an error
            .maxStringLength(max)
            .maxNameLength(max)
            .maxNumberLength(max)
            .build())
        .enable(StreamReadFeature.STRICT_DUPLICATE_DETECTION)
        .disable(StreamReadFeature.INCLUDE_SOURCE_IN_LOCATION)
        // names are client-chosen: canonicalize per factory, but keep them out of the JVM's intern pool
        .disable(JsonFactory.Feature.INTERN_FIELD_NAMES)
        .build();
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
