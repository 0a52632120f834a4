package io.sahabot.ingress.sender;

import io.r2dbc.spi.ConnectionFactories;
import io.r2dbc.spi.ConnectionFactory;
import io.r2dbc.spi.ConnectionFactoryOptions;
import io.sahabot.platform.db.TenantScope;
import io.sahabot.testsupport.SahaBotInfrastructure;
import io.sahabot.testsupport.TestDatabase;
import java.time.Duration;
import org.springframework.r2dbc.connection.R2dbcTransactionManager;
import org.springframework.r2dbc.core.DatabaseClient;
import org.springframework.transaction.reactive.TransactionalOperator;

/** Send ledgers on the tests' database, connected as the application role like the service. */
final class Ledgers {

  private static final TenantScope scope = scope();

  private Ledgers() {}

  /** A ledger whose claims go stale after {@code staleAfter}. */
  static SendLedger of(Duration staleAfter) {
    return new SendLedger(scope, staleAfter, Duration.ofSeconds(10));
  }

  /** A ledger on a database that does not answer (a closed port). */
  static SendLedger unreachable(int closedPort) {
    TestDatabase db = SahaBotInfrastructure.get().database();
    return new SendLedger(
        scope("r2dbc:postgresql://127.0.0.1:" + closedPort + "/" + db.name(), db),
        Duration.ofMinutes(2),
        Duration.ofSeconds(5));
  }

  static TenantScope scope() {
    TestDatabase db = SahaBotInfrastructure.get().database();
    return scope(db.r2dbcUrl(), db);
  }

  private static TenantScope scope(String url, TestDatabase db) {
    ConnectionFactory factory =
        ConnectionFactories.get(
            ConnectionFactoryOptions.parse(url)
                .mutate()
                .option(ConnectionFactoryOptions.USER, db.appUser())
                .option(ConnectionFactoryOptions.PASSWORD, db.appPassword())
                .build());
    return new TenantScope(
        DatabaseClient.create(factory),
        TransactionalOperator.create(new R2dbcTransactionManager(factory)));
  }
}
