package com.lockllm.servlet;

import com.lockllm.error.ErrorResponse;
import com.lockllm.output.AnswerContext;
import com.lockllm.output.ResponseGuard;
import jakarta.servlet.ServletOutputStream;
import jakarta.servlet.WriteListener;
import jakarta.servlet.http.HttpServletResponse;
import jakarta.servlet.http.HttpServletResponseWrapper;
import java.io.IOException;
import java.io.OutputStreamWriter;
import java.io.PrintWriter;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * The application's view of the response of a protected request whose answer is checked: every
 * body byte goes through a {@link ResponseGuard}, opened when the answer's status and headers are
 * known (its first byte, flush or commit). A streamed answer is written as the guard releases it and
 * pushed on each flush of the application; after the guard cut it (a block), writes fail with an
 * {@link IOException}, so the application stops reading its upstream. A buffered one is held by the
 * guard and written, redacted or replaced by the guard's error, by {@link #finish}. The upstream's
 * {@code Content-Length} is dropped unless the guard passes the answer as it is. Not API; not
 * thread-safe, as a response is not, but {@link #close} may be called from another thread.
 */
final class GuardedResponse extends HttpServletResponseWrapper {
  /** Representation headers of the application's answer, dropped when the guard's error replaces it. */
  private static final Set<String> REPRESENTATION = Set.of("content-length", "content-type", "content-encoding",
      "content-range", "content-disposition", "content-language", "content-md5", "etag", "last-modified",
      "transfer-encoding");

  private final AnswerContext context;
  private final Map<String, String> requestHeaders;
  private ResponseGuard guard;
  /** The {@code Content-Length} the application set before the guard opened, or -1. */
  private long contentLength = -1;
  private boolean headersWritten;
  /** The answer has ended for the application: refused, cut, or passed on to the container's error handling. */
  private boolean ended;
  private boolean bypass;
  private boolean finished;
  private ServletOutputStream stream;
  private PrintWriter writer;

  /**
   * @param requestHeaders the request side's {@code X-LockLLM-*} headers, kept when an error replaces the answer
   */
  GuardedResponse(HttpServletResponse response, AnswerContext context, Map<String, String> requestHeaders) {
    super(response);
    this.context = context;
    this.requestHeaders = requestHeaders;
  }

  /** Whether the answers of a request decided with {@code context} need a guard at all. */
  static boolean guarded(AnswerContext context) {
    return context != AnswerContext.none()
        && (context.output().enabled() || context.canary() != null || !context.placeholders().isEmpty());
  }

  private HttpServletResponse response() {
    return (HttpServletResponse) getResponse();
  }

  /** The guard, opened on the status and headers the application has set by now. */
  private ResponseGuard guard() throws IOException {
    if (guard == null) {
      HttpServletResponse r = response();
      guard = ResponseGuard.open(context, r.getStatus(), r.getContentType(), r.getHeader("Content-Encoding"));
      switch (guard.mode()) {
        case PASS -> {
          if (contentLength >= 0) {
            r.setContentLengthLong(contentLength);
          }
          headers();
        }
        case REJECT -> {
          ended = true;
          send(guard.rejection());
        }
        default -> headers();
      }
    }
    return guard;
  }

  private void headers() {
    if (!response().isCommitted()) {
      guard.headers().forEach(response()::setHeader);
    }
  }

  /** Writes what the guard released: its headers first, while they can still be set. */
  private void write(byte[] out) throws IOException {
    if (out.length == 0) {
      return;
    }
    if (!headersWritten) {
      headers();
      headersWritten = true;
    }
    response().getOutputStream().write(out);
  }

  private void accept(byte[] bytes, int offset, int length) throws IOException {
    if (bypass) {
      response().getOutputStream().write(bytes, offset, length);
      return;
    }
    if (finished) {
      throw new IOException("the answer has been written");
    }
    ResponseGuard g = guard();
    if (ended) {
      throw new AnswerEnded();
    }
    if (g.mode() == ResponseGuard.Mode.PASS) {
      response().getOutputStream().write(bytes, offset, length);
      return;
    }
    write(g.accept(bytes, offset, length));
    if (g.stopped() && g.mode() == ResponseGuard.Mode.STREAM) {
      ended = true;
      response().flushBuffer();
    }
  }

  /** The application flushed: a streamed or passed answer goes out now; a buffered one stays held. */
  private void push() throws IOException {
    if (bypass) {
      response().flushBuffer();
      return;
    }
    ResponseGuard g = guard();
    if (!ended && g.mode() != ResponseGuard.Mode.BUFFER) {
      headers();
      response().flushBuffer();
    }
  }

  /**
   * Ends the answer once the application is done: writes what the guard still held, or the error
   * that replaces a buffered answer. Idempotent; does not {@link #close}.
   */
  void finish() throws IOException {
    if (finished) {
      return;
    }
    if (writer != null) {
      writer.flush();
    }
    finished = true;
    if (bypass) {
      return;
    }
    ResponseGuard g = guard();
    if (ended || g.mode() == ResponseGuard.Mode.PASS || g.mode() == ResponseGuard.Mode.REJECT) {
      return;
    }
    byte[] out = g.finish();
    if (g.rejection() != null) {
      send(g.rejection());
      return;
    }
    if (!headersWritten && !response().isCommitted()) {
      headers();
      if (g.mode() == ResponseGuard.Mode.BUFFER) {
        response().setContentLength(out.length);
      }
    }
    write(out);
    if (g.mode() == ResponseGuard.Mode.STREAM) {
      response().flushBuffer();
    }
  }

  /** Ends the exchange: wipes the request's masked data and logs the guard's decision. */
  void close() {
    ResponseGuard g = guard;
    if (g != null) {
      g.close();
    } else {
      context.wipe();
    }
  }

  /** Whether the guard ended the answer early (a cut stream, a refused answer): the application's failure is ours. */
  boolean ended() {
    return ended;
  }

  /** The guard's error in place of the application's answer: its status, the request's headers and the error. */
  private void send(ErrorResponse error) throws IOException {
    HttpServletResponse r = response();
    if (r.isCommitted()) {
      return;
    }
    Map<String, List<String>> kept = new LinkedHashMap<>();
    for (String name : r.getHeaderNames()) {
      if (!REPRESENTATION.contains(name.toLowerCase(Locale.ROOT))) {
        kept.putIfAbsent(name, new ArrayList<>(r.getHeaders(name)));
      }
    }
    r.reset();
    kept.forEach((name, values) -> values.forEach(value -> r.addHeader(name, value)));
    requestHeaders.forEach(r::setHeader);
    r.setStatus(error.status());
    error.headers().forEach(r::setHeader);
    r.setContentLength(error.body().length);
    r.getOutputStream().write(error.body());
    r.flushBuffer();
  }

  /** The container answers instead ({@code sendError}, a redirect): its answer is not the model's. */
  @Override
  public void sendError(int sc, String msg) throws IOException {
    bypass = true;
    super.sendError(sc, msg);
  }

  @Override
  public void sendError(int sc) throws IOException {
    bypass = true;
    super.sendError(sc);
  }

  @Override
  public void sendRedirect(String location) throws IOException {
    bypass = true;
    super.sendRedirect(location);
  }

  @Override
  public void setContentLength(int len) {
    setContentLengthLong(len);
  }

  @Override
  public void setContentLengthLong(long len) {
    if (bypass || guard != null && guard.mode() == ResponseGuard.Mode.PASS) {
      super.setContentLengthLong(len);
    } else if (guard == null) {
      contentLength = len;
    }
  }

  @Override
  public void setHeader(String name, String value) {
    if (isContentLength(name)) {
      setContentLengthLong(value == null ? -1 : Long.parseLong(value.trim()));
    } else {
      super.setHeader(name, value);
    }
  }

  @Override
  public void addHeader(String name, String value) {
    if (isContentLength(name)) {
      setContentLengthLong(Long.parseLong(value.trim()));
    } else {
      super.addHeader(name, value);
    }
  }

  @Override
  public void setIntHeader(String name, int value) {
    if (isContentLength(name)) {
      setContentLengthLong(value);
    } else {
      super.setIntHeader(name, value);
    }
  }

  @Override
  public void addIntHeader(String name, int value) {
    if (isContentLength(name)) {
      setContentLengthLong(value);
    } else {
      super.addIntHeader(name, value);
    }
  }

  @Override
  public boolean containsHeader(String name) {
    return isContentLength(name) && guard == null ? contentLength >= 0 : super.containsHeader(name);
  }

  @Override
  public String getHeader(String name) {
    if (isContentLength(name) && guard == null) {
      return contentLength < 0 ? null : Long.toString(contentLength);
    }
    return super.getHeader(name);
  }

  @Override
  public Collection<String> getHeaders(String name) {
    if (isContentLength(name) && guard == null) {
      return contentLength < 0 ? List.of() : List.of(Long.toString(contentLength));
    }
    return super.getHeaders(name);
  }

  private static boolean isContentLength(String name) {
    return "content-length".equalsIgnoreCase(name);
  }

  @Override
  public void flushBuffer() throws IOException {
    if (writer != null) {
      writer.flush();
    }
    push();
  }

  @Override
  public void resetBuffer() {
    super.resetBuffer();
    reopen();
  }

  @Override
  public void reset() {
    super.reset();
    contentLength = -1;
    reopen();
  }

  /** The application starts its answer over: a guard that let nothing out yet opens again on the next bytes. */
  private void reopen() {
    if (guard != null && !headersWritten && !ended && guard.mode() != ResponseGuard.Mode.STREAM) {
      guard = null;
    }
  }

  @Override
  public ServletOutputStream getOutputStream() throws IOException {
    if (writer != null) {
      throw new IllegalStateException("getWriter() has been called on this response");
    }
    if (stream == null) {
      stream = new GuardedStream();
    }
    return stream;
  }

  @Override
  public PrintWriter getWriter() throws IOException {
    if (writer == null) {
      if (stream != null) {
        throw new IllegalStateException("getOutputStream() has been called on this response");
      }
      String encoding = getCharacterEncoding();
      Charset charset = encoding == null ? StandardCharsets.ISO_8859_1 : Charset.forName(encoding);
      stream = new GuardedStream();
      writer = new PrintWriter(new OutputStreamWriter(stream, charset));
    }
    return writer;
  }

  /** The body stream the application writes to. */
  private final class GuardedStream extends ServletOutputStream {
    @Override
    public void write(int b) throws IOException {
      accept(new byte[] {(byte) b}, 0, 1);
    }

    @Override
    public void write(byte[] b, int off, int len) throws IOException {
      accept(b, off, len);
    }

    @Override
    public void flush() throws IOException {
      push();
    }

    @Override
    public void close() throws IOException {
      finish();
    }

    @Override
    public boolean isReady() {
      try {
        return response().getOutputStream().isReady();
      } catch (IOException e) {
        return false;
      }
    }

    @Override
    public void setWriteListener(WriteListener listener) {
      try {
        response().getOutputStream().setWriteListener(listener);
      } catch (IOException e) {
        listener.onError(e);
      }
    }
  }

  /** A write after the guard ended the answer. */
  static final class AnswerEnded extends IOException {
    AnswerEnded() {
      super("the answer was ended by its output check");
    }
  }
}
