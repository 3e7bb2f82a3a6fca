package com.lockllm.servlet;

import static org.assertj.core.api.Assertions.assertThat;

import com.lockllm.intercept.LockLLMInterceptor;
import com.lockllm.intercept.ProtectedRoute;
import com.lockllm.output.OutputPolicy;
import com.lockllm.proxy.LockLLMHeaders;
import com.lockllm.scan.ScanResponse;
import com.lockllm.testing.OutputContract;
import jakarta.servlet.AsyncContext;
import jakarta.servlet.DispatcherType;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.io.PrintWriter;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.EnumSet;
import java.util.concurrent.atomic.AtomicBoolean;
import org.eclipse.jetty.ee10.servlet.FilterHolder;
import org.eclipse.jetty.ee10.servlet.ServletContextHandler;
import org.eclipse.jetty.ee10.servlet.ServletHolder;
import org.eclipse.jetty.server.Server;
import org.eclipse.jetty.server.ServerConnector;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** How the filter's guarded response meets the servlet API: writers, async answers, errors, and no guard when none is needed. */
class GuardedResponseTest {
  static final String PROMPT = "{\"model\":\"gpt-4o\",\"messages\":[{\"role\":\"user\",\"content\":\"Hi\"}]}";
  static final String ANSWER = "key: " + OutputContract.SECRET;
  static final String REDACTED = "key: [REDACTED_OPENAI_API_KEY]";

  final HttpClient http = HttpClient.newHttpClient();
  final AtomicBoolean wrapped = new AtomicBoolean();
  Server server;

  URI start(OutputPolicy output, HttpServlet servlet) throws Exception {
    LockLLMInterceptor interceptor = LockLLMInterceptor.builder(request -> ScanResponse.builder().safe(true).build())
        .route(ProtectedRoute.builder("/v1/**").build())
        .output(output)
        .build();
    server = new Server();
    ServerConnector connector = new ServerConnector(server);
    connector.setHost("127.0.0.1");
    connector.setPort(0);
    server.addConnector(connector);
    ServletContextHandler context = new ServletContextHandler("/");
    FilterHolder filter = new FilterHolder(LockLLMFilter.create(interceptor));
    filter.setAsyncSupported(true);
    context.addFilter(filter, "/*", EnumSet.of(DispatcherType.REQUEST, DispatcherType.ASYNC));
    ServletHolder holder = new ServletHolder(servlet);
    holder.setAsyncSupported(true);
    context.addServlet(holder, "/*");
    server.setHandler(context);
    server.start();
    return URI.create("http://127.0.0.1:" + connector.getLocalPort());
  }

  @AfterEach
  void stop() throws Exception {
    if (server != null) {
      server.stop();
    }
  }

  HttpResponse<String> post(URI base) throws Exception {
    return http.send(HttpRequest.newBuilder(base.resolve("/v1/chat"))
        .header("Content-Type", "application/json")
        .POST(HttpRequest.BodyPublishers.ofString(PROMPT)).build(), HttpResponse.BodyHandlers.ofString());
  }

  static OutputPolicy scanning() {
    return OutputPolicy.builder().enabled(true).build();
  }

  /** Writes {@link #ANSWER} as text, recording whether the response it got is the filter's. */
  final class Answer extends HttpServlet {
    @Override
    protected void service(HttpServletRequest request, HttpServletResponse response) throws IOException {
      wrapped.set(response instanceof GuardedResponse);
      response.setContentType("text/plain;charset=UTF-8");
      PrintWriter writer = response.getWriter();
      writer.print(ANSWER);
    }
  }

  @Test
  void anAnswerWrittenThroughTheWriterIsRedacted() throws Exception {
    HttpResponse<String> r = post(start(scanning(), new Answer()));
    assertThat(r.statusCode()).isEqualTo(200);
    assertThat(r.body()).isEqualTo(REDACTED);
    assertThat(r.headers().firstValue(LockLLMHeaders.OUTPUT_ACTION)).hasValue("strip");
    assertThat(wrapped).isTrue();
  }

  @Test
  void noGuardWrapsTheResponseWhenAnswersAreNotChecked() throws Exception {
    HttpResponse<String> r = post(start(OutputPolicy.disabled(), new Answer()));
    assertThat(r.body()).isEqualTo(ANSWER);
    assertThat(r.headers().firstValue(LockLLMHeaders.OUTPUT_SCAN)).isEmpty();
    assertThat(wrapped).isFalse();
  }

  @Test
  void anAsynchronousAnswerCompletedByTheApplicationIsRedacted() throws Exception {
    HttpResponse<String> r = post(start(scanning(), new HttpServlet() {
      @Override
      protected void service(HttpServletRequest request, HttpServletResponse response) {
        AsyncContext async = request.startAsync();
        async.start(() -> {
          try {
            async.getResponse().setContentType("text/plain;charset=UTF-8");
            async.getResponse().getOutputStream().write(ANSWER.getBytes(StandardCharsets.UTF_8));
          } catch (IOException e) {
            throw new IllegalStateException(e);
          } finally {
            async.complete();
          }
        });
      }
    }));
    assertThat(r.statusCode()).isEqualTo(200);
    assertThat(r.body()).isEqualTo(REDACTED);
  }

  @Test
  void anAsynchronousAnswerIsEndedWhenItsDispatchReturns() throws Exception {
    HttpResponse<String> r = post(start(scanning(), new HttpServlet() {
      @Override
      protected void service(HttpServletRequest request, HttpServletResponse response) {
        if (request.getDispatcherType() == DispatcherType.ASYNC) {
          return;
        }
        AsyncContext async = request.startAsync(request, response);
        async.start(() -> {
          try {
            async.getResponse().setContentType("text/plain;charset=UTF-8");
            async.getResponse().getOutputStream().write(ANSWER.getBytes(StandardCharsets.UTF_8));
          } catch (IOException e) {
            throw new IllegalStateException(e);
          } finally {
            async.dispatch();
          }
        });
      }
    }));
    assertThat(r.statusCode()).isEqualTo(200);
    assertThat(r.body()).isEqualTo(REDACTED);
  }

  @Test
  void theContainersErrorAnswerPassesAndAResetAnswerIsCheckedAfresh() throws Exception {
    URI base = start(scanning(), new HttpServlet() {
      @Override
      protected void service(HttpServletRequest request, HttpServletResponse response) throws IOException {
        response.setContentType("text/plain;charset=UTF-8");
        response.getOutputStream().write("draft".getBytes(StandardCharsets.UTF_8));
        response.reset();
        if (request.getHeader("X-Fail") != null) {
          response.sendError(404);
          return;
        }
        response.setContentType("text/plain;charset=UTF-8");
        response.getOutputStream().write(ANSWER.getBytes(StandardCharsets.UTF_8));
      }
    });
    assertThat(post(base).body()).isEqualTo(REDACTED);
    HttpResponse<String> failed = http.send(HttpRequest.newBuilder(base.resolve("/v1/chat"))
        .header("Content-Type", "application/json").header("X-Fail", "1")
        .POST(HttpRequest.BodyPublishers.ofString(PROMPT)).build(), HttpResponse.BodyHandlers.ofString());
    assertThat(failed.statusCode()).isEqualTo(404);
    assertThat(failed.body()).doesNotContain("draft");
  }
}
