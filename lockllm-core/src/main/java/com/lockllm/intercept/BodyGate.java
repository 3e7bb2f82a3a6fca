package com.lockllm.intercept;

import com.lockllm.error.InvalidRequestErrors;
import com.lockllm.error.LockLLMException;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.SocketTimeoutException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.TimeoutException;

/**
 * The first part of the request path: which requests must carry a prompt, and reading their body
 * under its bound. Only JSON in UTF-8 with no content encoding is read: anything else could hide
 * text from the extractor. A refused or oversized body is drained (up to {@link
 * LockLLMInterceptor#DRAIN_LIMIT_BYTES}) so the client reads the answer rather than a reset.
 */
final class BodyGate {
  private BodyGate() {}

  /**
   * Whether {@code request} must carry a prompt on {@code route}: its method, or a method its
   * override headers name, is one of the route's; so a {@code GET} that an application treats as a
   * {@code POST} is held to the same rule.
   */
  static boolean requiresPrompt(ProtectedRoute route, InboundRequest request) {
    return route.requiresPrompt(methods(request));
  }

  /**
   * The body to extract from; {@code null} when the request need not carry a prompt ({@code
   * required} false) and has no body, so nothing was read. A body is read whatever the method,
   * since a proxy or handler may forward the body of a {@code GET} as readily as that of a {@code
   * POST}; only a required or non-empty one must be JSON.
   *
   * @throws LockLLMException 413, 415 or 400/408 for a body that cannot be read as a prompt
   */
  static byte[] read(InboundRequest request, int maxBytes, boolean required) {
    if (required) {
      try {
        checkEncoding(request.header("Content-Encoding"));
        checkContentType(request.contentType());
      } catch (LockLLMException e) {
        drain(request.bodyStream());
        throw e;
      }
      return readBody(request, maxBytes);
    }
    if (request.contentLength() == 0 || (request.body() == null && request.bodyStream() == null)) {
      return null;
    }
    byte[] body = readBody(request, maxBytes);
    if (body.length > 0) {
      checkEncoding(request.header("Content-Encoding"));
      checkContentType(request.contentType());
    }
    return body;
  }

  /** The request's method and those its {@link LockLLMInterceptor#METHOD_OVERRIDE_HEADERS} name. */
  private static List<String> methods(InboundRequest request) {
    List<String> methods = null;
    for (String name : LockLLMInterceptor.METHOD_OVERRIDE_HEADERS) {
      String value = request.header(name);
      if (value != null && !value.isBlank()) {
        if (methods == null) {
          methods = new ArrayList<>(4);
          methods.add(request.method());
        }
        methods.add(value);
      }
    }
    return methods == null ? List.of(request.method()) : methods;
  }

  private static void checkEncoding(String encoding) {
    if (encoding != null && !encoding.isBlank() && !"identity".equalsIgnoreCase(encoding.trim())) {
      throw InvalidRequestErrors.unsupportedContentEncoding(encoding.trim());
    }
  }

  private static void checkContentType(String contentType) {
    if (contentType == null) {
      throw InvalidRequestErrors.unsupportedContentType("none");
    }
    String[] parts = contentType.split(";");
    String mediaType = parts[0].trim().toLowerCase(Locale.ROOT);
    boolean json = mediaType.equals("application/json")
        || (mediaType.startsWith("application/") && mediaType.endsWith("+json"));
    if (!json) {
      throw InvalidRequestErrors.unsupportedContentType(mediaType);
    }
    for (int i = 1; i < parts.length; i++) {
      String[] param = parts[i].trim().split("=", 2);
      if (param.length == 2 && param[0].trim().equalsIgnoreCase("charset")) {
        String charset = param[1].trim().replace("\"", "");
        if (!charset.equalsIgnoreCase("utf-8") && !charset.equalsIgnoreCase("utf8")) {
          throw InvalidRequestErrors.unsupportedContentType(mediaType + "; charset=" + charset);
        }
      }
    }
  }

  private static byte[] readBody(InboundRequest request, int maxBytes) {
    if (request.contentLength() > maxBytes) {
      if (request.contentLength() - maxBytes <= LockLLMInterceptor.DRAIN_LIMIT_BYTES) {
        drain(request.bodyStream());
      }
      throw InvalidRequestErrors.payloadTooLarge(maxBytes);
    }
    if (request.body() != null) {
      return request.body();
    }
    InputStream in = request.bodyStream();
    if (in == null) {
      return new byte[0];
    }
    ByteArrayOutputStream out = new ByteArrayOutputStream(
        request.contentLength() > 0 ? (int) request.contentLength() : 8192);
    byte[] buffer = new byte[8192];
    long total = 0;
    try {
      int n;
      while ((n = in.read(buffer)) != -1) {
        total += n;
        if (total > maxBytes) {
          drain(in);
          throw InvalidRequestErrors.payloadTooLarge(maxBytes);
        }
        out.write(buffer, 0, n);
      }
    } catch (IOException e) {
      throw bodyReadFailure(e);
    }
    return out.toByteArray();
  }

  /**
   * 408 when the container's read timeout expired while the body was still arriving (a client that
   * stalls mid-body: Tomcat's {@code connectionTimeout} throws a {@link SocketTimeoutException},
   * Jetty's idle timeout an {@code IOException} caused by a {@link TimeoutException}); otherwise a
   * 400 {@code body_read_failed}. Either way the request thread is released at once.
   */
  private static LockLLMException bodyReadFailure(IOException e) {
    for (Throwable t = e; t != null; t = t.getCause() == t ? null : t.getCause()) {
      if (t instanceof SocketTimeoutException || t instanceof TimeoutException) {
        return InvalidRequestErrors.requestTimeout("the server's read timeout expired");
      }
    }
    return new LockLLMException(
        "Could not read the request body: " + e.getClass().getSimpleName(),
        InvalidRequestErrors.TYPE, "body_read_failed", 400, null);
  }

  /**
   * Reads and discards what is left of a rejected body, at most {@link
   * LockLLMInterceptor#DRAIN_LIMIT_BYTES}. Beyond the limit the container closes the connection
   * (Tomcat's {@code maxSwallowSize} makes the same trade).
   */
  private static void drain(InputStream in) {
    if (in == null) {
      return;
    }
    byte[] buffer = new byte[8192];
    long left = LockLLMInterceptor.DRAIN_LIMIT_BYTES;
    try {
      int n;
      while (left > 0 && (n = in.read(buffer, 0, (int) Math.min(buffer.length, left))) != -1) {
        left -= n;
      }
    } catch (IOException e) {
      // the answer is a 413 either way; a broken stream only means the client is gone
    }
  }
}
