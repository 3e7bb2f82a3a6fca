package com.lockllm.servlet;

import jakarta.servlet.ReadListener;
import jakarta.servlet.ServletInputStream;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletRequestWrapper;
import java.io.BufferedReader;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.util.Collections;
import java.util.Enumeration;
import java.util.LinkedHashSet;
import java.util.Set;

/**
 * Presents the bytes the filter read (and maybe redacted) as the request body, with a
 * {@code Content-Length} that matches them and no {@code Transfer-Encoding}, so downstream code
 * reads exactly what was scanned.
 */
final class ReplayedRequest extends HttpServletRequestWrapper {
  private final byte[] body;
  private boolean streamHandedOut;
  private boolean readerHandedOut;

  ReplayedRequest(HttpServletRequest request, byte[] body) {
    super(request);
    this.body = body;
  }

  @Override
  public ServletInputStream getInputStream() {
    if (readerHandedOut) {
      throw new IllegalStateException("getReader() has already been called for this request");
    }
    streamHandedOut = true;
    return new BytesInputStream(body);
  }

  @Override
  public BufferedReader getReader() {
    if (streamHandedOut) {
      throw new IllegalStateException("getInputStream() has already been called for this request");
    }
    readerHandedOut = true;
    String encoding = getCharacterEncoding();
    Charset charset = encoding == null ? StandardCharsets.UTF_8 : Charset.forName(encoding);
    return new BufferedReader(new InputStreamReader(new ByteArrayInputStream(body), charset));
  }

  @Override
  public int getContentLength() {
    return body.length;
  }

  @Override
  public long getContentLengthLong() {
    return body.length;
  }

  @Override
  public String getHeader(String name) {
    if ("Content-Length".equalsIgnoreCase(name)) {
      return Integer.toString(body.length);
    }
    if ("Transfer-Encoding".equalsIgnoreCase(name)) {
      return null;
    }
    return super.getHeader(name);
  }

  @Override
  public Enumeration<String> getHeaders(String name) {
    if ("Content-Length".equalsIgnoreCase(name)) {
      return Collections.enumeration(Set.of(Integer.toString(body.length)));
    }
    if ("Transfer-Encoding".equalsIgnoreCase(name)) {
      return Collections.emptyEnumeration();
    }
    return super.getHeaders(name);
  }

  @Override
  public Enumeration<String> getHeaderNames() {
    Set<String> names = new LinkedHashSet<>();
    for (String name : Collections.list(super.getHeaderNames())) {
      if (!"Transfer-Encoding".equalsIgnoreCase(name) && !"Content-Length".equalsIgnoreCase(name)) {
        names.add(name);
      }
    }
    names.add("Content-Length");
    return Collections.enumeration(names);
  }

  @Override
  public int getIntHeader(String name) {
    if ("Content-Length".equalsIgnoreCase(name)) {
      return body.length;
    }
    return super.getIntHeader(name);
  }

  /** A servlet stream over a byte array; always ready, since the bytes are in memory. */
  private static final class BytesInputStream extends ServletInputStream {
    private final ByteArrayInputStream in;

    BytesInputStream(byte[] body) {
      this.in = new ByteArrayInputStream(body);
    }

    @Override
    public int read() {
      return in.read();
    }

    @Override
    public int read(byte[] b, int off, int len) {
      return in.read(b, off, len);
    }

    @Override
    public boolean isFinished() {
      return in.available() == 0;
    }

    @Override
    public boolean isReady() {
      return true;
    }

    @Override
    public void setReadListener(ReadListener listener) {
      try {
        listener.onDataAvailable();
        listener.onAllDataRead();
      } catch (IOException e) {
        listener.onError(e);
      }
    }
  }
}
