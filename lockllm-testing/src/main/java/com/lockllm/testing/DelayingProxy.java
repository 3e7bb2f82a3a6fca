package com.lockllm.testing;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A loopback TCP proxy that holds back every reply chunk of its target by a settable delay, in
 * order and without reducing throughput: a slow server (each answer late), unlike a paused one (no
 * answer). Requests pass through at once.
 */
public final class DelayingProxy implements AutoCloseable {
  private record Chunk(long dueNanos, byte[] bytes) {}

  private static final Chunk END = new Chunk(0, new byte[0]);

  private final ServerSocket server;
  private final int targetPort;
  private final ExecutorService threads = Executors.newCachedThreadPool(r -> {
    Thread t = new Thread(r, "delaying-proxy");
    t.setDaemon(true);
    return t;
  });
  private final List<Socket> sockets = new CopyOnWriteArrayList<>();
  private volatile long delayNanos;
  private final AtomicInteger held = new AtomicInteger();

  private DelayingProxy(int targetPort) throws IOException {
    this.targetPort = targetPort;
    this.server = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
    threads.execute(this::accept);
  }

  /** A proxy to {@code 127.0.0.1:targetPort}, with no delay yet. */
  public static DelayingProxy start(int targetPort) {
    try {
      return new DelayingProxy(targetPort);
    } catch (IOException e) {
      throw new IllegalStateException("cannot open the proxy's port", e);
    }
  }

  public int port() {
    return server.getLocalPort();
  }

  /**
   * Reply chunks read from the target and not yet written to their client: zero once the replies
   * held back under an earlier delay have all gone out.
   */
  public int held() {
    return held.get();
  }

  /** Delay of every reply chunk read from now on (zero: none). */
  public void delay(Duration delay) {
    this.delayNanos = delay.toNanos();
  }

  private void accept() {
    while (!server.isClosed()) {
      try {
        Socket client = server.accept();
        Socket target = new Socket();
        target.connect(new InetSocketAddress(InetAddress.getLoopbackAddress(), targetPort), 1000);
        sockets.add(client);
        sockets.add(target);
        threads.execute(() -> copy(client, target));
        BlockingQueue<Chunk> replies = new LinkedBlockingQueue<>();
        threads.execute(() -> read(target, replies));
        threads.execute(() -> write(replies, client));
      } catch (IOException e) {
        // closed, or the target refused: the client sees its connection closed
      }
    }
  }

  private static void copy(Socket from, Socket to) {
    try (InputStream in = from.getInputStream(); OutputStream out = to.getOutputStream()) {
      in.transferTo(out);
    } catch (IOException e) {
      // either side closed
    } finally {
      closeQuietly(from);
      closeQuietly(to);
    }
  }

  private void read(Socket from, BlockingQueue<Chunk> replies) {
    byte[] buffer = new byte[16384];
    try (InputStream in = from.getInputStream()) {
      for (int n; (n = in.read(buffer)) >= 0; ) {
        held.incrementAndGet();
        replies.add(new Chunk(System.nanoTime() + delayNanos, Arrays.copyOf(buffer, n)));
      }
    } catch (IOException e) {
      // closed
    } finally {
      replies.add(END);
    }
  }

  private void write(BlockingQueue<Chunk> replies, Socket to) {
    try (OutputStream out = to.getOutputStream()) {
      for (Chunk c; (c = replies.take()) != END; ) {
        try {
          long wait = c.dueNanos() - System.nanoTime();
          if (wait > 0) {
            Thread.sleep(wait / 1_000_000, (int) (wait % 1_000_000));
          }
          out.write(c.bytes());
          out.flush();
        } finally {
          held.decrementAndGet();
        }
      }
    } catch (IOException | InterruptedException e) {
      // closed
    } finally {
      closeQuietly(to);
      for (Chunk c; (c = replies.poll()) != null; ) {
        if (c != END) {
          held.decrementAndGet(); // never to be written
        }
      }
    }
  }

  private static void closeQuietly(Socket s) {
    try {
      s.close();
    } catch (IOException e) {
      // already closed
    }
  }

  @Override
  public void close() {
    try {
      server.close();
    } catch (IOException e) {
      // already closed
    }
    sockets.forEach(DelayingProxy::closeQuietly);
    threads.shutdownNow();
  }
}
