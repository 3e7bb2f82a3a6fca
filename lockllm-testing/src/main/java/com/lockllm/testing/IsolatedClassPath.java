package com.lockllm.testing;

import java.io.File;
import java.net.MalformedURLException;
import java.net.URL;
import java.net.URLClassLoader;
import java.util.Arrays;
import java.util.concurrent.Callable;

/**
 * The test class path less some jars, on a class loader of its own: how an adapter shows it still
 * works when an optional dependency (Micrometer, say) is absent.
 */
public final class IsolatedClassPath {
  private IsolatedClassPath() {}

  /** A loader of the test class path without the entries whose path contains {@code fragment}. */
  public static URLClassLoader without(String fragment) {
    String path = System.getProperty("surefire.test.class.path", System.getProperty("java.class.path"));
    URL[] urls = Arrays.stream(path.split(File.pathSeparator))
        .filter(entry -> !entry.contains(fragment))
        .map(entry -> {
          try {
            return new File(entry).toURI().toURL();
          } catch (MalformedURLException e) {
            throw new IllegalStateException(e);
          }
        })
        .toArray(URL[]::new);
    return new URLClassLoader(urls, ClassLoader.getPlatformClassLoader());
  }

  /**
   * Loads {@code probe} (a public {@link Callable} with a no-argument constructor) afresh in {@code
   * loader} and calls it there, with the loader as the thread's context class loader.
   */
  @SuppressWarnings("unchecked")
  public static <T> T call(URLClassLoader loader, Class<? extends Callable<T>> probe) throws Exception {
    Callable<T> isolated = (Callable<T>) loader.loadClass(probe.getName()).getDeclaredConstructor().newInstance();
    Thread thread = Thread.currentThread();
    ClassLoader context = thread.getContextClassLoader();
    thread.setContextClassLoader(loader);
    try {
      return isolated.call();
    } finally {
      thread.setContextClassLoader(context);
    }
  }
}
