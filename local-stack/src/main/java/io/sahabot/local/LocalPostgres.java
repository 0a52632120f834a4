package io.sahabot.local;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * PostgreSQL for a local run: the server on localhost:5432 when one answers there, otherwise an
 * embedded one (zonky's binaries from Maven Central) whose data directory is kept between runs.
 */
public final class LocalPostgres implements AutoCloseable {

  private final String host;
  private final int port;
  private final String user;
  private final String password;
  private final EmbeddedPostgres embedded;

  private LocalPostgres(String host, int port, String user, String password, EmbeddedPostgres pg) {
    this.host = host;
    this.port = port;
    this.user = user;
    this.password = password;
    this.embedded = pg;
  }

  public static LocalPostgres start(
      Path dataDir, String host, int port, String user, String password, int embeddedPort)
      throws IOException {
    if (answers(host, port)) {
      return new LocalPostgres(host, port, user, password, null);
    }
    Path data = dataDir.resolve("postgres");
    Files.createDirectories(dataDir.resolve("postgres-work"));
    EmbeddedPostgres pg =
        EmbeddedPostgres.builder()
            .setOverrideWorkingDirectory(dataDir.resolve("postgres-work").toFile())
            .setDataDirectory(data)
            .setCleanDataDirectory(false)
            .setRegisterShutdownHook(false)
            .setPort(embeddedPort)
            .start();
    return new LocalPostgres("localhost", pg.getPort(), "postgres", "", pg);
  }

  static boolean answers(String host, int port) {
    try (Socket socket = new Socket()) {
      socket.connect(new InetSocketAddress(host, port), 500);
      return true;
    } catch (IOException e) {
      return false;
    }
  }

  /** Drops a database of the server (for --fresh on a server we do not own the data of). */
  public void dropDatabase(String name) throws IOException {
    try (java.sql.Connection c =
            java.sql.DriverManager.getConnection(jdbcUrl("postgres"), user, password);
        java.sql.Statement s = c.createStatement()) {
      s.execute("DROP DATABASE IF EXISTS " + name + " WITH (FORCE)");
    } catch (java.sql.SQLException e) {
      throw new IOException("could not drop database " + name + ": " + e.getMessage(), e);
    }
  }

  public boolean isEmbedded() {
    return embedded != null;
  }

  public String jdbcUrl(String database) {
    return "jdbc:postgresql://" + host + ":" + port + "/" + database;
  }

  public String r2dbcUrl(String database) {
    return "r2dbc:postgresql://" + host + ":" + port + "/" + database;
  }

  public String user() {
    return user;
  }

  public String password() {
    return password;
  }

  @Override
  public void close() throws IOException {
    if (embedded != null) {
      embedded.close();
    }
  }
}
