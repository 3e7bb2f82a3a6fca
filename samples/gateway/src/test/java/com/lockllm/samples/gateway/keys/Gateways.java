package com.lockllm.samples.gateway.keys;

import com.lockllm.samples.gateway.GatewayApplication;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.Map;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.web.server.context.WebServerApplicationContext;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.core.env.MutablePropertySources;
import org.springframework.core.env.StandardEnvironment;
import org.springframework.core.env.SystemEnvironmentPropertySource;

/** Starts the gateway as {@code main} does, with process environment variables of the test's choosing, and calls it. */
final class Gateways {
  static final HttpClient HTTP = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
  static final String CHAT = "{\"model\":\"echo-1\",\"messages\":[{\"role\":\"user\",\"content\":\"What is the capital of France?\"}]}";

  private Gateways() {}

  /** The gateway on a random port; {@code env} is added to the process's environment as the gateway sees it. */
  static ConfigurableApplicationContext start(Map<String, String> env, String... args) {
    SpringApplication app = new SpringApplication(GatewayApplication.class);
    Map<String, Object> variables = new HashMap<>(System.getenv());
    variables.putAll(env);
    app.setEnvironment(new StandardEnvironment() {
      @Override
      protected void customizePropertySources(MutablePropertySources sources) {
        super.customizePropertySources(sources);
        sources.replace(SYSTEM_ENVIRONMENT_PROPERTY_SOURCE_NAME,
            new SystemEnvironmentPropertySource(SYSTEM_ENVIRONMENT_PROPERTY_SOURCE_NAME, variables));
      }
    });
    String[] all = new String[args.length + 2];
    all[0] = "--server.port=0";
    all[1] = "--server.address=127.0.0.1";
    System.arraycopy(args, 0, all, 2, args.length);
    return app.run(all);
  }

  static URI uri(ConfigurableApplicationContext gateway, String path) {
    return URI.create("http://127.0.0.1:" + port(gateway) + path);
  }

  static int port(ConfigurableApplicationContext gateway) {
    return ((WebServerApplicationContext) gateway).getWebServer().getPort();
  }

  static String sha256(String key) {
    try {
      return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(key.getBytes(StandardCharsets.UTF_8)));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }

  /** {@code method path} with {@code body} (none when null) and headers as name, value pairs. */
  static HttpResponse<String> send(ConfigurableApplicationContext gateway, String method, String path, String body,
      String... headers) throws Exception {
    HttpRequest.Builder request = HttpRequest.newBuilder(uri(gateway, path)).timeout(Duration.ofSeconds(30))
        .method(method, body == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(body));
    if (body != null) {
      request.header("Content-Type", "application/json");
    }
    if (headers.length > 0) {
      request.headers(headers);
    }
    return HTTP.send(request.build(), HttpResponse.BodyHandlers.ofString());
  }

  /** A request line sent as written (no client-side path normalisation); the status code of the answer. */
  static int raw(ConfigurableApplicationContext gateway, String requestLine, String... headerLines) throws IOException {
    try (Socket socket = new Socket("127.0.0.1", port(gateway))) {
      socket.setSoTimeout(20_000);
      StringBuilder request = new StringBuilder(requestLine).append("\r\nHost: localhost\r\nConnection: close\r\n");
      for (String line : headerLines) {
        request.append(line).append("\r\n");
      }
      request.append("Content-Type: application/json\r\nContent-Length: 17\r\n\r\n{\"input\":\"hello\"}");
      OutputStream out = socket.getOutputStream();
      out.write(request.toString().getBytes(StandardCharsets.ISO_8859_1));
      out.flush();
      InputStream in = socket.getInputStream();
      String head = new String(in.readNBytes(12), StandardCharsets.ISO_8859_1);
      return Integer.parseInt(head.substring(9, 12));
    }
  }
}
