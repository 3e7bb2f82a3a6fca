package com.lockllm.intercept;

import com.lockllm.scan.AbuseWarning;

/** The client's behavioural warning, or why counting it failed; both null when not observed. */
record Behaviour(AbuseWarning warning, Throwable failure) {
  static final Behaviour NONE = new Behaviour(null, null);
}
