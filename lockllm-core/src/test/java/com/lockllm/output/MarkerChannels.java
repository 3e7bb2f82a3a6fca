package com.lockllm.output;

import com.lockllm.error.LockLLMException;
import java.util.ArrayList;
import java.util.List;

/**
 * Test-only {@link AnswerChannels}: each channel holds back the last {@code hold} characters (never
 * cutting a marker or a surrogate pair), redacts {@link #MARKER} to {@link #REDACTED}, and stops
 * before {@link #STOP}. With {@code hold} 0 it passes every chunk as it came.
 */
final class MarkerChannels implements AnswerChannels {
  static final String MARKER = "SECRET";
  static final String REDACTED = "[X]";
  static final String STOP = "STOP";
  static final LockLLMException BLOCKED = new LockLLMException("the answer was blocked", "lockllm_error", "output_blocked", 403, null);

  /** One channel opened, as the guard opened it. */
  record Opened(ChannelKind kind, boolean replay, Channel channel) {}

  private final int hold;
  final List<Opened> opened = new ArrayList<>();

  MarkerChannels(int hold) {
    if (hold != 0 && hold < MARKER.length()) {
      throw new IllegalArgumentException("hold " + hold);
    }
    this.hold = hold;
  }

  /** What a client must read of {@code text}: cut before STOP, markers redacted. */
  static String expected(String text) {
    int stop = text.indexOf(STOP);
    return (stop < 0 ? text : text.substring(0, stop)).replace(MARKER, REDACTED);
  }

  @Override
  public AnswerChannel open(ChannelKind kind) {
    Channel channel = new Channel();
    opened.add(new Opened(kind, false, channel));
    return channel;
  }

  @Override
  public AnswerChannel replay(ChannelKind kind) {
    Channel channel = new Channel();
    opened.add(new Opened(kind, true, channel));
    return channel;
  }

  @Override
  public LockLLMException blocked() {
    return BLOCKED;
  }

  /** The kinds of the channels opened for text first seen (not replays) that received something. */
  List<ChannelKind> kinds() {
    return opened.stream().filter(o -> !o.replay() && !o.channel().text.isEmpty()).map(Opened::kind).toList();
  }

  final class Channel implements AnswerChannel {
    final StringBuilder text = new StringBuilder();
    private int releasedOut;
    private boolean stopped;
    private boolean finished;

    @Override
    public String accept(String chunk) {
      if (stopped || finished) {
        throw new IllegalStateException("accept after " + (stopped ? "stop" : "finish"));
      }
      text.append(chunk);
      return hold == 0 ? chunk : release(false);
    }

    @Override
    public String finish() {
      if (stopped || finished) {
        throw new IllegalStateException("finish after " + (stopped ? "stop" : "finish"));
      }
      finished = true;
      return hold == 0 ? "" : release(true);
    }

    @Override
    public boolean stopped() {
      return stopped;
    }

    private String release(boolean end) {
      String t = text.toString();
      int stop = t.indexOf(STOP);
      int cut;
      if (stop >= 0) {
        stopped = true;
        cut = stop;
      } else if (end) {
        cut = t.length();
      } else {
        cut = Math.max(0, t.length() - hold);
        for (int at = t.indexOf(MARKER); at >= 0 && at < cut; at = t.indexOf(MARKER, at + MARKER.length())) {
          if (at + MARKER.length() > cut) {
            cut = at;
          }
        }
        if (cut > 0 && Character.isHighSurrogate(t.charAt(cut - 1))) {
          cut--;
        }
      }
      String out = t.substring(0, cut).replace(MARKER, REDACTED);
      String release = out.substring(releasedOut);
      releasedOut = out.length();
      return release;
    }
  }
}
