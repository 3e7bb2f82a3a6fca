package com.lockllm.samples.gateway.keys;

import com.lockllm.error.AuthenticationException;
import com.lockllm.error.LockLLMException;
import jakarta.servlet.Filter;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.ServletRequest;
import jakarta.servlet.ServletResponse;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletRequestWrapper;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.security.Principal;

/**
 * Who may read the gateway's operational data on the client-facing port: {@code /actuator/**} and
 * the dashboard's {@code /dashboard/stats}. The meters name client keys, routes and categories
 * (never prompt text), so with client keys configured only a key flagged {@code admin} reads them:
 * 401 without a key (an anonymous request on a gateway with {@code anonymous=true}), 403 for a key
 * without the flag. The health probes stay open to anyone (load balancers send no key) but show only
 * their status; the components and details go to whoever may read the metrics, which Actuator learns
 * from the request's {@link HttpServletRequest#getUserPrincipal() principal}
 * ({@code show-details=when-authorized}). A gateway without client keys (the echo model, a development
 * set-up) is open, this data included. Runs after {@link GatewayKeyFilter}, which has authenticated
 * the request.
 */
final class ManagementAccessFilter implements Filter {
  static final String ACTUATOR = "/actuator";
  static final String STATS = "/dashboard/stats";

  private final boolean open;

  /** @param open no client key is configured: everyone may read it */
  ManagementAccessFilter(boolean open) {
    this.open = open;
  }

  @Override
  public void doFilter(ServletRequest req, ServletResponse res, FilterChain chain) throws IOException, ServletException {
    HttpServletRequest request = (HttpServletRequest) req;
    HttpServletResponse response = (HttpServletResponse) res;
    String path = GatewayKeyFilter.path(request);
    if (!managed(path)) {
      chain.doFilter(request, response);
      return;
    }
    AuthenticatedKey key = AuthenticatedKey.of(request);
    if (open || (key != null && key.admin())) {
      chain.doFilter(new Admin(request, key == null ? "open" : key.name()), response);
    } else if (GatewayKeyFilter.OPEN_PATHS.contains(path)) {
      chain.doFilter(request, response);
    } else if (key == null) {
      GatewayKeyFilter.write(response, new AuthenticationException("Missing gateway key: the gateway's metrics need a "
          + "key with the admin flag", "invalid_api_key", null), GatewayKeyFilter.REALM);
    } else {
      GatewayKeyFilter.write(response, new LockLLMException("This gateway key may not read the gateway's metrics: "
          + "it needs the admin flag", "permission_error", "admin_required", 403, null), null);
    }
  }

  /** {@code /actuator}, anything under it, and the dashboard's data. */
  static boolean managed(String path) {
    return path.equals(ACTUATOR) || path.startsWith(ACTUATOR + "/") || path.equals(STATS) || path.startsWith(STATS + "/");
  }

  /** The request as Actuator sees it: from an authorized principal, named after the key. */
  private static final class Admin extends HttpServletRequestWrapper {
    private final Principal principal;

    Admin(HttpServletRequest request, String name) {
      super(request);
      this.principal = () -> name;
    }

    @Override
    public Principal getUserPrincipal() {
      return principal;
    }
  }
}
