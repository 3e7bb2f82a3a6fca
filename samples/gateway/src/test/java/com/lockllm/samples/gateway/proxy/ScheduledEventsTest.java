package com.lockllm.samples.gateway.proxy;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Executors;
import java.util.concurrent.Flow;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** The echo model's paced events: sent only as asked for, the interval apart, then the end; none after a cancel. */
class ScheduledEventsTest {
  private final ScheduledExecutorService scheduler = Executors.newSingleThreadScheduledExecutor();

  @AfterEach
  void stop() {
    scheduler.shutdownNow();
  }

  @Test
  void sendsEachEventOnDemandTheIntervalApartThenCompletes() throws Exception {
    Recorder recorder = new Recorder();
    ScheduledEvents.send(List.of(bytes("a"), bytes("b"), bytes("c")), Duration.ofMillis(100), scheduler, recorder);

    recorder.subscription.request(1);
    assertThat(recorder.next.await(5, TimeUnit.SECONDS)).isTrue();
    Thread.sleep(300);
    // nothing more without demand
    assertThat(recorder.events).containsExactly("a");

    long asked = System.nanoTime();
    recorder.subscription.request(5);
    assertThat(recorder.done.await(5, TimeUnit.SECONDS)).isTrue();
    assertThat(recorder.events).containsExactly("a", "b", "c");
    assertThat(recorder.times.get(2) - asked).isGreaterThanOrEqualTo(Duration.ofMillis(200).toNanos());
  }

  @Test
  void sendsNothingAfterACancel() throws Exception {
    Recorder recorder = new Recorder();
    ScheduledEvents.send(List.of(bytes("a"), bytes("b")), Duration.ofMillis(50), scheduler, recorder);
    recorder.subscription.request(1);
    assertThat(recorder.next.await(5, TimeUnit.SECONDS)).isTrue();

    recorder.subscription.cancel();
    recorder.subscription.request(1);
    Thread.sleep(300);
    assertThat(recorder.events).containsExactly("a");
    assertThat(recorder.done.getCount()).isOne();
  }

  private static byte[] bytes(String text) {
    return text.getBytes(StandardCharsets.UTF_8);
  }

  private static final class Recorder implements Flow.Subscriber<List<ByteBuffer>> {
    final List<String> events = new CopyOnWriteArrayList<>();
    final List<Long> times = new CopyOnWriteArrayList<>();
    final CountDownLatch next = new CountDownLatch(1);
    final CountDownLatch done = new CountDownLatch(1);
    volatile Flow.Subscription subscription;

    @Override
    public void onSubscribe(Flow.Subscription subscription) {
      this.subscription = subscription;
    }

    @Override
    public void onNext(List<ByteBuffer> item) {
      times.add(System.nanoTime());
      events.add(StandardCharsets.UTF_8.decode(item.get(0)).toString());
      next.countDown();
    }

    @Override
    public void onError(Throwable throwable) {
      events.add("error");
    }

    @Override
    public void onComplete() {
      done.countDown();
    }
  }
}
