package com.lockllm.samples.micronaut;

import io.micronaut.http.MediaType;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Get;

/** {@code GET /health}: 200 once the server is up. */
@Controller("/health")
class HealthController {
  @Get(produces = MediaType.APPLICATION_JSON)
  String health() {
    return "{\"status\":\"UP\"}";
  }
}
