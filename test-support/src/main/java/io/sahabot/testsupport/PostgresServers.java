package io.sahabot.testsupport;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;
import java.util.concurrent.ThreadLocalRandom;
import org.flywaydb.core.Flyway;
import org.flywaydb.core.api.output.MigrateResult;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Finds or starts a PostgreSQL server and makes a fresh database on it, migrated to the latest. */
final class PostgresServers {

  private static final Logger log = LoggerFactory.getLogger(PostgresServers.class);

  static final String APP_ROLE = "sahabot_app";
  static final String APP_PASSWORD = "sahabot_app";
  static final String TENANT_APP_ROLE = "sahabot_tenant_app";
  static final String TENANT_APP_PASSWORD = "sahabot_tenant_app";

  private PostgresServers() {}

  /**
   * A running server reachable by a superuser (or a role allowed to create databases and roles).
   */
  record Server(String host, int port, String user, String password, AutoCloseable stopper) {}

  static boolean answers(String host, int port) {
    try (Socket socket = new Socket()) {
      socket.connect(new InetSocketAddress(host, port), 500);
      return true;
    } catch (IOException e) {
      return false;
    }
  }

  static Server localOrEmbedded() {
    String host = setting("SAHABOT_TEST_PG_HOST", "127.0.0.1");
    int port = Integer.parseInt(setting("SAHABOT_TEST_PG_PORT", "5432"));
    String user = setting("SAHABOT_TEST_PG_USER", "postgres");
    String password = setting("SAHABOT_TEST_PG_PASSWORD", "");
    if (answers(host, port)) {
      log.info("Using the PostgreSQL server on {}:{}", host, port);
      return new Server(host, port, user, password, () -> {});
    }
    log.info("No PostgreSQL on {}:{}; starting an embedded one", host, port);
    try {
      Path dir = Files.createTempDirectory("sahabot-pg-");
      EmbeddedPostgres pg =
          EmbeddedPostgres.builder()
              .setOverrideWorkingDirectory(dir.toFile())
              .setDataDirectory(dir.resolve("data"))
              .start();
      return new Server("localhost", pg.getPort(), "postgres", "", pg);
    } catch (IOException e) {
      throw new IllegalStateException("could not start an embedded PostgreSQL", e);
    }
  }

  /** Creates a new database named for this run, migrates it, and lets the application role in. */
  static TestDatabase freshDatabase(Server server) {
    TestDatabase db = emptyDatabase(server);
    MigrateResult result = migrate(db.jdbcUrl(), server.user(), server.password());
    log.info(
        "Database {} migrated to version {} ({} migrations)",
        db.name(),
        result.targetSchemaVersion,
        result.migrationsExecuted);
    allowAppRole(server, db);
    return db;
  }

  /**
   * The roles are cluster-wide and created by the migrations; a password lets them in where the
   * server does not trust local connections (containers).
   */
  static void allowAppRole(Server server, TestDatabase db) {
    execute(
        db.jdbcUrl(), server, "ALTER ROLE " + APP_ROLE + " LOGIN PASSWORD '" + APP_PASSWORD + "'");
    execute(
        db.jdbcUrl(),
        server,
        "ALTER ROLE " + TENANT_APP_ROLE + " LOGIN PASSWORD '" + TENANT_APP_PASSWORD + "'");
  }

  static TestDatabase emptyDatabase(Server server) {
    String name =
        "sahabot_it_"
            + LocalDateTime.now().format(DateTimeFormatter.ofPattern("yyyyMMdd_HHmmss"))
            + "_"
            + Integer.toString(ThreadLocalRandom.current().nextInt(1 << 20), 36);
    String adminUrl = "jdbc:postgresql://" + server.host() + ":" + server.port() + "/postgres";
    execute(adminUrl, server, "CREATE DATABASE " + name);
    TestDatabase db =
        new TestDatabase(
            server.host(),
            server.port(),
            name,
            server.user(),
            server.password(),
            APP_ROLE,
            APP_PASSWORD,
            TENANT_APP_ROLE,
            TENANT_APP_PASSWORD);
    return db;
  }

  static MigrateResult migrate(String jdbcUrl, String user, String password) {
    return Flyway.configure()
        .dataSource(jdbcUrl, user, password)
        .locations("classpath:db/migration")
        .load()
        .migrate();
  }

  static void drop(Server server, TestDatabase db) {
    String adminUrl = "jdbc:postgresql://" + server.host() + ":" + server.port() + "/postgres";
    try {
      execute(adminUrl, server, "DROP DATABASE IF EXISTS " + db.name() + " WITH (FORCE)");
    } catch (RuntimeException e) {
      log.warn("Could not drop test database {}: {}", db.name(), e.getMessage());
    }
  }

  private static void execute(String url, Server server, String sql) {
    try (Connection c = DriverManager.getConnection(url, server.user(), server.password());
        Statement s = c.createStatement()) {
      s.execute(sql);
    } catch (SQLException e) {
      throw new IllegalStateException("failed: " + sql + ": " + e.getMessage(), e);
    }
  }

  static String setting(String name, String fallback) {
    String value = System.getProperty(name.toLowerCase().replace('_', '.'));
    if (value == null || value.isBlank()) {
      value = System.getenv(name);
    }
    return value == null || value.isBlank() ? fallback : value;
  }
}
