package com.lockllm.micronaut;

import io.micronaut.context.ApplicationContext;
import io.micronaut.context.annotation.Requires;
import io.micronaut.http.MediaType;
import io.micronaut.http.annotation.Body;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Post;
import io.micronaut.runtime.server.EmbeddedServer;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;

/**
 * Run by {@link MetricsTest} on a class loader without Micrometer: starts an application with
 * lockllm-micronaut, posts an attack and a clean prompt, and returns their statuses. It names no
 * Micrometer type, so nothing but the module itself could need one.
 */
public final class WithoutMicrometer implements Callable<List<Integer>> {
  @Override
  public List<Integer> call() throws Exception {
    try (EmbeddedServer server = ApplicationContext.run(EmbeddedServer.class, Map.of("spec.name", "WithoutMicrometer",
        "lockllm.protected-paths", "/chat", "lockllm.scan-action", "block"))) {
      return List.of(Http.post(server, "/chat", Http.ATTACK).statusCode(),
          Http.post(server, "/chat", Http.BENIGN).statusCode());
    }
  }

  @Requires(property = "spec.name", value = "WithoutMicrometer")
  @Controller
  static class ChatController {
    @Post(uri = "/chat", produces = MediaType.TEXT_PLAIN)
    String chat(@Body String body) {
      return "ok";
    }
  }
}
