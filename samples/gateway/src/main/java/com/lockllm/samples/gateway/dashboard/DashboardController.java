package com.lockllm.samples.gateway.dashboard;

import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.http.CacheControl;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * {@code GET /dashboard/stats}: the live dashboard's data ({@code static/dashboard.html} polls it),
 * from the gateway's own meters. With client keys configured it needs a key flagged {@code admin}
 * (the keys package's {@code ManagementAccessFilter}).
 */
@RestController
class DashboardController {
  private final MeterRegistry registry;

  DashboardController(ObjectProvider<MeterRegistry> registry) {
    this.registry = registry.getIfAvailable(SimpleMeterRegistry::new);
  }

  @GetMapping("/dashboard/stats")
  ResponseEntity<DashboardStats> stats() {
    return ResponseEntity.ok().cacheControl(CacheControl.noStore())
        .body(DashboardStats.read(registry, System.currentTimeMillis()));
  }
}
