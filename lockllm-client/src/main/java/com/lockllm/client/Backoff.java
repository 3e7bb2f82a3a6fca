package com.lockllm.client;

import java.time.Clock;
import java.time.DateTimeException;
import java.time.Duration;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.util.function.DoubleSupplier;
import java.util.regex.Pattern;

/**
 * How long to wait before a retry (decision 3 of the wire contract): {@code min(1000 * 2^attempt,
 * 30000)} ms plus up to 10 % jitter, or a positive {@code Retry-After} instead. Not API.
 */
final class Backoff {
  static final long BASE_DELAY_MILLIS = 1_000;
  static final long MAX_DELAY_MILLIS = 30_000;
  private static final Pattern WEEKDAY = Pattern.compile("^[A-Za-z]{3},\\s*");

  private final DoubleSupplier jitter;
  private final Clock clock;

  /** {@code jitter} yields values in {@code [0, 1)}. */
  Backoff(DoubleSupplier jitter, Clock clock) {
    this.jitter = jitter;
    this.clock = clock;
  }

  /** The delay before retry number {@code attempt + 1}; {@code attempt} counts from 0. */
  long delayMillis(int attempt, Long retryAfterMillis) {
    if (retryAfterMillis != null && retryAfterMillis > 0) {
      return retryAfterMillis;
    }
    return backoffMillis(attempt);
  }

  long backoffMillis(int attempt) {
    // 2^15 s is already past the cap; shifting further would overflow.
    long delay = attempt >= 15 ? MAX_DELAY_MILLIS : Math.min(BASE_DELAY_MILLIS << attempt, MAX_DELAY_MILLIS);
    return delay + (long) (jitter.getAsDouble() * 0.1 * delay);
  }

  /**
   * A {@code Retry-After} value in milliseconds: whole seconds, or an HTTP-date (RFC 1123) minus
   * now, never negative; {@code null} when absent or unreadable.
   */
  Long parseRetryAfter(String value) {
    if (value == null || value.isBlank()) {
      return null;
    }
    String v = value.trim();
    try {
      long seconds = Long.parseLong(v);
      return seconds > Long.MAX_VALUE / 1000 ? null : seconds * 1000;
    } catch (NumberFormatException notSeconds) {
      try {
        // The weekday is redundant; like Python's parser, do not reject a date for a wrong one.
        String withoutWeekday = WEEKDAY.matcher(v).replaceFirst("");
        ZonedDateTime date = ZonedDateTime.parse(withoutWeekday, DateTimeFormatter.RFC_1123_DATE_TIME);
        return Math.max(0, Duration.between(clock.instant(), date.toInstant()).toMillis());
      } catch (DateTimeException notADate) {
        return null;
      }
    }
  }
}
