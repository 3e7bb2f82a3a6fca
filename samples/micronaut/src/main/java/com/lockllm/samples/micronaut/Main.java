package com.lockllm.samples.micronaut;

import io.micronaut.runtime.Micronaut;

/** Starts the sample on {@code $PORT} (default 8080), configured by {@code application.properties}. */
public final class Main {
  private Main() {}

  public static void main(String[] args) {
    Micronaut.run(Main.class, args);
  }
}
