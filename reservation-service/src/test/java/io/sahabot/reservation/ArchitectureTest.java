package io.sahabot.reservation;

import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.junit.AnalyzeClasses;
import com.tngtech.archunit.junit.ArchTest;
import com.tngtech.archunit.junit.ArchTests;
import io.sahabot.testsupport.ServiceArchitecture;

/**
 * Every service's rules ({@link ServiceArchitecture}): the booking rules in {@code domain} are
 * plain Java (the report images are drawn outside it), and no feature package is in a cycle.
 */
@AnalyzeClasses(
    packagesOf = ReservationApplication.class,
    importOptions = ImportOption.DoNotIncludeTests.class)
class ArchitectureTest {

  @ArchTest static final ArchTests everyService = ArchTests.in(ServiceArchitecture.class);
}
