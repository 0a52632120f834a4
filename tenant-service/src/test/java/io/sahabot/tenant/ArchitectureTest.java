package io.sahabot.tenant;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.junit.AnalyzeClasses;
import com.tngtech.archunit.junit.ArchTest;
import com.tngtech.archunit.junit.ArchTests;
import com.tngtech.archunit.lang.ArchRule;
import io.sahabot.testsupport.ServiceArchitecture;

/**
 * Every service's rules ({@link ServiceArchitecture}); the enrichment topology knows neither Spring
 * nor the database (its one provisioner aside), so it is tested on {@code TopologyTestDriver}.
 */
@AnalyzeClasses(
    packagesOf = TenantApplication.class,
    importOptions = ImportOption.DoNotIncludeTests.class)
class ArchitectureTest {

  @ArchTest static final ArchTests everyService = ArchTests.in(ServiceArchitecture.class);

  @ArchTest
  static final ArchRule topologyDoesNotKnowSpringOrTheDatabase =
      noClasses()
          .that()
          .resideInAPackage("..enrichment")
          .and()
          .doNotHaveSimpleName("DirectoryProvisioner")
          .should()
          .dependOnClassesThat()
          .resideInAnyPackage("org.springframework..", "io.r2dbc..");
}
