package com.lockllm.client;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executor;

/** Records the delays a client asks for and does not wait. */
final class RecordingDelayer implements Delayer {
  final List<Long> delays = new CopyOnWriteArrayList<>();

  @Override
  public void sleep(long millis) {
    delays.add(millis);
  }

  @Override
  public Executor after(long millis) {
    delays.add(millis);
    return Runnable::run;
  }
}
