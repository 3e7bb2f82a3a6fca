package com.lockllm.samples.webxml;

import com.lockllm.error.ErrorResponse;
import com.lockllm.error.InvalidRequestErrors;
import com.lockllm.error.LockLLMErrors;
import java.nio.ByteBuffer;
import org.eclipse.jetty.http.HttpField;
import org.eclipse.jetty.http.HttpFields;
import org.eclipse.jetty.http.HttpHeader;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.server.handler.ErrorHandler;
import org.eclipse.jetty.util.Callback;

/**
 * Jetty's own error answers in the LockLLM error JSON ({@link InvalidRequestErrors#refusedByServer})
 * instead of its HTML page, so a client sees one error shape whoever refused its request. Jetty
 * answers from two places: the server, for what it refuses before any context (a malformed request
 * line or header, an unknown HTTP version), and the web application's context, for what it refuses
 * before any filter (an encoded slash or NUL in the path, a path above the root). {@link Server}
 * and {@link Context} cover one each.
 */
final class JsonErrors {
  private JsonErrors() {}

  private static ErrorResponse body(int status) {
    return LockLLMErrors.toResponse(InvalidRequestErrors.refusedByServer(status));
  }

  /** Writes the error JSON, whatever the request accepts. */
  private static void writeJson(Response response, int code, Callback callback) {
    ErrorResponse error = body(code);
    response.getHeaders().put(HttpHeader.CONTENT_TYPE, ErrorResponse.CONTENT_TYPE);
    error.headers().forEach(response.getHeaders()::put);
    response.getHeaders().put(HttpHeader.CONTENT_LENGTH, error.body().length);
    response.write(true, ByteBuffer.wrap(error.body()), callback);
  }

  /** The server's error handler: parse errors and errors outside any context. */
  static final class Server extends ErrorHandler {
    @Override
    protected void generateResponse(Request request, Response response, int code, String message, Throwable cause,
        Callback callback) {
      writeJson(response, code, callback);
    }

    // Deprecated for removal in Jetty 12.1, which answers bad messages through generateResponse;
    // kept so that a Jetty that still calls it answers in JSON too.
    @SuppressWarnings("removal")
    @Override
    public ByteBuffer badMessageError(int status, String reason, HttpFields.Mutable fields) {
      fields.put(new HttpField(HttpHeader.CONTENT_TYPE, ErrorResponse.CONTENT_TYPE));
      return ByteBuffer.wrap(body(status).body());
    }
  }

  /**
   * The web application's error handler: what its context refuses before any filter runs. Since
   * Jetty 12.1 the ee10 handler is the server's own with servlet error pages added, and answers
   * through the same {@code generateResponse}.
   */
  static final class Context extends org.eclipse.jetty.ee10.servlet.ErrorHandler {
    @Override
    protected void generateResponse(Request request, Response response, int code, String message, Throwable cause,
        Callback callback) {
      writeJson(response, code, callback);
    }
  }
}
