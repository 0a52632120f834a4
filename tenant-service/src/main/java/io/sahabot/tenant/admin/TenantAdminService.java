package io.sahabot.tenant.admin;

import io.sahabot.schemas.reservation.ReservationView;
import io.sahabot.schemas.tenant.TenantSettings;
import io.sahabot.tenant.changelog.ChangelogRelay;
import io.sahabot.tenant.changelog.OutboxSettings;
import io.sahabot.tenant.config.TenantProperties;
import io.sahabot.tenant.problems.Problems;
import io.sahabot.tenant.provisioning.Tenant;
import io.sahabot.tenant.provisioning.TenantDirectory;
import java.util.List;
import java.util.UUID;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Service;
import reactor.core.publisher.Mono;
import tools.jackson.databind.JsonNode;

/**
 * The changes to tenants. Each change increments the tenant's version in PostgreSQL and writes the
 * snapshot of that version to the outbox in the same transaction ({@code TenantDirectory}); the
 * {@link ChangelogRelay} publishes it, at once and again until it succeeds. Invalid input changes
 * nothing.
 *
 * <p>A change of name or settings is applied to the version it was computed from ({@code UPDATE …
 * WHERE version = :expected}). With an {@code If-Match} version, a tenant at another version
 * answers 412 and changes nothing. Without one, a change that loses a race with a concurrent one is
 * computed again once on the newer version; losing twice answers 409, and nothing is changed.
 */
@Service
public class TenantAdminService {

  private static final Logger log = LoggerFactory.getLogger(TenantAdminService.class);

  private final TenantDirectory directory;
  private final ChangelogRelay relay;
  private final OutboxSettings outbox;
  private final SettingsImpact impact;

  public TenantAdminService(
      TenantDirectory directory,
      ChangelogRelay relay,
      TenantProperties properties,
      SettingsImpact impact) {
    this.directory = directory;
    this.relay = relay;
    this.outbox = properties.outbox();
    this.impact = impact;
  }

  /**
   * A change made, and the bookings on dates it newly closed (kept, never cancelled: the owner is
   * told of them).
   */
  public record Updated(Tenant tenant, List<ReservationView> onClosedDates) {}

  public Mono<Page> list(boolean activeOnly, int page, int size) {
    if (page < 0) {
      return Mono.error(Problems.invalid("page", "page: must be at least 0, was " + page));
    }
    if (size < 1 || size > 200) {
      return Mono.error(Problems.invalid("size", "size: must be between 1 and 200, was " + size));
    }
    return directory
        .list(activeOnly, (long) page * size, size)
        .collectList()
        .zipWith(directory.count(activeOnly))
        .map(t -> new Page(t.getT1(), page, size, t.getT2()));
  }

  public Mono<Tenant> get(UUID id) {
    return directory
        .findById(id)
        .switchIfEmpty(Mono.error(() -> Problems.notFound("no tenant " + id)));
  }

  /**
   * Validates everything before changing anything.
   *
   * @param ifMatch the version the change was made from ({@code If-Match}); {@code null}: the
   *     current one, with one retry on a concurrent change
   */
  public Mono<Tenant> update(
      UUID id, String businessName, JsonNode settings, Long ifMatch, String causationId) {
    if (businessName != null) {
      String name = businessName.strip();
      if (name.isEmpty() || name.codePointCount(0, name.length()) > 200) {
        return Mono.error(
            Problems.invalid("businessName", "businessName: must be 1 to 200 characters"));
      }
      businessName = name;
    }
    return updateWithImpact(id, businessName, settings, ifMatch, causationId).map(Updated::tenant);
  }

  /**
   * As {@link #update}, and refused (409 {@code field-has-bookings}) when it removes a field with
   * bookings to come; answers with the bookings on dates it newly closes.
   */
  public Mono<Updated> updateWithImpact(
      UUID id, String businessName, JsonNode settings, Long ifMatch, String causationId) {
    if (businessName != null) {
      String name = businessName.strip();
      if (name.isEmpty() || name.codePointCount(0, name.length()) > 200) {
        return Mono.error(
            Problems.invalid("businessName", "businessName: must be 1 to 200 characters"));
      }
      businessName = name;
    }
    List<List<ReservationView>> stranded = new java.util.concurrent.CopyOnWriteArrayList<>();
    return attempt(id, businessName, settings, ifMatch, causationId, 1, stranded)
        .flatMap(tenant -> publish(tenant))
        .map(
            tenant ->
                new Updated(
                    tenant, stranded.isEmpty() ? List.of() : stranded.get(stranded.size() - 1)));
  }

  private Mono<Tenant> attempt(
      UUID id,
      String name,
      JsonNode settings,
      Long ifMatch,
      String causationId,
      int retries,
      List<List<ReservationView>> stranded) {
    return get(id)
        .flatMap(
            current -> {
              if (ifMatch != null && current.version() != ifMatch) {
                return Mono.error(Problems.versionMismatch(id, ifMatch, current.version()));
              }
              TenantSettings merged = SettingsValidation.merge(current.settings(), settings);
              if (name == null && merged == null) {
                return Mono.error(
                    Problems.invalid(
                        "businessName", "nothing to change: give businessName or settings"));
              }
              return impact
                  .check(id, current.settings(), merged)
                  .doOnNext(stranded::add)
                  .then(
                      Mono.defer(
                          () -> directory.update(id, current.version(), name, merged, causationId)))
                  .switchIfEmpty(
                      Mono.defer(
                          () -> {
                            if (ifMatch != null) {
                              return get(id)
                                  .flatMap(
                                      now ->
                                          Mono.error(
                                              Problems.versionMismatch(
                                                  id, ifMatch, now.version())));
                            }
                            if (retries > 0) {
                              log.debug("Tenant {} changed concurrently, computing again", id);
                              return attempt(
                                  id, name, settings, null, causationId, retries - 1, stranded);
                            }
                            return Mono.error(Problems.concurrentChange(id, current.version()));
                          }));
            });
  }

  public Mono<Tenant> setActive(UUID id, boolean active, String causationId) {
    return directory
        .setActive(id, active, causationId)
        .switchIfEmpty(Mono.error(() -> Problems.notFound("no tenant " + id)))
        .doOnNext(t -> log.info("Tenant {} {}", t.id(), active ? "activated" : "deactivated"))
        .flatMap(this::publish);
  }

  /**
   * Asks the relay to publish the committed change now and waits for it a little: the answer does
   * not depend on it (the change is committed; the relay publishes it later if not now).
   */
  private Mono<Tenant> publish(Tenant tenant) {
    return relay
        .publish(tenant.id())
        .timeout(outbox.publishWait())
        .onErrorResume(
            e -> {
              log.warn(
                  "Tenant {} version {} is committed but not yet published ({}); the relay will"
                      + " publish it",
                  tenant.id(),
                  tenant.version(),
                  e.toString());
              return Mono.empty();
            })
        .thenReturn(tenant);
  }

  /** A page of tenants. */
  public record Page(List<Tenant> items, int page, int size, long total) {}
}
