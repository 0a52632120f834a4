package io.sahabot.agent;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.junit.AnalyzeClasses;
import com.tngtech.archunit.junit.ArchTest;
import com.tngtech.archunit.junit.ArchTests;
import com.tngtech.archunit.lang.ArchRule;
import io.sahabot.schemas.reservation.Actor;
import io.sahabot.testsupport.ServiceArchitecture;

/**
 * Every service's rules ({@link ServiceArchitecture}: the language rules in {@code domain} are
 * plain Java, no package cycles); tools act for the turn's tenant and never as an operator or as
 * the business's tenant API.
 */
@AnalyzeClasses(
    packagesOf = AgentApplication.class,
    importOptions = ImportOption.DoNotIncludeTests.class)
class ArchitectureTest {

  @ArchTest static final ArchTests everyService = ArchTests.in(ServiceArchitecture.class);

  @ArchTest
  static final ArchRule theAgentNeverActsAsAnOperator =
      noClasses()
          .should()
          .accessField(Actor.Role.class, "OPERATOR")
          .because(
              "the agent acts for customers and owners; reservation-service refuses an operator's"
                  + " command on reservation.commands (ReservationCommands refuses to send one)");

  @ArchTest
  static final ArchRule theToolsNeverActAsTheBusinessesApi =
      noClasses()
          .that()
          .resideInAnyPackage("..tools..", "..conversation..", "..offline..")
          .should()
          .accessField(Actor.Role.class, "BUSINESS")
          .orShould()
          .callMethod(Actor.class, "businessKey", java.util.UUID.class)
          .orShould()
          .callMethod(Actor.class, "businessOperator")
          .because(
              "only tenant-service sends the business's commands (Actor.Role.BUSINESS); the agent"
                  + " acts for the customers and owners of its chats");

  @ArchTest
  static final ArchRule toolsNeverTakeTheTenantFromTheModel =
      noClasses()
          .that()
          .resideInAPackage("..tools..")
          .should()
          .dependOnClassesThat()
          .haveSimpleName("TenantSnapshots")
          .because(
              "a tool acts for the tenant of the turn it is given, never one it looks up by an"
                  + " argument");
}
