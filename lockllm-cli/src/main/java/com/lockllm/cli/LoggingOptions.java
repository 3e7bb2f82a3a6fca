package com.lockllm.cli;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.LoggerContext;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import picocli.CommandLine.Option;

/**
 * {@code -v} / {@code -vv}: the libraries' logs on standard error at INFO / DEBUG. Off by default so
 * standard error carries only the CLI's own messages and standard output only results.
 */
final class LoggingOptions {
  /** The root level the logging configuration set, restored by a run without {@code -v}. */
  private static Level configured;

  @Option(names = {"-v", "--verbose"},
      description = "Library logs on standard error: -v info, -vv debug (default: none).")
  boolean[] verbose = new boolean[0];

  /** Sets the root log level for this run; call before the command does any work. */
  void apply() {
    verbosity(verbose.length);
  }

  /**
   * Sets the root level: 0 the configured one ({@code OFF} in the CLI's logback.xml), 1 INFO, 2 or
   * more DEBUG. A level set at run time, so one process can run several commands (as the tests do).
   */
  static synchronized void verbosity(int level) {
    if (!(LoggerFactory.getILoggerFactory() instanceof LoggerContext context)) {
      return; // another SLF4J backend, configured by whoever put it there
    }
    ch.qos.logback.classic.Logger root = context.getLogger(Logger.ROOT_LOGGER_NAME);
    if (configured == null) {
      configured = root.getLevel();
    }
    root.setLevel(level == 0 ? configured : level == 1 ? Level.INFO : Level.DEBUG);
  }
}
