package io.sahabot.testsupport;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;

import com.tngtech.archunit.junit.ArchTest;
import com.tngtech.archunit.lang.ArchRule;

/**
 * The architecture rules every service keeps, for ArchUnit's JUnit 5 engine. A service's {@code
 * ArchitectureTest} analyses its own main classes ({@code @AnalyzeClasses}) and includes these with
 * {@code @ArchTest static final ArchTests everyService = ArchTests.in(ServiceArchitecture.class)},
 * beside the rules that are its own.
 */
public final class ServiceArchitecture {

  /** What a {@code domain} package may not use, in any service: it is plain Java. */
  static final String[] FRAMEWORKS = {
    "org.springframework..",
    "org.apache.kafka..",
    "io.r2dbc..",
    "reactor..",
    "dev.langchain4j..",
    "io.micrometer..",
    "io.github.resilience4j..",
    "java.awt.."
  };

  @ArchTest
  static final ArchRule domainHasNoFrameworks =
      noClasses()
          .that()
          .resideInAPackage("..domain..")
          .should()
          .dependOnClassesThat()
          .resideInAnyPackage(FRAMEWORKS)
          .because(
              "a feature's rules are plain Java, tested without Spring, a broker or a database");

  @ArchTest
  static final ArchRule featuresAreFreeOfCycles =
      slices()
          .matching("io.sahabot.*.(*)..")
          .should()
          .beFreeOfCycles()
          .because("a feature package may use another only when that one does not use it back");

  private ServiceArchitecture() {}
}
