package io.sahabot.local;

import static org.assertj.core.api.Assertions.assertThat;

import io.sahabot.testsupport.SahaBotInfrastructure;
import io.sahabot.testsupport.TestDatabase;
import java.io.IOException;
import java.io.PrintStream;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.ParameterContext;
import org.junit.jupiter.api.extension.ParameterResolver;

/**
 * The four services' jars (built earlier in the reactor) on free ports, on the shared embedded
 * broker and test database, started once for every test class of the run that asks for them and
 * stopped when the run ends. A test class gets it as a parameter of its {@code @BeforeAll}, with
 * {@code @ExtendWith(RunningSystem.Extension.class)}.
 */
final class RunningSystem implements AutoCloseable {

  private final Services services;
  private final Services.Ports ports;
  private final java.util.Map<String, Services.Service> byName = new java.util.LinkedHashMap<>();

  private RunningSystem(Services services, Services.Ports ports) {
    this.services = services;
    this.ports = ports;
  }

  /** Kills a service with SIGKILL, as a crash would, and waits until it is gone. */
  void kill(String name) {
    ProcessHandle.of(services.pid(byName.get(name)))
        .ifPresent(
            p -> {
              p.destroyForcibly();
              p.onExit().join();
            });
  }

  /** Starts a service (again) and waits until it reports UP. */
  void restart(String name) throws IOException {
    Services.Service service = byName.get(name);
    services.start(service);
    assertThat(services.awaitUp(service, Duration.ofSeconds(240)))
        .as(name + " up again; log: " + services.log(service))
        .isTrue();
  }

  Services.Ports ports() {
    return ports;
  }

  private static RunningSystem start() throws IOException {
    SahaBotInfrastructure infra = SahaBotInfrastructure.get();
    TestDatabase db = infra.database();
    Services.Ports ports = new Services.Ports(freePort(), freePort(), freePort(), freePort());
    Path home = Path.of("").toAbsolutePath().getParent();
    Path work = Files.createTempDirectory("e2e-");
    Services services =
        new Services(
            home, work.resolve("logs"), new PrintStream(System.out, true, StandardCharsets.UTF_8));
    RunningSystem system = new RunningSystem(services, ports);
    List<Services.Service> all =
        Services.on(
            ports,
            infra.kafkaBootstrapServers(),
            db.r2dbcUrl(),
            new Services.Logins(
                db.appUser(), db.appPassword(), db.tenantAppUser(), db.tenantAppPassword()),
            work);
    all.forEach(service -> system.byName.put(service.name(), service));
    try {
      for (Services.Service service : all) {
        services.start(service);
      }
      for (Services.Service service : all) {
        assertThat(services.awaitUp(service, Duration.ofSeconds(240)))
            .as(service.name() + " up; log: " + services.log(service))
            .isTrue();
      }
    } catch (IOException | RuntimeException | Error e) {
      system.close();
      throw e;
    }
    return system;
  }

  static int freePort() throws IOException {
    try (ServerSocket socket = new ServerSocket(0)) {
      return socket.getLocalPort();
    }
  }

  @Override
  public void close() {
    services.close();
  }

  /** Resolves a {@link RunningSystem} parameter: the one of this run, started on first use. */
  static final class Extension implements ParameterResolver {

    private static final ExtensionContext.Namespace NAMESPACE =
        ExtensionContext.Namespace.create(RunningSystem.class);

    @Override
    public boolean supportsParameter(ParameterContext parameter, ExtensionContext context) {
      return parameter.getParameter().getType() == RunningSystem.class;
    }

    @Override
    public Object resolveParameter(ParameterContext parameter, ExtensionContext context) {
      // the root store is closed (and the services stopped) when the whole run ends
      return context
          .getRoot()
          .getStore(NAMESPACE)
          .computeIfAbsent(
              RunningSystem.class,
              key -> {
                try {
                  return start();
                } catch (IOException e) {
                  throw new java.io.UncheckedIOException(e);
                }
              },
              RunningSystem.class);
    }
  }
}
