package com.lockllm.output;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.ByteArrayOutputStream;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.function.Predicate;

/**
 * What an {@link SseDialect} works with while it reads one event of an answer: the open channels by
 * key (a dialect's name for one text of the answer, such as choice 0's content), the text slots of
 * the event, and the bytes to send. A channel's held text, when it ends, goes into the event's last
 * slot of that channel, or else into a delta event of its own built by the channel's {@link
 * Synth}, sent before the event. Not thread-safe. Not API.
 */
final class SseSession {
  /** Builds a delta event of one channel carrying {@code text}: its event name (null for none) and data. */
  record Synth(String event, Function<String, JsonNode> data) {}

  /** Thrown when a channel stopped the answer: the guard then sends the error event. */
  static final class Stop extends RuntimeException {
    private static final Stop INSTANCE = new Stop();

    private Stop() {
      super("answer stopped", null, false, false);
    }
  }

  private static final class Open {
    final AnswerChannel channel;
    Synth synth;

    Open(AnswerChannel channel) {
      this.channel = channel;
    }
  }

  private final AnswerChannels channels;
  private final Map<String, Open> open = new LinkedHashMap<>();
  private final ByteArrayOutputStream out = new ByteArrayOutputStream();
  /** this event's last slot of each channel, and the text it released in this event */
  private final Map<String, TextSlot> slots = new HashMap<>();
  private final Map<String, String> released = new HashMap<>();
  private String lineEnd = "\n";
  private boolean changed;

  SseSession(AnswerChannels channels) {
    this.channels = channels;
  }

  /** Starts an event: nothing of it changed yet. */
  void begin(String eventLineEnd) {
    lineEnd = eventLineEnd;
    changed = false;
    slots.clear();
    released.clear();
  }

  /** Whether the current event's text changed, so it must be sent re-serialized. */
  boolean changed() {
    return changed;
  }

  String lineEnd() {
    return lineEnd;
  }

  /** The next chunk of channel {@code key}, read from and written back to {@code slot}. */
  void guard(String key, ChannelKind kind, TextSlot slot, Synth synth) {
    Open o = open.get(key);
    if (o == null) {
      o = new Open(channels.open(kind));
      open.put(key, o);
    }
    o.synth = synth;
    String chunk = slot.get();
    String release = o.channel.accept(chunk);
    String before = released.getOrDefault(key, "");
    if (o.channel.stopped()) {
      send(synth, before + release);
      throw Stop.INSTANCE;
    }
    replace(slot, chunk, release);
    slots.put(key, slot);
    released.put(key, before + release);
  }

  /** Ends channel {@code key}, if open: its held text goes into this event, or into a delta event sent before it. */
  void end(String key) {
    Open o = open.remove(key);
    if (o == null) {
      return;
    }
    String rest = o.channel.finish();
    if (o.channel.stopped()) {
      send(o.synth, released.getOrDefault(key, "") + rest);
      throw Stop.INSTANCE;
    }
    if (rest.isEmpty()) {
      return;
    }
    TextSlot slot = slots.get(key);
    if (slot != null) {
      slot.set(slot.get() + rest);
      changed = true;
    } else {
      send(o.synth, rest);
    }
  }

  /** Ends the open channels whose key {@code which} accepts, in the order they opened. */
  void endAll(Predicate<String> which) {
    List<String> keys = new ArrayList<>();
    for (String key : open.keySet()) {
      if (which.test(key)) {
        keys.add(key);
      }
    }
    for (String key : keys) {
      end(key);
    }
  }

  void endAll() {
    endAll(key -> true);
  }

  /** A whole text, checked on its own channel. */
  void whole(ChannelKind kind, TextSlot slot) {
    run(kind, slot, false);
  }

  /** A text the answer repeats after streaming it, checked on a replay channel (not counted again). */
  void replay(ChannelKind kind, TextSlot slot) {
    run(kind, slot, true);
  }

  private void run(ChannelKind kind, TextSlot slot, boolean replay) {
    String text = slot.get();
    if (text.isEmpty()) {
      return;
    }
    AnswerChannel channel = replay ? channels.replay(kind) : channels.open(kind);
    String release = channel.accept(text);
    if (!channel.stopped()) {
      release += channel.finish();
    }
    if (channel.stopped()) {
      throw Stop.INSTANCE;
    }
    replace(slot, text, release);
  }

  private void replace(TextSlot slot, String was, String now) {
    if (!now.equals(was)) {
      slot.set(now);
      changed = true;
    }
  }

  /** A delta event of our own, sent now. */
  void send(Synth synth, String text) {
    if (!text.isEmpty() && synth != null) {
      out.writeBytes(SseEvent.of(synth.event(), AnswerJson.write(synth.data().apply(text)), lineEnd));
    }
  }

  /** Bytes sent now, as they are. */
  void send(byte[] bytes) {
    out.writeBytes(bytes);
  }

  /** The bytes to send since the last call. */
  byte[] drain() {
    byte[] bytes = out.toByteArray();
    out.reset();
    return bytes;
  }
}
