package com.lockllm.micronaut;

import com.lockllm.config.LockLLMSettings;
import com.lockllm.output.OutputPolicy;
import com.lockllm.scan.ScanResponse;
import com.lockllm.testing.AdapterContract;
import com.lockllm.testing.ContractAnswer;
import com.lockllm.testing.ContractEcho;
import com.lockllm.testing.ContractFixture;
import com.lockllm.testing.ContractServer;
import com.lockllm.testing.HostileInputContract;
import io.micronaut.context.ApplicationContext;
import io.micronaut.context.annotation.Requires;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.http.HttpHeaders;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.HttpStatus;
import io.micronaut.http.MediaType;
import io.micronaut.http.MutableHttpResponse;
import io.micronaut.http.annotation.Body;
import io.micronaut.http.annotation.Consumes;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Post;
import io.micronaut.runtime.server.EmbeddedServer;
import java.net.URI;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/**
 * The shared adapter contract on Micronaut's Netty server: settings as {@code lockllm.*}
 * properties, the fixture's scanner as a bean (so the factory's own backs off).
 */
class MicronautContractTest extends AdapterContract {
  static final String SPEC = "MicronautContractTest";

  @Override
  protected ContractServer start(ContractFixture fixture) {
    return serve(fixture);
  }

  /**
   * The echo application with the fixture's settings as properties and its scanner as a bean; a
   * fixture with an answer side gets it through a {@link LockLLMCustomizer} (no property carries it yet).
   */
  static ContractServer serve(ContractFixture fixture) {
    Map<String, Object> properties = new LinkedHashMap<>(fixture.prefixedSettings());
    properties.put("micronaut.server.host", "127.0.0.1");
    properties.put("micronaut.server.port", -1);
    properties.put("spec.name", SPEC);
    // a stalled body is answered (408) once the read idle timeout expires
    properties.put("micronaut.server.read-idle-timeout", HostileInputContract.READ_TIMEOUT.toMillis() + "ms");
    List<Object> singletons = new ArrayList<>(List.of(fixture.scanner()));
    if (!fixture.output().equals(OutputPolicy.disabled()) || fixture.canary().enabled()) {
      singletons.add(new AnswerSide(fixture));
    }
    ApplicationContext context = ApplicationContext.builder()
        .properties(properties)
        .singletons(singletons.toArray())
        .start();
    EmbeddedServer server = context.getBean(EmbeddedServer.class).start();
    URI base = URI.create("http://127.0.0.1:" + server.getPort());
    return ContractServer.of(base, context::close);
  }

  /** The fixture's output policy and canary on the settings the interceptor is built from. */
  record AnswerSide(ContractFixture fixture) implements LockLLMCustomizer {
    @Override
    public void customize(LockLLMSettings.Builder settings) {
      settings.output(fixture.output()).canary(fixture.canary());
    }
  }

  @Requires(property = "spec.name", value = SPEC)
  @Controller("/v1")
  @Consumes(MediaType.ALL)
  static class EchoController {
    @Post(uri = "/chat/completions", produces = ContractEcho.CONTENT_TYPE)
    HttpResponse<?> chat(@Body byte[] body, @Nullable ScanResponse scan, HttpRequest<?> request) {
      String answer = request.getHeaders().get(ContractAnswer.HEADER);
      if (answer != null) {
        return reply(ContractAnswer.fromHeader(answer).reply(body));
      }
      // the request the filter mutated: also what ServerRequestContext.currentRequest() returns
      byte[] secondRead = request.getBody(byte[].class).orElse(new byte[0]);
      return HttpResponse.ok(ContractEcho.render(body, secondRead, scan));
    }

    @Post(uri = "/unprotected", produces = ContractEcho.CONTENT_TYPE)
    HttpResponse<byte[]> unprotected(@Body byte[] body, @Nullable ScanResponse scan) {
      return HttpResponse.ok(ContractEcho.render(body, scan));
    }

    /**
     * The answer a contract test asks for, as an upstream's: one body of known length, or its chunks
     * streamed with the pause after each, off the event loop; a cancelled stream (the filter cut it,
     * or the client went away) is recorded as the upstream closed.
     */
    private static HttpResponse<?> reply(ContractAnswer.Reply reply) {
      MutableHttpResponse<Object> response = HttpResponse.status(HttpStatus.valueOf(reply.status()))
          .contentType(reply.contentType());
      if (reply.contentEncoding() != null) {
        response.header(HttpHeaders.CONTENT_ENCODING, reply.contentEncoding());
      }
      if (reply.buffered()) {
        return response.contentLength(reply.length()).body(reply.chunks().get(0));
      }
      Duration pause = Duration.ofMillis(reply.pauseMillis());
      Flux<byte[]> chunks = Flux.fromIterable(reply.chunks())
          .concatMap(chunk -> pause.isZero() ? Flux.just(chunk)
              : Flux.just(chunk).concatWith(Mono.delay(pause).then(Mono.empty())))
          .doOnCancel(reply::upstreamClosed);
      return response.body(chunks);
    }
  }
}
