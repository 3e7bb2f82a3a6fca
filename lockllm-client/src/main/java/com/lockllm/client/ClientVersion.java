package com.lockllm.client;

import java.io.IOException;
import java.io.InputStream;
import java.util.Properties;

/** The library version for the {@code User-Agent} header. Not API. */
final class ClientVersion {
  static final String VERSION = read();
  static final String USER_AGENT = "lockllm-java/" + VERSION;

  private ClientVersion() {}

  private static String read() {
    // Maven writes pom.properties into the jar; classes run from target/classes have none.
    try (InputStream in =
        ClientVersion.class.getResourceAsStream("/META-INF/maven/com.lockllm/lockllm-client/pom.properties")) {
      if (in != null) {
        Properties p = new Properties();
        p.load(in);
        String version = p.getProperty("version");
        if (version != null && !version.isBlank()) {
          return version.trim();
        }
      }
    } catch (IOException unreadable) {
      // fall through to the manifest
    }
    String version = ClientVersion.class.getPackage().getImplementationVersion();
    return version == null ? "dev" : version;
  }
}
