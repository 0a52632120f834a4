package io.sahabot.agent;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import io.sahabot.schemas.reservation.Actor;
import org.junit.jupiter.api.Test;

/**
 * The language rules are plain Java: no framework in {@code domain}; tools act for the turn's
 * tenant and never as an operator.
 */
class ArchitectureTest {

  private final JavaClasses classes =
      new ClassFileImporter()
          .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
          .importPackages("io.sahabot.agent");

  @Test
  void domainHasNoFrameworkImports() {
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
            "reactor..")
        .check(classes);
  }

  @Test
  void theAgentNeverActsAsAnOperator() {
    noClasses()
        .should()
        .accessField(Actor.Role.class, "OPERATOR")
        .because(
            "the agent acts for customers and owners; reservation-service refuses an operator's"
                + " command on reservation.commands (ReservationCommands refuses to send one)")
        .check(classes);
  }

  @Test
  void toolsNeverTakeTheTenantFromTheModel() {
    noClasses()
        .that()
        .resideInAPackage("..tools..")
        .should()
        .dependOnClassesThat()
        .haveSimpleName("TenantSnapshots")
        .because(
            "a tool acts for the tenant of the turn it is given, never one it looks up by an argument")
        .check(classes);
  }

  @Test
  void featuresAreFreeOfCycles() {
    slices()
        .matching("io.sahabot.agent.(*)..")
        .should()
        .beFreeOfCycles()
        .because("a feature package may use another only when that one does not use it back")
        .check(classes);
  }
}
