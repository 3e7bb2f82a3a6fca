package com.lockllm.error;

/**
 * The errors for requests the interceptor cannot scan: malformed or oversized bodies, unknown
 * content types, bodies with no prompt. Each is a {@link LockLLMException} of type
 * {@value #TYPE} with a code naming what was wrong; the messages name the problem and never echo
 * the body.
 */
public final class InvalidRequestErrors {
  public static final String TYPE = "invalid_request_error";
  public static final String INVALID_JSON = "invalid_json";
  public static final String DUPLICATE_KEY = "duplicate_json_key";
  public static final String PROMPT_NOT_FOUND = "prompt_not_found";
  public static final String PAYLOAD_TOO_LARGE = "payload_too_large";
  public static final String NESTING_TOO_DEEP = "nesting_too_deep";
  public static final String UNSUPPORTED_CONTENT_TYPE = "unsupported_content_type";
  public static final String UNSUPPORTED_CONTENT_ENCODING = "unsupported_content_encoding";
  public static final String UNSCANNABLE_CONTENT = "unscannable_content";

  private InvalidRequestErrors() {}

  /** 400: the body is not well-formed JSON; {@code detail} says where (no body content). */
  public static LockLLMException invalidJson(String detail) {
    return error("Request body is not valid JSON: " + detail, INVALID_JSON, 400);
  }

  /** 400: a JSON object repeats a key, which could hide a prompt from the scan. */
  public static LockLLMException duplicateKey(String key) {
    return error("Request body repeats the JSON key '" + key + "'; duplicate keys are rejected", DUPLICATE_KEY, 400);
  }

  /** 400: no prompt field of the expected format was found. */
  public static LockLLMException promptNotFound(String detail) {
    return error("Could not extract prompt from request: " + detail, PROMPT_NOT_FOUND, 400);
  }

  /** 413: the body is larger than {@code limitBytes}. */
  public static LockLLMException payloadTooLarge(long limitBytes) {
    return error("Request body exceeds the limit of " + limitBytes + " bytes", PAYLOAD_TOO_LARGE, 413);
  }

  /** 413: the JSON nests deeper than {@code maxDepth}. */
  public static LockLLMException nestingTooDeep(int maxDepth) {
    return error("Request body nests deeper than " + maxDepth + " levels", NESTING_TOO_DEEP, 413);
  }

  /** 400: the request does not declare a JSON content type. */
  public static LockLLMException unsupportedContentType(String contentType) {
    return error(
        "Request content type must be application/json (or +json), got '" + contentType + "'",
        UNSUPPORTED_CONTENT_TYPE, 400);
  }

  /** 415: the body is compressed with an encoding the interceptor does not decode. */
  public static LockLLMException unsupportedContentEncoding(String encoding) {
    return error(
        "Request content encoding '" + encoding + "' is not supported; send the body uncompressed",
        UNSUPPORTED_CONTENT_ENCODING, 415);
  }

  /**
   * 422: the body holds content the model reads and the scan cannot (token ids, a PDF, a document
   * by URL); {@code fields} names where (JSON Pointers with reasons, printable ASCII), never what.
   * Only under fail-mode closed; under open such a request proceeds marked unscanned.
   */
  public static LockLLMException unscannableContent(String fields) {
    return error("Request body has content the model reads that cannot be scanned (" + fields
        + "); send it as text, or leave it out", UNSCANNABLE_CONTENT, 422);
  }

  private static LockLLMException error(String message, String code, int status) {
    return new LockLLMException(message, TYPE, code, status, null);
  }
}
