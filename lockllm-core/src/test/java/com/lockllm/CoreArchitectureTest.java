package com.lockllm;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import org.junit.jupiter.api.Test;

/**
 * The core stays framework-free (adapters depend on it, never the other way round), and its
 * packages depend on each other in one direction only, so each can be read without the others.
 */
class CoreArchitectureTest {
  static final JavaClasses CORE = new ClassFileImporter()
      .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
      .importPackages("com.lockllm");

  @Test
  void coreImportsNoFrameworkType() {
    noClasses().should().dependOnClassesThat().resideInAnyPackage(
            "jakarta..", "javax.servlet..", "org.springframework..", "io.micronaut..", "io.vertx..",
            "io.netty..", "org.eclipse.jetty..")
        .check(CORE);
  }

  @Test
  void coreImportsNoOtherLockLLMModule() {
    noClasses().should().dependOnClassesThat().resideInAnyPackage(
            "com.lockllm.engine..", "com.lockllm.servlet..", "com.lockllm.cli..", "com.lockllm.client..",
            "com.lockllm.server..", "dev.failsafe..")
        .check(CORE);
  }

  @Test
  void packagesHaveNoCycles() {
    slices().matching("com.lockllm.(*)..").should().beFreeOfCycles().check(CORE);
  }
}
