package com.lockllm.samples.gateway.proxy;

import static org.assertj.core.api.Assertions.assertThat;

import com.lockllm.samples.gateway.GatewayApplication;
import java.io.BufferedReader;
import java.io.ByteArrayOutputStream;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executors;
import java.util.concurrent.Flow;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.web.server.context.WebServerApplicationContext;
import org.springframework.context.ConfigurableApplicationContext;

/**
 * Streams hold no Tomcat worker: with 20 workers at most, 300 slow streams through the gateway are
 * all open at once and all complete, proxied (the upstream counts them) and from the echo model at
 * a slow pace; a client that goes away ends its upstream request. Real HTTP into the embedded
 * server, the answer-side guard on, as shipped.
 */
class ConcurrentStreamsTest {
  private static final int STREAMS = 300;
  private static final int WORKERS = 20;
  private static final int EVENTS = 10;
  private static final HttpClient CLIENT = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
      .executor(Executors.newFixedThreadPool(4)).build();
  private static SlowUpstream upstream;
  private static ConfigurableApplicationContext proxying;
  private static ConfigurableApplicationContext echoing;

  @BeforeAll
  static void start() throws Exception {
    upstream = new SlowUpstream(EVENTS, 100, STREAMS);
    proxying = gateway("--lockllm.gateway.providers.slow.base-url=" + upstream.base());
    echoing = gateway("--lockllm.gateway.echo-event-interval=200ms");
  }

  private static ConfigurableApplicationContext gateway(String... args) {
    List<String> all = new ArrayList<>(List.of("--server.port=0", "--server.address=127.0.0.1",
        "--server.tomcat.threads.max=" + WORKERS, "--server.tomcat.threads.min-spare=2",
        "--lockllm.engine-tier=lexical", "--lockllm.gateway.upstream.base-url="));
    all.addAll(List.of(args));
    return SpringApplication.run(GatewayApplication.class, all.toArray(String[]::new));
  }

  @AfterAll
  static void stop() {
    proxying.close();
    echoing.close();
    upstream.close();
  }

  @Test
  void servesMoreSlowStreamsAtOnceThanTomcatHasWorkers() throws Exception {
    ThreadMXBean threads = ManagementFactory.getThreadMXBean();
    threads.resetPeakThreadCount();
    // other test classes in this JVM may have left threads: what counts is how many these streams add
    int before = threads.getThreadCount();
    List<CompletableFuture<HttpResponse<Recorded>>> streams = new ArrayList<>();
    for (int i = 0; i < STREAMS; i++) {
      streams.add(open(proxying, "/v1/proxy/slow/gated/chat/completions", "{\"model\":\"slow-1\",\"stream\":true,"
          + "\"messages\":[{\"role\":\"user\",\"content\":\"Tell me about stream " + i + "\"}]}"));
    }
    CompletableFuture.allOf(streams.toArray(CompletableFuture[]::new)).get(60, TimeUnit.SECONDS);

    // The upstream sends past its first event only once all are open together: a worker per stream never gets there.
    assertThat(upstream.peak.get()).isEqualTo(STREAMS);
    assertThat(upstream.completed.get()).isEqualTo(STREAMS);
    for (CompletableFuture<HttpResponse<Recorded>> stream : streams) {
      HttpResponse<Recorded> response = stream.get();
      assertThat(response.statusCode()).isEqualTo(200);
      assertThat(response.headers().firstValue("X-LockLLM-Output-Scan")).hasValue("streamed");
      assertThat(response.body().text()).endsWith("data: [DONE]\n\n");
      assertThat(response.body().content()).isEqualTo(SlowUpstream.WORDS.repeat(EVENTS));
    }
    // Nor a thread each anywhere else: client, upstream and gateway in this JVM stay far below one per stream.
    assertThat(threads.getPeakThreadCount() - before).isLessThan(STREAMS / 2);
  }

  @Test
  void pacesTheEchoModelsEventsWithoutAWorkerEach() throws Exception {
    List<CompletableFuture<HttpResponse<Recorded>>> streams = new ArrayList<>();
    for (int i = 0; i < STREAMS; i++) {
      streams.add(open(echoing, "/v1/chat/completions", "{\"model\":\"echo-1\",\"stream\":true,"
          + "\"messages\":[{\"role\":\"user\",\"content\":\"Tell me a joke about stream number " + i + "\"}]}"));
    }
    CompletableFuture.allOf(streams.toArray(CompletableFuture[]::new)).get(60, TimeUnit.SECONDS);

    List<long[]> spans = new ArrayList<>();
    for (CompletableFuture<HttpResponse<Recorded>> stream : streams) {
      HttpResponse<Recorded> response = stream.get();
      assertThat(response.statusCode()).isEqualTo(200);
      assertThat(response.body().text()).endsWith("data: [DONE]\n\n");
      assertThat(response.body().content()).contains("joke about stream number");
      spans.add(new long[] {response.body().first, response.body().last});
      // each event 200 ms after the one before
      assertThat(response.body().last - response.body().first).isGreaterThan(Duration.ofSeconds(1).toNanos());
    }
    // Streams in flight together, from their first byte to their last, seen by the clients.
    assertThat(mostAtOnce(spans)).isGreaterThan(WORKERS * 5);
  }

  @Test
  void aClientGoingAwayEndsItsUpstreamRequest() throws Exception {
    String body = "{\"model\":\"slow-1\",\"stream\":true,\"messages\":[{\"role\":\"user\",\"content\":\"Go on and on\"}]}";
    try (Socket socket = new Socket("127.0.0.1", port(proxying))) {
      OutputStream out = socket.getOutputStream();
      out.write(("POST /v1/proxy/slow/long/chat/completions HTTP/1.1\r\nHost: localhost\r\n"
          + "Content-Type: application/json\r\nContent-Length: " + body.length() + "\r\n\r\n" + body)
          .getBytes(StandardCharsets.UTF_8));
      out.flush();
      BufferedReader in = new BufferedReader(new InputStreamReader(socket.getInputStream(), StandardCharsets.UTF_8));
      String line = in.readLine();
      assertThat(line).startsWith("HTTP/1.1 200");
      while (!line.startsWith("data:")) {
        line = in.readLine();
      }
    }
    // The upstream would go on for 20 s; it is told within a few.
    assertThat(upstream.cancelled.await(10, TimeUnit.SECONDS)).isTrue();
  }

  private static int mostAtOnce(List<long[]> spans) {
    int most = 0;
    for (long[] span : spans) {
      int together = 0;
      for (long[] other : spans) {
        if (other[0] <= span[0] && span[0] < other[1]) {
          together++;
        }
      }
      most = Math.max(most, together);
    }
    return most;
  }

  private static int port(ConfigurableApplicationContext gateway) {
    return ((WebServerApplicationContext) gateway).getWebServer().getPort();
  }

  private static CompletableFuture<HttpResponse<Recorded>> open(ConfigurableApplicationContext gateway, String path,
      String body) {
    HttpRequest request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port(gateway) + path))
        .header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofString(body)).build();
    return CLIENT.sendAsync(request, info -> HttpResponse.BodySubscribers.fromSubscriber(new Recorded(), r -> r));
  }

  /** A streamed body with the time of its first and last byte. */
  static final class Recorded implements Flow.Subscriber<List<ByteBuffer>> {
    private static final Pattern CONTENT = Pattern.compile("\"content\":\"([^\"]*)\"");
    private final ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    volatile long first;
    volatile long last;

    @Override
    public void onSubscribe(Flow.Subscription subscription) {
      subscription.request(Long.MAX_VALUE);
    }

    @Override
    public synchronized void onNext(List<ByteBuffer> buffers) {
      long now = System.nanoTime();
      for (ByteBuffer buffer : buffers) {
        byte[] chunk = new byte[buffer.remaining()];
        buffer.get(chunk);
        bytes.write(chunk, 0, chunk.length);
        if (chunk.length > 0) {
          first = first == 0 ? now : first;
          last = now;
        }
      }
    }

    @Override
    public void onError(Throwable throwable) {
      // the response's future fails
    }

    @Override
    public void onComplete() {
      // last is the last byte's time
    }

    synchronized String text() {
      return bytes.toString(StandardCharsets.UTF_8);
    }

    /** The text of the chat deltas, however the answer-side guard split it between events. */
    String content() {
      StringBuilder content = new StringBuilder();
      Matcher delta = CONTENT.matcher(text());
      while (delta.find()) {
        content.append(delta.group(1));
      }
      return content.toString();
    }
  }
}
