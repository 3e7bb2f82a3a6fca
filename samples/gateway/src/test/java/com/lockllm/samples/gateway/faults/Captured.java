package com.lockllm.samples.gateway.faults;

import static org.assertj.core.api.Assertions.assertThat;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.classic.spi.ThrowableProxyUtil;
import ch.qos.logback.core.read.ListAppender;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import org.slf4j.LoggerFactory;
import org.springframework.boot.context.event.ApplicationEnvironmentPreparedEvent;
import org.springframework.context.ApplicationListener;

/**
 * Everything a gateway lets out, as text: every log event of the JVM (message, logger, MDC, the
 * whole stack trace), and whatever the test adds (response statuses, headers and bodies, meter
 * names and tags, exceptions); {@link #assertFreeOf} looks for secrets in all of it, also encoded.
 */
final class Captured {
  private final ListAppender<ILoggingEvent> appender = new ListAppender<>();
  private final List<String> texts = new CopyOnWriteArrayList<>();

  /**
   * Attaches to the root logger once Spring Boot has set logging up (its listener resets logback
   * first), so start-up lines are captured too.
   */
  ApplicationListener<ApplicationEnvironmentPreparedEvent> listener() {
    return event -> attach();
  }

  synchronized void attach() {
    LoggerContext context = (LoggerContext) LoggerFactory.getILoggerFactory();
    Logger root = context.getLogger(org.slf4j.Logger.ROOT_LOGGER_NAME);
    if (root.getAppender(appender.getName()) == null || !appender.isStarted()) {
      appender.setName("secrets-capture");
      appender.setContext(context);
      appender.start();
      root.addAppender(appender);
    }
  }

  void detach() {
    LoggerContext context = (LoggerContext) LoggerFactory.getILoggerFactory();
    context.getLogger(org.slf4j.Logger.ROOT_LOGGER_NAME).detachAppender(appender);
  }

  /** Loggers at DEBUG: ours, Spring MVC's, Tomcat's HTTP layer, Lettuce and Netty, the JDK HTTP client's. */
  static List<String> debugArguments() {
    List<String> args = new ArrayList<>();
    for (String name : List.of("com.lockllm", "org.springframework.web", "org.springframework.boot.web",
        "org.apache.coyote", "org.apache.catalina.connector", "io.lettuce", "io.netty", "jdk.httpclient",
        "jdk.internal.httpclient", "java.net.http", "dev.failsafe")) {
      args.add("--logging.level." + name + "=DEBUG");
    }
    return args;
  }

  void add(String text) {
    texts.add(text);
  }

  void add(Throwable t) {
    texts.add(ThrowableProxyUtil.asString(new ch.qos.logback.classic.spi.ThrowableProxy(t)));
  }

  /** The events so far; AppenderBase appends under the appender's lock, so copy under it too. */
  private List<ILoggingEvent> events() {
    synchronized (appender) {
      return List.copyOf(appender.list);
    }
  }

  int logEvents() {
    return events().size();
  }

  /** Whether some log line contains {@code text} (to prove a path was taken). */
  boolean logged(String text) {
    return events().stream().anyMatch(e -> e.getFormattedMessage().contains(text));
  }

  /** Each secret, in clear, base64 (any alignment), and its first and last eight characters, is in none of it. */
  void assertFreeOf(Map<String, String> secrets) {
    List<String> all = new ArrayList<>(texts);
    for (ILoggingEvent e : events()) {
      if (e.getLoggerName().startsWith("wiremock.") || e.getLoggerName().startsWith("WireMock")) {
        continue; // the fake LockLLM API's own server, not the gateway
      }
      StringBuilder s = new StringBuilder(e.getLoggerName()).append(' ').append(e.getFormattedMessage())
          .append(' ').append(e.getMDCPropertyMap());
      if (e.getThrowableProxy() != null) {
        s.append('\n').append(ThrowableProxyUtil.asString(e.getThrowableProxy()));
      }
      all.add(s.toString());
    }
    assertThat(all).as("captured texts").isNotEmpty();
    secrets.forEach((name, secret) -> {
      List<String> forms = forms(secret);
      for (String text : all) {
        for (String form : forms) {
          if (text.contains(form)) {
            throw new AssertionError("the " + name + " (as '" + form + "') leaked into:\n" + text);
          }
        }
      }
    });
  }

  static List<String> forms(String secret) {
    List<String> forms = new ArrayList<>(List.of(secret, secret.substring(0, 8), secret.substring(secret.length() - 8),
        secret.toLowerCase(Locale.ROOT).substring(0, 8)));
    byte[] bytes = secret.getBytes(StandardCharsets.UTF_8);
    for (int pad = 0; pad < 3; pad++) {
      byte[] shifted = new byte[pad + bytes.length];
      System.arraycopy(bytes, 0, shifted, pad, bytes.length);
      for (Base64.Encoder encoder : List.of(Base64.getEncoder(), Base64.getUrlEncoder())) {
        String encoded = encoder.encodeToString(shifted);
        // the characters that depend on the secret alone, whatever precedes or follows it
        forms.add(encoded.substring(pad == 0 ? 0 : 4, encoded.length() - 4));
      }
    }
    return forms;
  }
}
