package com.lockllm.spring;

import com.lockllm.client.RemoteScanner;
import com.lockllm.remote.ClientListener.CircuitState;
import com.lockllm.scan.Scanner;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * What Actuator health {@code lockllm} reports, on either Spring Boot line: UP with the scanner in
 * use once it is built (the embedded engine loads its models when built). For the remote API, which
 * is not called from a health check so that probes cost no credits and no latency: DOWN while its
 * client's circuit breaker is open (recent calls failed and scans fail fast), UNKNOWN otherwise, with
 * the breaker's state. Not API.
 *
 * @param status the Actuator status code
 * @param details the health details, in order
 */
record ScannerHealth(String status, Map<String, Object> details) {

  static ScannerHealth of(Scanner scanner) {
    Map<String, Object> details = new LinkedHashMap<>();
    if (scanner instanceof RemoteScanner remote) {
      CircuitState circuit = remote.client().circuitState();
      details.put("scanner", "remote");
      details.put("circuit", circuit.tag());
      return new ScannerHealth(circuit == CircuitState.OPEN ? "DOWN" : "UNKNOWN", details);
    }
    details.put("scanner", scanner.getClass().getName().startsWith("com.lockllm.engine.")
        ? "embedded" : scanner.getClass().getName());
    return new ScannerHealth("UP", details);
  }
}
