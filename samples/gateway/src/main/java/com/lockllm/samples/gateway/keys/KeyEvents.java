package com.lockllm.samples.gateway.keys;

/** What the key filter reports for metrics: each request authenticated by key name, or refused and why. */
interface KeyEvents {
  KeyEvents NONE = new KeyEvents() {
    @Override
    public void authenticated(String name) {}

    @Override
    public void refused(String reason) {}
  };

  void authenticated(String name);

  /** {@code missing}, {@code invalid} or {@code unavailable}. */
  void refused(String reason);
}
