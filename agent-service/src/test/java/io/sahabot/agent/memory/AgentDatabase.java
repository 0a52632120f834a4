package io.sahabot.agent.memory;

import io.r2dbc.pool.ConnectionPool;
import io.r2dbc.pool.ConnectionPoolConfiguration;
import io.r2dbc.spi.ConnectionFactories;
import io.r2dbc.spi.ConnectionFactory;
import io.r2dbc.spi.ConnectionFactoryOptions;
import io.sahabot.platform.db.TenantScope;
import io.sahabot.testsupport.SahaBotInfrastructure;
import io.sahabot.testsupport.TestDatabase;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.util.UUID;
import java.util.concurrent.ThreadLocalRandom;
import org.springframework.r2dbc.connection.R2dbcTransactionManager;
import org.springframework.r2dbc.core.DatabaseClient;
import org.springframework.transaction.reactive.TransactionalOperator;

/**
 * The shared test database as agent-service sees it: connected as the application role, so
 * row-level security applies, with a {@link TenantScope} as the service builds it.
 */
public final class AgentDatabase {

  private static final TestDatabase DB = SahaBotInfrastructure.get().database();

  /** Pooled, as in the service (a connection per statement would make the memory tests slow). */
  private static final ConnectionFactory APP =
      new ConnectionPool(
          ConnectionPoolConfiguration.builder(
                  ConnectionFactories.get(
                      ConnectionFactoryOptions.parse(DB.r2dbcUrl())
                          .mutate()
                          .option(ConnectionFactoryOptions.USER, DB.appUser())
                          .option(ConnectionFactoryOptions.PASSWORD, DB.appPassword())
                          .build()))
              .maxSize(4)
              // as the services' pools: skip connections a refused-connections test closed
              .acquireRetry(8)
              .build());

  /** The default window, with a timeout that tolerates a cold start on a busy 2-core machine. */
  public static final MemoryProperties MEMORY = new MemoryProperties(40, Duration.ofSeconds(30));

  private AgentDatabase() {}

  public static TestDatabase database() {
    return DB;
  }

  /** A database client on a connection factory of the application role. */
  public static DatabaseClient client() {
    return DatabaseClient.create(APP);
  }

  /** The memory store as the service builds it, connected as the application role. */
  public static PostgresChatMemoryStore memoryStore() {
    return new PostgresChatMemoryStore(client(), tenantScope(), MEMORY);
  }

  /** A new tenant scope on a connection factory of the application role. */
  public static TenantScope tenantScope() {
    return new TenantScope(
        DatabaseClient.create(APP), TransactionalOperator.create(new R2dbcTransactionManager(APP)));
  }

  /** A new tenant with a random WhatsApp number id, written as tenant-service's role. */
  public static UUID newTenant() {
    String phoneNumberId = "agent-" + ThreadLocalRandom.current().nextLong(1_000_000_000_000L);
    try (Connection c = DB.connectAsTenantApp();
        PreparedStatement s =
            c.prepareStatement(
                "INSERT INTO tenants (whatsapp_phone_number_id, business_name) VALUES (?, ?)"
                    + " RETURNING id")) {
      s.setString(1, phoneNumberId);
      s.setString(2, "Tenant " + phoneNumberId);
      try (ResultSet rs = s.executeQuery()) {
        rs.next();
        return rs.getObject(1, UUID.class);
      }
    } catch (SQLException e) {
      throw new IllegalStateException(e);
    }
  }
}
