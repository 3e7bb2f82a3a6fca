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
  public static final String REQUEST_TIMEOUT = "request_timeout";

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

  /**
   * 408: the body stopped arriving and the server's read timeout expired before it was complete;
   * {@code detail} says which timeout.
   */
  public static LockLLMException requestTimeout(String detail) {
    return error("The request body did not arrive in time: " + detail, REQUEST_TIMEOUT, 408);
  }

  /**
   * What a server refused on its own, before any filter ran (a malformed request line, path or
   * header, a transfer coding it does not implement), as a typed error with that {@code status}:
   * {@code invalid_http_request} for a 400, {@code request_timeout}, {@code uri_too_long}, {@code
   * headers_too_large}, {@code not_implemented}, {@code http_version_not_supported}, ... The message
   * names the kind of problem only: a server's own message may quote the request target.
   */
  public static LockLLMException refusedByServer(int status) {
    return switch (status) {
      case 400 -> error("The request line, path or headers are malformed or not allowed", "invalid_http_request", 400);
      case 408 -> error("The request did not arrive in time", REQUEST_TIMEOUT, 408);
      case 413 -> error("The request is larger than the server accepts", PAYLOAD_TOO_LARGE, 413);
      case 414 -> error("The request target is longer than the server accepts", "uri_too_long", 414);
      case 431 -> error("The request headers are larger than the server accepts", "headers_too_large", 431);
      case 501 -> error("The request uses a method or transfer coding the server does not implement",
          "not_implemented", 501);
      case 505 -> error("The request's HTTP version is not supported", "http_version_not_supported", 505);
      default -> status < 500
          ? error("The server refused the request", "invalid_http_request", status)
          : new LockLLMException("The server could not handle the request", LockLLMException.DEFAULT_TYPE,
              "server_error", status, null);
    };
  }

  private static LockLLMException error(String message, String code, int status) {
    return new LockLLMException(message, TYPE, code, status, null);
  }
}
