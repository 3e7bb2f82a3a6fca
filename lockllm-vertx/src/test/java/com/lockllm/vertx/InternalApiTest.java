package com.lockllm.vertx;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import org.junit.jupiter.api.Test;

/** Vert.x Web's internals are used in one place only, where RATIONALE.md says why. */
class InternalApiTest {
  @Test
  void onlyBufferedBodyTouchesVertxWebInternals() {
    noClasses().that().doNotHaveFullyQualifiedName("com.lockllm.vertx.impl.BufferedBody")
        .should().dependOnClassesThat().resideInAnyPackage("io.vertx.ext.web.impl..", "io.vertx.core.impl..",
            "io.vertx.core.internal..")
        .check(new ClassFileImporter()
            .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
            .importPackages("com.lockllm.vertx"));
  }
}
