package com.lockllm.output;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.lockllm.error.LockLLMException;
import com.lockllm.error.UpstreamException;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Objects;

/**
 * Guards one SSE answer as bytes arrive. Not thread-safe.
 *
 * <p>Bytes are cut into events at blank lines (CRLF, LF or CR line ends); an event is read only
 * once it is whole, so the output is the same however the bytes are split. An event that carries no
 * model text, or whose text the channels pass unchanged, is sent as its exact bytes; one whose text
 * changed or was held back is sent with its data re-serialized (compact JSON, its other lines as
 * they came), an empty string where all its text is held. Where a channel ends, its held text is
 * sent in a delta event of our own, a copy in shape of the channel's last delta, before the event
 * that ends it ({@code finish_reason}, {@code content_block_stop}, {@code [DONE]}...). Data that is
 * not JSON passes unchanged.
 *
 * <p>Memory: at most the current event (up to {@value #MAX_EVENT_BYTES} bytes) and, per open
 * channel, its checker's held text and the template of its last delta. An event over that size, or
 * whose data starts as JSON but is not valid JSON (a duplicate key included: a client might read
 * the other value), ends the answer as a block does, with the error event of a 502 {@link
 * UpstreamException}: the guard cannot vouch for text it cannot read.
 */
public final class SseAnswerGuard {
  /** The largest event the guard reads. */
  static final int MAX_EVENT_BYTES = 1 << 20;
  private static final int SLICE = 64 * 1024;
  private static final byte[] NOTHING = new byte[0];

  private final SseDialect dialect;
  private final AnswerChannels channels;
  private final SseSession session;
  private final int maxEventBytes;
  /** the current event's bytes so far: [0, size); lines scanned up to {@link #scan}, the current line from {@link #lineStart} */
  private byte[] buffer = new byte[512];
  private int size;
  private int scan;
  private int lineStart;
  private boolean stopped;
  private boolean finished;

  public SseAnswerGuard(AnswerFormat format, AnswerChannels channels) {
    this(format, channels, MAX_EVENT_BYTES);
  }

  SseAnswerGuard(AnswerFormat format, AnswerChannels channels, int maxEventBytes) {
    this.dialect = Objects.requireNonNull(format, "format").dialect();
    this.channels = Objects.requireNonNull(channels, "channels");
    this.session = new SseSession(channels);
    this.maxEventBytes = maxEventBytes;
  }

  /**
   * Bytes to send now (possibly empty). After a block: the events before it with released text,
   * then the error event; later calls return nothing.
   *
   * @throws IllegalStateException after {@link #finish}
   */
  public byte[] accept(byte[] bytes, int offset, int length) {
    Objects.checkFromIndexSize(offset, length, bytes.length);
    if (finished) {
      throw new IllegalStateException("the answer has ended");
    }
    for (int at = offset, end = offset + length; at < end && !stopped; ) {
      int n = Math.min(SLICE, end - at);
      append(bytes, at, n);
      at += n;
      events(false);
      if (!stopped && size > maxEventBytes) {
        stop(tooLarge());
      }
    }
    return session.drain();
  }

  /**
   * The upstream ended: flush every open channel (synthesized delta events carrying the held-back
   * text, placed before the provider's terminal events if they were held) and any partial event (a
   * last event the upstream did not end with a blank line is read, and sent ended, as a whole one).
   *
   * @throws IllegalStateException when called twice
   */
  public byte[] finish() {
    if (finished) {
      throw new IllegalStateException("the answer has ended");
    }
    finished = true;
    if (!stopped) {
      events(true);
    }
    if (!stopped && size > 0) {
      SseEvent partial = SseEvent.parse(Arrays.copyOf(buffer, size));
      byte last = buffer[size - 1];
      String ending = (last == '\n' || last == '\r' ? "" : partial.lineEnd()) + partial.lineEnd();
      byte[] whole = Arrays.copyOf(buffer, size + ending.length());
      System.arraycopy(ending.getBytes(StandardCharsets.ISO_8859_1), 0, whole, size, ending.length());
      size = 0;
      event(whole);
    }
    if (!stopped) {
      try {
        // no event of the upstream's is open: the held texts go out in events of their own
        session.begin(session.lineEnd());
        session.endAll();
      } catch (SseSession.Stop stop) {
        stop(channels.blocked());
      }
    }
    buffer = NOTHING;
    return session.drain();
  }

  /**
   * Whether a channel stopped the answer (the error event has been emitted): the caller ends the
   * response and cancels the upstream.
   */
  public boolean stopped() {
    return stopped;
  }

  private void append(byte[] bytes, int offset, int length) {
    if (size + length > buffer.length) {
      buffer = Arrays.copyOf(buffer, Math.max(buffer.length * 2, size + length));
    }
    System.arraycopy(bytes, offset, buffer, size, length);
    size += length;
  }

  /** Reads the whole events in the buffer; {@code atEnd}: a CR last is a line end (no LF can follow). */
  private void events(boolean atEnd) {
    int start = 0;
    while (scan < size && !stopped) {
      byte b = buffer[scan];
      if (b != '\n' && b != '\r') {
        scan++;
        continue;
      }
      int next = scan + 1;
      if (b == '\r') {
        if (next == size && !atEnd) {
          break;
        }
        if (next < size && buffer[next] == '\n') {
          next++;
        }
      }
      boolean blank = scan == lineStart;
      scan = next;
      lineStart = next;
      if (blank) {
        if (next - start > maxEventBytes) {
          stop(tooLarge());
          return;
        }
        event(Arrays.copyOfRange(buffer, start, next));
        start = next;
      }
    }
    if (stopped) {
      return;
    }
    System.arraycopy(buffer, start, buffer, 0, size - start);
    size -= start;
    scan -= start;
    lineStart -= start;
    if (buffer.length > SLICE && size < SLICE / 8) {
      buffer = Arrays.copyOf(buffer, Math.max(512, size * 2));
    }
  }

  private void event(byte[] raw) {
    SseEvent event = SseEvent.parse(raw);
    session.begin(event.lineEnd());
    String data = event.data();
    try {
      String trimmed = data == null ? "" : data.strip();
      if (trimmed.equals("[DONE]")) {
        session.endAll();
      } else if (trimmed.startsWith("{") || trimmed.startsWith("[")) {
        JsonNode json;
        try {
          json = AnswerJson.read(data);
        } catch (JsonProcessingException malformed) {
          stop(new UpstreamException("the upstream sent an answer event that is not valid JSON", null, null, null));
          return;
        }
        dialect.event(event, json, session);
        if (session.changed()) {
          session.send(event.withData(AnswerJson.write(json)));
          return;
        }
      }
      session.send(raw);
    } catch (SseSession.Stop stop) {
      stop(channels.blocked());
    }
  }

  private LockLLMException tooLarge() {
    return new UpstreamException("the upstream sent an answer event over " + maxEventBytes + " bytes", null, null, null);
  }

  private void stop(LockLLMException error) {
    stopped = true;
    buffer = NOTHING;
    size = 0;
    scan = 0;
    lineStart = 0;
    session.send(AnswerFormat.errorEvent(error, dialect.shape(), session.lineEnd()));
  }
}
