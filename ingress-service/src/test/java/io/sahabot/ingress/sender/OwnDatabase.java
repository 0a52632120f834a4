package io.sahabot.ingress.sender;

import io.sahabot.testsupport.SahaBotInfrastructure;
import io.sahabot.testsupport.TestDatabase;
import org.flywaydb.core.Flyway;

/**
 * A migrated database of a test class's own, on the tests' server, for a sender that must not share
 * its send ledger: every sender context of the test JVM reads all of {@code whatsapp.outbound}
 * (each in its group), and on one ledger the first to claim a message would send it for all of them
 * (a cached recording context would take the messages a test sends for real).
 */
final class OwnDatabase {

  private OwnDatabase() {}

  /** A new, migrated database's R2DBC URL (the application role logs in as everywhere). */
  static String r2dbcUrl() {
    TestDatabase db = SahaBotInfrastructure.get().newEmptyDatabase();
    Flyway.configure()
        .dataSource(db.jdbcUrl(), db.ownerUser(), db.ownerPassword())
        .locations("classpath:db/migration")
        .load()
        .migrate();
    return db.r2dbcUrl();
  }
}
