package io.sahabot.ingress;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.junit.AnalyzeClasses;
import com.tngtech.archunit.junit.ArchTest;
import com.tngtech.archunit.junit.ArchTests;
import com.tngtech.archunit.lang.ArchRule;
import io.sahabot.testsupport.ServiceArchitecture;

/**
 * Every service's rules ({@link ServiceArchitecture}: the rules of each feature, webhook and
 * sender, stay free of Spring, Kafka and HTTP clients); the webhook side never uses the sender, nor
 * the database (the edge accepts webhooks while PostgreSQL is down).
 */
@AnalyzeClasses(
    packagesOf = IngressApplication.class,
    importOptions = ImportOption.DoNotIncludeTests.class)
class ArchitectureTest {

  @ArchTest static final ArchTests everyService = ArchTests.in(ServiceArchitecture.class);

  @ArchTest
  static final ArchRule featuresDoNotDependOnEachOther =
      noClasses()
          .that()
          .resideInAPackage("io.sahabot.ingress.webhook..")
          .should()
          .dependOnClassesThat()
          .resideInAPackage("io.sahabot.ingress.sender..");

  @ArchTest
  static final ArchRule theWebhookPathNeverTouchesTheDatabase =
      noClasses()
          .that()
          .resideInAPackage("io.sahabot.ingress.webhook..")
          .should()
          .dependOnClassesThat()
          .resideInAnyPackage(
              "io.sahabot.platform.db..", "org.springframework.r2dbc..", "io.r2dbc..");
}
