package com.lockllm.samples.gateway.readme;

import com.lockllm.samples.gateway.GatewayApplication;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.web.server.context.WebServerApplicationContext;
import org.springframework.context.ConfigurableApplicationContext;

/** The gateway as the README's main job starts it (default configuration), on a random port, and the README's path. */
abstract class ReadmeGateway {
  static ConfigurableApplicationContext context;
  static int port;

  @BeforeAll
  static void start() {
    context = SpringApplication.run(GatewayApplication.class, "--server.port=0", "--server.address=127.0.0.1");
    port = ((WebServerApplicationContext) context).getWebServer().getPort();
  }

  /** Gateways started with other arguments, by those arguments. */
  private static final Map<List<String>, ConfigurableApplicationContext> OTHERS = new HashMap<>();

  @AfterAll
  static void stop() {
    context.close();
    OTHERS.values().forEach(ConfigurableApplicationContext::close);
    OTHERS.clear();
  }

  /** The port of a gateway started with {@code args} too (once per set of arguments). */
  static int portWith(List<String> args) {
    ConfigurableApplicationContext other = OTHERS.computeIfAbsent(args, a -> {
      List<String> all = new ArrayList<>(List.of("--server.port=0", "--server.address=127.0.0.1"));
      all.addAll(a);
      return SpringApplication.run(GatewayApplication.class, all.toArray(String[]::new));
    });
    return ((WebServerApplicationContext) other).getWebServer().getPort();
  }

  /** The repository's root README. */
  static Path readme() {
    return Path.of(System.getProperty("maven.multiModuleProjectDirectory", "../.."), "README.md");
  }
}
