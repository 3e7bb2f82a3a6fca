package com.lockllm.client;

import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executor;
import java.util.concurrent.TimeUnit;

/** Waits between retry attempts; tests replace it so they do not wait seconds. Not API. */
interface Delayer {
  /** The real clock: {@link Thread#sleep} and {@link CompletableFuture#delayedExecutor}. */
  Delayer SYSTEM =
      new Delayer() {
        @Override
        public void sleep(long millis) throws InterruptedException {
          Thread.sleep(millis);
        }

        @Override
        public Executor after(long millis) {
          return CompletableFuture.delayedExecutor(millis, TimeUnit.MILLISECONDS);
        }
      };

  /** Blocks the calling thread for {@code millis}. */
  void sleep(long millis) throws InterruptedException;

  /** An executor that starts each task {@code millis} from now, without blocking a thread meanwhile. */
  Executor after(long millis);
}
