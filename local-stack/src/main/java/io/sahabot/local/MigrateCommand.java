package io.sahabot.local;

import java.io.PrintStream;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import org.flywaydb.core.Flyway;
import org.flywaydb.core.api.callback.Callback;
import org.flywaydb.core.api.callback.Context;
import org.flywaydb.core.api.callback.Event;
import org.flywaydb.core.api.output.MigrateResult;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/**
 * Applies the pending migrations of the SahaBot schema, printing each one applied and a last line
 * that says all migrations completed, or what failed (with a non-zero exit code).
 *
 * <p>It connects as the schema's owner (a role that may create tables and roles), creates the
 * database when it is missing, and optionally sets the passwords of the roles the services connect
 * as: {@code sahabot_app}, and tenant-service's {@code sahabot_tenant_app}. After every run the
 * migrations' {@code afterMigrate} callback refuses to go on when either role could bypass
 * row-level security (superuser, BYPASSRLS, or owning a table).
 */
@Command(
    name = "migrate",
    header = "apply pending database migrations and print each one",
    sortOptions = false,
    description = {
      "Creates the database if it is missing and applies the pending migrations, printing each one",
      "and a last line saying all migrations completed, or what failed (exit code 1; 2 for bad",
      "arguments). Connect as the schema owner."
    })
public final class MigrateCommand implements Callable<Integer> {

  /** The role the services connect as, created by the migrations. */
  static final String APP_ROLE = "sahabot_app";

  /** tenant-service's role, created by the migrations: the only one that may write tenants. */
  static final String TENANT_APP_ROLE = "sahabot_tenant_app";

  @Mixin private Cli.Help help;

  @Option(
      names = "--url",
      paramLabel = "URL",
      defaultValue = "jdbc:postgresql://localhost:5432/sahabot",
      description =
          "JDBC URL (env DATABASE_JDBC_URL, default jdbc:postgresql://localhost:5432/sahabot)")
  @Cli.Env("DATABASE_JDBC_URL")
  private String url;

  @Option(
      names = "--user",
      paramLabel = "USER",
      defaultValue = "postgres",
      description = "schema owner (env DATABASE_OWNER_USER, default postgres)")
  @Cli.Env("DATABASE_OWNER_USER")
  private String user;

  @Option(
      names = "--password",
      paramLabel = "PASS",
      defaultValue = "",
      description = "owner's password (env DATABASE_OWNER_PASSWORD, default empty)")
  @Cli.Env("DATABASE_OWNER_PASSWORD")
  private String password;

  @Option(
      names = "--app-password",
      paramLabel = "PASS",
      description = {
        "sets the password of the application role sahabot_app (env DATABASE_APP_PASSWORD),",
        "and of tenant-service's role sahabot_tenant_app unless --tenant-app-password is given"
      })
  @Cli.Env("DATABASE_APP_PASSWORD")
  private String appPassword;

  @Option(
      names = "--tenant-app-password",
      paramLabel = "PASS",
      description = "sets the password of sahabot_tenant_app (env DATABASE_TENANT_APP_PASSWORD)")
  @Cli.Env("DATABASE_TENANT_APP_PASSWORD")
  private String tenantAppPassword;

  private final PrintStream out;
  private final PrintStream err;

  public MigrateCommand(PrintStream out, PrintStream err) {
    this.out = out;
    this.err = err;
  }

  /**
   * Returns the process exit code: 0 when every migration completed, 1 when one failed, 2 for bad
   * arguments; the options fall back to {@code env}.
   */
  int run(List<String> args, Map<String, String> env) {
    return Cli.run(this, args, env, out, err);
  }

  @Override
  public Integer call() {
    return migrate(
        url,
        user,
        password,
        appPassword,
        tenantAppPassword != null ? tenantAppPassword : appPassword);
  }

  /**
   * Returns 0 when every migration completed, else 1 (the failure printed); a non-null {@code
   * appPassword} becomes the password of both application roles.
   */
  public int migrate(String url, String user, String password, String appPassword) {
    return migrate(url, user, password, appPassword, appPassword);
  }

  /**
   * Returns 0 when every migration completed, else 1 (the failure printed); a null password leaves
   * that role's password as it is.
   */
  public int migrate(
      String url, String user, String password, String appPassword, String tenantAppPassword) {
    out.println("Migrating " + withoutCredentials(url) + " as " + user);
    try {
      createDatabaseIfMissing(url, user, password);
      MigrateResult result =
          Flyway.configure()
              .dataSource(url, user, password)
              .locations("classpath:db/migration")
              .callbacks(new PrintEachMigration(out))
              .load()
              .migrate();
      if (appPassword != null) {
        setPassword(url, user, password, APP_ROLE, appPassword);
        out.println("Set the password of the application role " + APP_ROLE);
      }
      if (tenantAppPassword != null) {
        setPassword(url, user, password, TENANT_APP_ROLE, tenantAppPassword);
        out.println("Set the password of tenant-service's role " + TENANT_APP_ROLE);
      }
      if (result.migrationsExecuted == 0) {
        out.println(
            "All migrations completed: nothing to apply, schema at version "
                + result.initialSchemaVersion);
      } else {
        out.println(
            "All migrations completed: "
                + result.migrationsExecuted
                + " applied, schema at version "
                + result.targetSchemaVersion);
      }
      return 0;
    } catch (Exception e) {
      err.println("Migration failed: " + describe(e));
      return 1;
    }
  }

  static void createDatabaseIfMissing(String url, String user, String password)
      throws SQLException {
    int slash = url.lastIndexOf('/');
    int query = url.indexOf('?', slash);
    String name = url.substring(slash + 1, query < 0 ? url.length() : query);
    String adminUrl =
        url.substring(0, slash + 1) + "postgres" + (query < 0 ? "" : url.substring(query));
    try (Connection c = DriverManager.getConnection(adminUrl, user, password);
        PreparedStatement exists =
            c.prepareStatement("SELECT 1 FROM pg_database WHERE datname = ?")) {
      exists.setString(1, name);
      try (ResultSet rs = exists.executeQuery()) {
        if (rs.next()) {
          return;
        }
      }
      if (!name.matches("[A-Za-z_][A-Za-z0-9_]*")) {
        throw new SQLException("database name '" + name + "' is not a plain identifier");
      }
      try (Statement s = c.createStatement()) {
        s.execute("CREATE DATABASE " + name);
      }
    }
  }

  private static void setPassword(
      String url, String user, String password, String role, String rolePassword)
      throws SQLException {
    try (Connection c = DriverManager.getConnection(url, user, password);
        Statement s = c.createStatement()) {
      s.execute("ALTER ROLE " + role + " LOGIN PASSWORD '" + rolePassword.replace("'", "''") + "'");
    }
  }

  private static String describe(Throwable e) {
    StringBuilder message = new StringBuilder(String.valueOf(e.getMessage()).strip());
    for (Throwable cause = e.getCause(); cause != null; cause = cause.getCause()) {
      if (cause.getMessage() != null && !message.toString().contains(cause.getMessage())) {
        message.append("\n  caused by: ").append(cause.getMessage().strip());
      }
    }
    return message.toString();
  }

  private static String withoutCredentials(String url) {
    return url.replaceAll("(?i)(password=)[^&]*", "$1***");
  }

  /** Prints one line per migration, as Flyway applies it. */
  private static final class PrintEachMigration implements Callback {

    private final PrintStream out;
    private long started;

    PrintEachMigration(PrintStream out) {
      this.out = out;
    }

    @Override
    public boolean supports(Event event, Context context) {
      return event == Event.BEFORE_EACH_MIGRATE
          || event == Event.AFTER_EACH_MIGRATE
          || event == Event.AFTER_EACH_MIGRATE_ERROR;
    }

    @Override
    public boolean canHandleInTransaction(Event event, Context context) {
      return true;
    }

    @Override
    public void handle(Event event, Context context) {
      var migration = context.getMigrationInfo();
      String name = "V" + migration.getVersion() + " " + migration.getDescription();
      switch (event) {
        case BEFORE_EACH_MIGRATE -> started = System.nanoTime();
        case AFTER_EACH_MIGRATE ->
            out.println(
                "Applied " + name + " (" + (System.nanoTime() - started) / 1_000_000 + " ms)");
        default -> out.println("Failed  " + name);
      }
    }

    @Override
    public String getCallbackName() {
      return "print-each-migration";
    }
  }
}
