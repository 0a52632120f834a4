package io.sahabot.tenant.admin;

import io.sahabot.schemas.tenant.TenantSettings;
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
 * The operators' changes to tenants. Each change bumps the tenant's version in PostgreSQL and then
 * publishes the new snapshot; invalid input changes nothing.
 */
@Service
public class TenantAdminService {

  private static final Logger log = LoggerFactory.getLogger(TenantAdminService.class);

  private final TenantDirectory directory;
  private final ChangelogPublisher publisher;

  public TenantAdminService(TenantDirectory directory, ChangelogPublisher publisher) {
    this.directory = directory;
    this.publisher = publisher;
  }

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

  /** Validates everything before changing anything. */
  public Mono<Tenant> update(UUID id, String businessName, JsonNode settings, String causationId) {
    if (businessName != null) {
      String name = businessName.strip();
      if (name.isEmpty() || name.codePointCount(0, name.length()) > 200) {
        return Mono.error(
            Problems.invalid("businessName", "businessName: must be 1 to 200 characters"));
      }
      businessName = name;
    }
    String name = businessName;
    return get(id)
        .flatMap(
            current -> {
              TenantSettings merged = SettingsValidation.merge(current.settings(), settings);
              if (name == null && merged == null) {
                return Mono.error(
                    Problems.invalid(
                        "businessName", "nothing to change: give businessName or settings"));
              }
              return directory.update(id, name, merged);
            })
        .flatMap(tenant -> publish(tenant, causationId));
  }

  public Mono<Tenant> setActive(UUID id, boolean active, String causationId) {
    return directory
        .setActive(id, active)
        .switchIfEmpty(Mono.error(() -> Problems.notFound("no tenant " + id)))
        .doOnNext(t -> log.info("Tenant {} {}", t.id(), active ? "activated" : "deactivated"))
        .flatMap(tenant -> publish(tenant, causationId));
  }

  private Mono<Tenant> publish(Tenant tenant, String causationId) {
    return publisher.publish(tenant, causationId).thenReturn(tenant);
  }

  /** A page of tenants. */
  public record Page(List<Tenant> items, int page, int size, long total) {}
}
