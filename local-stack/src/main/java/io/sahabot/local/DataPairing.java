package io.sahabot.local;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Optional;
import java.util.UUID;

/**
 * Remembers which database the local run's Kafka data belongs to. Kafka's topics (tenants on {@code
 * tenant.changelog}, commands, conversations) and the database's rows are one state: Kafka kept and
 * the database replaced (another server, an empty embedded one, an older backup) means tenants
 * known on the topics and missing in the tables. The first run stamps the database (a comment on
 * it) and writes the same id beside the Kafka data; later runs compare the two and say loudly when
 * they differ.
 */
final class DataPairing {

  static final String FILE = "kafka-database.id";
  private static final String PREFIX = "sahabot-data:";

  /** What the comparison found. */
  enum Verdict {
    /** The database and the Kafka data carry the same id. */
    PAIRED,
    /** Neither had an id, or only the database: they are paired now. */
    NEW,
    /** The Kafka data belongs to another database. */
    MISMATCH
  }

  private DataPairing() {}

  /** Compares (and on a first run, stamps) the database at {@code jdbcUrl} and {@code dataDir}. */
  static Verdict check(Path dataDir, String jdbcUrl, String user, String password, String database)
      throws IOException {
    Path file = dataDir.resolve(FILE);
    Optional<String> kafkaSide =
        Files.exists(file) ? Optional.of(Files.readString(file).trim()) : Optional.empty();
    try (Connection c = DriverManager.getConnection(jdbcUrl, user, password)) {
      Optional<String> databaseSide = stamp(c, database);
      if (kafkaSide.isPresent() && databaseSide.isPresent()) {
        return kafkaSide.get().equals(databaseSide.get()) ? Verdict.PAIRED : Verdict.MISMATCH;
      }
      if (kafkaSide.isPresent()) {
        return Verdict.MISMATCH; // the Kafka data knew a database; this one was never stamped
      }
      String id = databaseSide.orElseGet(() -> UUID.randomUUID().toString());
      if (databaseSide.isEmpty()) {
        try (Statement s = c.createStatement()) {
          s.execute("COMMENT ON DATABASE " + database + " IS '" + PREFIX + id + "'");
        }
      }
      Files.writeString(file, id + "\n");
      return Verdict.NEW;
    } catch (SQLException e) {
      throw new IOException("could not read the database's data id: " + e.getMessage(), e);
    }
  }

  private static Optional<String> stamp(Connection c, String database) throws SQLException {
    try (PreparedStatement s =
        c.prepareStatement(
            "SELECT shobj_description(oid, 'pg_database') FROM pg_database WHERE datname = ?")) {
      s.setString(1, database);
      try (ResultSet rs = s.executeQuery()) {
        if (rs.next() && rs.getString(1) != null && rs.getString(1).startsWith(PREFIX)) {
          return Optional.of(rs.getString(1).substring(PREFIX.length()));
        }
      }
    }
    return Optional.empty();
  }

  /** The warning printed on a mismatch. */
  static String warning(Path dataDir, String jdbcUrl) {
    return String.join(
        System.lineSeparator(),
        "",
        "WARNING: the Kafka data in " + dataDir.resolve("kafka"),
        "  was written together with another database than " + jdbcUrl + ".",
        "  Tenants, reservations and conversations known on the topics may be missing in this",
        "  database: tenant-service restores the tenants it finds on tenant.changelog, but earlier",
        "  reservations and conversation history are not in this database.",
        "  To start afresh: ./sahabot run --fresh. To use the data as it was: run against the",
        "  database it was written with (--pg-port / --pg-user as then).",
        "");
  }
}
