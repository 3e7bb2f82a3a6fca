package com.lockllm.micronaut;

import com.lockllm.scan.ScanResponse;
import com.lockllm.testing.AdapterContract;
import com.lockllm.testing.ContractEcho;
import com.lockllm.testing.ContractFixture;
import com.lockllm.testing.ContractServer;
import com.lockllm.testing.HostileInputContract;
import io.micronaut.context.ApplicationContext;
import io.micronaut.context.annotation.Requires;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.MediaType;
import io.micronaut.http.annotation.Body;
import io.micronaut.http.annotation.Consumes;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Post;
import io.micronaut.runtime.server.EmbeddedServer;
import java.net.URI;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The shared adapter contract on Micronaut's Netty server: settings as {@code lockllm.*}
 * properties, the fixture's scanner as a bean (so the factory's own backs off).
 */
class MicronautContractTest extends AdapterContract {
  static final String SPEC = "MicronautContractTest";

  @Override
  protected ContractServer start(ContractFixture fixture) {
    Map<String, Object> properties = new LinkedHashMap<>(fixture.prefixedSettings());
    properties.put("micronaut.server.host", "127.0.0.1");
    properties.put("micronaut.server.port", -1);
    properties.put("spec.name", SPEC);
    // a stalled body is answered (408) once the read idle timeout expires
    properties.put("micronaut.server.read-idle-timeout", HostileInputContract.READ_TIMEOUT.toMillis() + "ms");
    ApplicationContext context = ApplicationContext.builder()
        .properties(properties)
        .singletons(fixture.scanner())
        .start();
    EmbeddedServer server = context.getBean(EmbeddedServer.class).start();
    URI base = URI.create("http://127.0.0.1:" + server.getPort());
    return ContractServer.of(base, context::close);
  }

  @Requires(property = "spec.name", value = SPEC)
  @Controller("/v1")
  @Consumes(MediaType.ALL)
  static class EchoController {
    @Post(uri = "/chat/completions", produces = ContractEcho.CONTENT_TYPE)
    HttpResponse<byte[]> chat(@Body byte[] body, @Nullable ScanResponse scan, HttpRequest<?> request) {
      // the request the filter mutated: also what ServerRequestContext.currentRequest() returns
      byte[] secondRead = request.getBody(byte[].class).orElse(new byte[0]);
      return HttpResponse.ok(ContractEcho.render(body, secondRead, scan));
    }

    @Post(uri = "/unprotected", produces = ContractEcho.CONTENT_TYPE)
    HttpResponse<byte[]> unprotected(@Body byte[] body, @Nullable ScanResponse scan) {
      return HttpResponse.ok(ContractEcho.render(body, scan));
    }
  }
}
