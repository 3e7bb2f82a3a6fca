package com.lockllm.testing;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The servers a contract test class has started, one per fixture, so that its tests share them;
 * the class closes them all once its tests are done.
 */
final class StartedServers {
  /** Starts the adapter's server for a fixture. */
  interface Starter {
    ContractServer start(ContractFixture fixture) throws Exception;
  }

  private final Map<String, ContractServer> servers = new ConcurrentHashMap<>();

  /** {@code testClass}'s server for {@code fixture}, started by {@code starter} on first use. */
  ContractServer get(Class<?> testClass, ContractFixture fixture, Starter starter) throws Exception {
    String key = testClass.getName() + "/" + fixture.name();
    ContractServer s = servers.get(key);
    if (s == null) {
      s = starter.start(fixture);
      servers.put(key, s);
    }
    return s;
  }

  void closeAll() throws Exception {
    for (ContractServer s : servers.values()) {
      s.close();
    }
    servers.clear();
  }
}
