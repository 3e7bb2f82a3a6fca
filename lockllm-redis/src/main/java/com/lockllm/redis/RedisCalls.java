package com.lockllm.redis;

import io.lettuce.core.RedisCommandExecutionException;
import io.lettuce.core.RedisCommandTimeoutException;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Supplier;

/** The breaker, bounded waits and error translation shared by the counter store, the caches and the hash. */
final class RedisCalls {
  private final LockLLMRedis redis;
  private final long timeoutMillis;

  RedisCalls(LockLLMRedis redis) {
    this.redis = redis;
    this.timeoutMillis = redis.commandTimeout().toMillis();
  }

  /**
   * Starts a call through the circuit breaker and bounds it by the command timeout. A call the open
   * breaker refuses, or one that cannot even be dispatched (the connection rejects commands while
   * it is down), fails the returned future, never the caller. The breaker learns how the call
   * ended before the returned future completes.
   */
  <T> CompletableFuture<T> start(Supplier<? extends CompletionStage<T>> call) {
    RedisBreaker breaker = redis.breaker();
    if (!breaker.tryAcquire()) {
      return CompletableFuture.failedFuture(breaker.openFailure(redis.secrets().where()));
    }
    CompletableFuture<T> f;
    try {
      f = call.get().toCompletableFuture();
    } catch (RuntimeException e) {
      breaker.record(e);
      return CompletableFuture.failedFuture(e);
    }
    // orTimeout completes a copy, so the Lettuce command future itself is left to Lettuce.
    return f.thenApply(v -> v).orTimeout(timeoutMillis, TimeUnit.MILLISECONDS)
        .whenComplete((v, e) -> breaker.record(e));
  }

  /** Waits for {@code f} on the calling thread, at most the command timeout (plus a margin). */
  <T> T await(CompletableFuture<T> f, String what) {
    try {
      return f.get(timeoutMillis + 50, TimeUnit.MILLISECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted while waiting for Redis (" + what + ")");
    } catch (ExecutionException e) {
      throw failure(e.getCause(), what);
    } catch (TimeoutException e) {
      throw failure(e, what);
    }
  }

  /**
   * {@code f} completed on the callback executor, its failure translated; in place when the
   * executor refuses the task (shut down, saturated), so the caller's future always completes.
   */
  <T> CompletableFuture<T> deliver(CompletableFuture<T> f, String what) {
    CompletableFuture<T> out = new CompletableFuture<>();
    f.whenComplete((v, e) -> {
      Runnable complete = () -> {
        if (e != null) {
          out.completeExceptionally(failure(e, what));
        } else {
          out.complete(v);
        }
      };
      try {
        redis.callbackExecutor().execute(complete);
      } catch (RuntimeException rejected) {
        complete.run();
      }
    });
    return out;
  }

  /** An {@link IllegalStateException} saying what failed, without credentials. */
  RuntimeException failure(Throwable e, String what) {
    Throwable t = Secrets.unwrap(e);
    Secrets secrets = redis.secrets();
    if (t instanceof IllegalStateException && t.getMessage() != null && t.getMessage().startsWith("Redis ")) {
      return (IllegalStateException) t;
    }
    if (t instanceof TimeoutException || t instanceof RedisCommandTimeoutException) {
      return new IllegalStateException("Redis unavailable (" + secrets.where() + "): no answer to " + what
          + " within " + Duration.ofMillis(timeoutMillis).toMillis() + " ms");
    }
    if (t instanceof RedisCommandExecutionException) {
      return new IllegalStateException("Redis command failed (" + secrets.where() + ", " + what + "): "
          + secrets.describe(t));
    }
    return new IllegalStateException("Redis unavailable (" + secrets.where() + ", " + what + "): "
        + secrets.describe(t));
  }
}
