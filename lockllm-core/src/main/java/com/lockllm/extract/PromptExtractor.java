package com.lockllm.extract;

import com.fasterxml.jackson.core.JsonParser;
import com.lockllm.error.InvalidRequestErrors;
import com.lockllm.error.LockLLMException;
import com.lockllm.scan.PromptSegment;
import java.io.IOException;
import java.util.Objects;

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
 * body) are refused: the rules are {@link StrictJson}'s, shared with the scan API.
 *
 * <p>Errors are {@link LockLLMException}s from {@link InvalidRequestErrors}, and their messages
 * never echo the body: malformed or truncated JSON and non-object roots are 400
 * {@code invalid_json} with the position, a body over {@link ExtractionConfig#maxBodyBytes()} is
 * 413 {@code payload_too_large}, nesting deeper than {@link ExtractionConfig#maxDepth()} is 413
 * {@code nesting_too_deep}, and a body without the format's fields is 400
 * {@code prompt_not_found}.
 */
public final class PromptExtractor {
  private final ExtractionConfig config;
  private final StrictJson json;
  private final FormatSpec spec;
  private final PointerTree pointers;
  private final int roles;

  PromptExtractor(ExtractionConfig config) {
    this.config = Objects.requireNonNull(config, "config");
    this.json = StrictJson.of(config);
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
    StrictJson.requireUtf8(body, offset, length);
    JsonParser p = null;
    try {
      p = json.parser(body, offset, length);
      return new BodyReader(p, body, offset, roles, config.format(), spec, pointers, json.factory()).read();
    } catch (IOException | RuntimeException e) {
      throw json.translate(e, p);
    } finally {
      StrictJson.closeQuietly(p);
    }
  }

  public ExtractedPrompt extract(byte[] body) {
    return extract(body, 0, body.length);
  }
}
