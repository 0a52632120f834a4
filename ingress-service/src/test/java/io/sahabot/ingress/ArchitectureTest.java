package io.sahabot.ingress;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;

import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.junit.AnalyzeClasses;
import com.tngtech.archunit.junit.ArchTest;
import com.tngtech.archunit.lang.ArchRule;

/** The rules of each feature (webhook, sender) stay free of Spring, Kafka and HTTP clients. */
@AnalyzeClasses(
    packages = "io.sahabot.ingress",
    importOptions = ImportOption.DoNotIncludeTests.class)
class ArchitectureTest {

  @ArchTest
  static final ArchRule domainHasNoFrameworks =
      noClasses()
          .that()
          .resideInAPackage("..domain..")
          .should()
          .dependOnClassesThat()
          .resideInAnyPackage(
              "org.springframework..",
              "org.apache.kafka..",
              "io.r2dbc..",
              "dev.langchain4j..",
              "reactor..",
              "io.micrometer..",
              "io.github.resilience4j..");

  @ArchTest
  static final ArchRule featuresDoNotDependOnEachOther =
      noClasses()
          .that()
          .resideInAPackage("io.sahabot.ingress.webhook..")
          .should()
          .dependOnClassesThat()
          .resideInAPackage("io.sahabot.ingress.sender..");

  @ArchTest
  static final ArchRule featuresAreFreeOfCycles =
      slices()
          .matching("io.sahabot.ingress.(*)..")
          .should()
          .beFreeOfCycles()
          .because("a feature package may use another only when that one does not use it back");
}
