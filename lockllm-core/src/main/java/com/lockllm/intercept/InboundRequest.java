package com.lockllm.intercept;

import java.io.InputStream;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;

/**
 * A framework's HTTP request as the interceptor sees it: method, path (decoded, without the context
 * path and query), headers (names case-insensitive), and the body, either already in memory or as a
 * stream the interceptor reads itself under its size bound. {@code remoteAddress} (the peer's IP)
 * and {@code principal} (the authenticated user's name) let a {@link
 * com.lockllm.intercept.ClientKeyResolver} identify the caller for abuse detection, unless the adapter
 * sets {@code clientKey} itself; {@code unwrap} is the framework's own request object.
 */
public final class InboundRequest {
  /**
   * A request's headers read by name, case-insensitively: the adapter's view of its framework's
   * request, read only for the headers the interceptor needs (as Brave's {@code
   * HttpServerRequest}), so nothing is copied per request.
   */
  @FunctionalInterface
  public interface Headers {
    /** All values of header {@code name}, in order; empty (or {@code null}) when absent. */
    List<String> values(String name);
  }

  private final String method;
  private final String path;
  private final Headers headers;
  private final byte[] body;
  private final InputStream bodyStream;
  private final long contentLength;
  private final String clientKey;
  private final String remoteAddress;
  private final String principal;
  private final Object unwrap;

  private InboundRequest(Builder b) {
    this.method = Objects.requireNonNull(b.method, "method");
    this.path = Objects.requireNonNull(b.path, "path");
    this.headers = b.source == null ? b.headers::get
        : b.headers.isEmpty() ? b.source
        : name -> b.headers.containsKey(name) ? b.headers.get(name) : b.source.values(name);
    this.body = b.body;
    this.bodyStream = b.bodyStream;
    this.contentLength = b.contentLength;
    this.clientKey = b.clientKey;
    this.remoteAddress = b.remoteAddress;
    this.principal = b.principal;
    this.unwrap = b.unwrap;
  }

  public static Builder builder(String method, String path) {
    return new Builder(method, path);
  }

  public String method() {
    return method;
  }

  public String path() {
    return path;
  }

  /** The first value of header {@code name} (case-insensitive), or {@code null}. */
  public String header(String name) {
    List<String> values = headers.values(name);
    return values == null || values.isEmpty() ? null : values.get(0);
  }

  /** All values of header {@code name} (case-insensitive). */
  public List<String> headers(String name) {
    List<String> values = headers.values(name);
    return values == null ? List.of() : values;
  }

  public String contentType() {
    return header("Content-Type");
  }

  /** The body if the adapter already holds it, else {@code null}. */
  byte[] body() {
    return body;
  }

  InputStream bodyStream() {
    return bodyStream;
  }

  /** The declared {@code Content-Length}, or -1 when unknown (chunked). */
  public long contentLength() {
    return contentLength;
  }

  /** The caller's key as the adapter set it, or {@code null} to let the interceptor resolve one. */
  public String clientKey() {
    return clientKey;
  }

  /** The IP address of the connection's peer (a proxy, when there is one), or {@code null}. */
  public String remoteAddress() {
    return remoteAddress;
  }

  /** The name of the authenticated user, or {@code null}. */
  public String principal() {
    return principal;
  }

  /** The framework's request object, for custom rules; may be {@code null}. */
  public Object unwrap() {
    return unwrap;
  }

  /** Builds an {@link InboundRequest}. */
  public static final class Builder {
    private final String method;
    private final String path;
    private final Map<String, List<String>> headers = new TreeMap<>(String.CASE_INSENSITIVE_ORDER);
    private Headers source;
    private byte[] body;
    private InputStream bodyStream;
    private long contentLength = -1;
    private String clientKey;
    private String remoteAddress;
    private String principal;
    private Object unwrap;

    Builder(String method, String path) {
      this.method = method;
      this.path = path;
    }

    /**
     * Where the headers are read, lazily and by name: the framework's own request (say {@code
     * vertxRequest.headers()::getAll}). Headers added with {@link #header} are read first.
     */
    public Builder headers(Headers source) {
      this.source = Objects.requireNonNull(source, "source");
      return this;
    }

    /** Adds the values of header {@code name}. */
    public Builder header(String name, List<String> values) {
      headers.computeIfAbsent(name, k -> new ArrayList<>()).addAll(values);
      return this;
    }

    public Builder header(String name, String value) {
      return header(name, List.of(value));
    }

    /** The body, already in memory. */
    public Builder body(byte[] body) {
      this.body = Objects.requireNonNull(body, "body");
      this.contentLength = body.length;
      this.bodyStream = null;
      return this;
    }

    /**
     * The body as a stream the interceptor reads, bounded, only if the route is protected.
     * {@code contentLength} is the declared length, or -1 when unknown.
     */
    public Builder body(InputStream stream, long contentLength) {
      this.bodyStream = Objects.requireNonNull(stream, "stream");
      this.contentLength = contentLength;
      this.body = null;
      return this;
    }

    public Builder clientKey(String clientKey) {
      this.clientKey = clientKey;
      return this;
    }

    public Builder remoteAddress(String remoteAddress) {
      this.remoteAddress = remoteAddress;
      return this;
    }

    public Builder principal(String principal) {
      this.principal = principal;
      return this;
    }

    public Builder unwrap(Object request) {
      this.unwrap = request;
      return this;
    }

    public InboundRequest build() {
      return new InboundRequest(this);
    }
  }
}
