package com.lockllm.client;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import java.util.List;
import org.junit.jupiter.api.extension.AfterEachCallback;
import org.junit.jupiter.api.extension.BeforeEachCallback;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.slf4j.LoggerFactory;

/** Captures {@code com.lockllm}'s log events, DEBUG and up, during each test; read them in {@code @AfterEach} too. */
final class CapturedLogs implements BeforeEachCallback, AfterEachCallback {
  private final ListAppender<ILoggingEvent> appender = new ListAppender<>();
  private Logger logger;

  @Override
  public void beforeEach(ExtensionContext context) {
    logger = (Logger) LoggerFactory.getLogger("com.lockllm");
    logger.setLevel(Level.DEBUG);
    appender.list.clear();
    appender.start();
    logger.addAppender(appender);
  }

  @Override
  public void afterEach(ExtensionContext context) {
    logger.detachAppender(appender);
  }

  List<ILoggingEvent> events() {
    return appender.list;
  }
}
