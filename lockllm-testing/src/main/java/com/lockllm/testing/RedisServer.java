package com.lockllm.testing;

import static org.junit.jupiter.api.Assertions.fail;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Assumptions;

/**
 * A real {@code redis-server} of the test's own, on a free loopback port, no persistence. Without
 * a {@code redis-server} binary the test fails when {@code CI=true} and is skipped otherwise.
 */
public final class RedisServer implements AutoCloseable {
  private final Path binary;
  private final int port;
  private final String password;
  private final List<String> head;
  private final List<String> tail;
  private Process process;

  private RedisServer(Path binary, int port, String password, List<String> head, List<String> tail) {
    this.binary = binary;
    this.port = port;
    this.password = password;
    this.head = head;
    this.tail = tail;
  }

  /** Starts a server on a free port. */
  public static RedisServer start() {
    return start(null);
  }

  /** Starts a server that requires {@code password} (none when null). */
  public static RedisServer start(String password) {
    RedisServer server = new RedisServer(binary(), freePort(), password, List.of(), List.of());
    server.restart();
    return server;
  }

  /**
   * Starts a server on {@code port} with {@code head} before the default arguments (a config file)
   * and {@code tail} after them (cluster or replication settings); for {@link RedisCluster} and
   * {@link RedisSentinel}.
   */
  static RedisServer start(int port, List<String> head, List<String> tail) {
    RedisServer server = new RedisServer(binary(), port, null, List.copyOf(head), List.copyOf(tail));
    server.restart();
    return server;
  }

  public int port() {
    return port;
  }

  public String uri() {
    return "redis://127.0.0.1:" + port + "/0";
  }

  public boolean running() {
    return process != null && process.isAlive();
  }

  /** Starts the process (again) on the same port and waits until it answers PING. */
  public void restart() {
    if (running()) {
      throw new IllegalStateException("already running");
    }
    List<String> cmd = new ArrayList<>();
    cmd.add(binary.toString());
    cmd.addAll(head);
    cmd.addAll(List.of("--port", Integer.toString(port),
        "--bind", "127.0.0.1", "--save", "", "--appendonly", "no", "--daemonize", "no",
        "--loglevel", "warning"));
    cmd.addAll(tail);
    if (password != null) {
      cmd.add("--requirepass");
      cmd.add(password);
    }
    try {
      process = new ProcessBuilder(cmd).redirectErrorStream(true)
          .redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
    } catch (IOException e) {
      throw new IllegalStateException("cannot start " + binary, e);
    }
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
    while (System.nanoTime() < deadline) {
      if (!process.isAlive()) {
        throw new IllegalStateException("redis-server exited with " + process.exitValue() + " on port " + port);
      }
      if (answersPing()) {
        return;
      }
      sleep(20);
    }
    kill();
    throw new IllegalStateException("redis-server did not answer PING on port " + port + " within 10 s");
  }

  /** SIGKILL, as a crash would: no goodbye to clients. */
  public void kill() {
    if (process != null) {
      process.destroyForcibly();
      try {
        process.waitFor(5, TimeUnit.SECONDS);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
    }
  }

  /** SIGSTOP: the process holds its connections but answers nothing, as a hung server would. */
  public void pause() {
    signal("STOP");
  }

  /** SIGCONT after {@link #pause()}. */
  public void resume() {
    signal("CONT");
  }

  private void signal(String name) {
    try {
      Process kill = new ProcessBuilder("kill", "-" + name, Long.toString(process.pid())).inheritIO().start();
      if (!kill.waitFor(5, TimeUnit.SECONDS) || kill.exitValue() != 0) {
        throw new IllegalStateException("kill -" + name + " failed");
      }
    } catch (IOException e) {
      throw new IllegalStateException("kill -" + name + " failed", e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  @Override
  public void close() {
    kill();
  }

  /** A RESP command over a fresh socket; the raw reply (first reply only). */
  public String command(String... args) {
    try (Socket socket = new Socket()) {
      socket.connect(new InetSocketAddress(InetAddress.getLoopbackAddress(), port), 1000);
      socket.setSoTimeout(2000);
      OutputStream out = socket.getOutputStream();
      if (password != null) {
        out.write(resp("AUTH", password));
      }
      out.write(resp(args));
      out.flush();
      InputStream in = socket.getInputStream();
      if (password != null) {
        readReply(in);
      }
      return readReply(in);
    } catch (IOException e) {
      throw new IllegalStateException("redis command " + args[0] + " failed: " + e);
    }
  }

  /** An integer reply as a long. */
  public long integer(String... args) {
    String reply = command(args);
    if (!reply.startsWith(":")) {
      throw new IllegalStateException("not an integer reply: " + reply);
    }
    return Long.parseLong(reply.substring(1).strip());
  }

  /** One field of {@code INFO} ({@code role}, {@code master_link_status}...), or null. */
  public String info(String field) {
    for (String line : command("INFO").split("\r\n")) {
      if (line.startsWith(field + ":")) {
        return line.substring(field.length() + 1);
      }
    }
    return null;
  }

  /** Every key (SCAN, so it works on any size), for layout checks. */
  public List<String> keys(String pattern) {
    List<String> keys = new ArrayList<>();
    String cursor = "0";
    do {
      String reply = command("SCAN", cursor, "MATCH", pattern, "COUNT", "1000");
      String[] lines = reply.split("\r\n");
      // *2, $n, cursor, *k, ($len, key)*
      cursor = lines[2];
      for (int i = 5; i < lines.length; i += 2) {
        keys.add(lines[i]);
      }
    } while (!cursor.equals("0"));
    return keys;
  }

  private boolean answersPing() {
    try (Socket socket = new Socket()) {
      socket.connect(new InetSocketAddress(InetAddress.getLoopbackAddress(), port), 200);
      socket.setSoTimeout(500);
      socket.getOutputStream().write(resp("PING"));
      byte[] buf = new byte[64];
      int n = socket.getInputStream().read(buf);
      String reply = n > 0 ? new String(buf, 0, n, StandardCharsets.UTF_8) : "";
      return reply.startsWith("+PONG") || reply.startsWith("-NOAUTH");
    } catch (IOException e) {
      return false;
    }
  }

  private static byte[] resp(String... args) {
    StringBuilder s = new StringBuilder("*").append(args.length).append("\r\n");
    for (String a : args) {
      byte[] b = a.getBytes(StandardCharsets.UTF_8);
      s.append('$').append(b.length).append("\r\n").append(a).append("\r\n");
    }
    return s.toString().getBytes(StandardCharsets.UTF_8);
  }

  /** Reads one whole reply (nested arrays included) as its raw text. */
  private static String readReply(InputStream in) throws IOException {
    StringBuilder out = new StringBuilder();
    readInto(in, out);
    return out.toString();
  }

  private static void readInto(InputStream in, StringBuilder out) throws IOException {
    String line = readLine(in);
    out.append(line).append("\r\n");
    char type = line.charAt(0);
    if (type == '$') {
      int len = Integer.parseInt(line.substring(1));
      if (len >= 0) {
        byte[] b = in.readNBytes(len + 2);
        out.append(new String(b, 0, len, StandardCharsets.UTF_8)).append("\r\n");
      }
    } else if (type == '*') {
      int n = Integer.parseInt(line.substring(1));
      for (int i = 0; i < n; i++) {
        readInto(in, out);
      }
    }
  }

  private static String readLine(InputStream in) throws IOException {
    StringBuilder s = new StringBuilder();
    int c;
    while ((c = in.read()) != -1) {
      if (c == '\r') {
        in.read();
        break;
      }
      s.append((char) c);
    }
    if (c == -1 && s.length() == 0) {
      throw new IOException("connection closed");
    }
    return s.toString();
  }

  private static Path binary() {
    String configured = System.getenv("REDIS_SERVER");
    List<Path> candidates = new ArrayList<>();
    String path = System.getenv("PATH");
    if (configured != null && !configured.isBlank()) {
      candidates.add(Paths.get(configured)); // when set, the only candidate
    } else if (path != null) {
      for (String dir : path.split(java.io.File.pathSeparator)) {
        candidates.add(Paths.get(dir, "redis-server"));
      }
    }
    if (configured == null || configured.isBlank()) {
      candidates.add(Paths.get("/usr/bin/redis-server"));
      candidates.add(Paths.get("/usr/local/bin/redis-server"));
    }
    for (Path p : candidates) {
      if (Files.isExecutable(p)) {
        return p;
      }
    }
    String message = "redis-server not found ($REDIS_SERVER, else PATH, /usr/bin, /usr/local/bin);"
        + " install it (Debian: apt-get install redis-server) to run the lockllm-redis tests";
    if ("true".equalsIgnoreCase(System.getenv("CI"))) {
      fail(message + " -- required when CI=true");
    }
    System.err.println("[lockllm-redis] SKIPPED: " + message);
    Assumptions.abort(message);
    throw new AssertionError("unreachable");
  }

  static int freePort() {
    try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
      s.setReuseAddress(true);
      return s.getLocalPort();
    } catch (IOException e) {
      throw new IllegalStateException("no free port", e);
    }
  }

  static void sleep(long millis) {
    try {
      Thread.sleep(millis);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }
}
