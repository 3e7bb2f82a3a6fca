package com.lockllm.samples.gateway.readme;

import com.lockllm.samples.gateway.GatewayApplication;
import java.nio.file.Path;
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

  @AfterAll
  static void stop() {
    context.close();
  }

  /** The repository's root README. */
  static Path readme() {
    return Path.of(System.getProperty("maven.multiModuleProjectDirectory", "../.."), "README.md");
  }
}
