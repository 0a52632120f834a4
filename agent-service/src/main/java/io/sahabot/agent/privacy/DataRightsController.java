package io.sahabot.agent.privacy;

import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import reactor.core.publisher.Mono;
import reactor.core.scheduler.Schedulers;

/**
 * The operators' side of a customer's data rights, called by tenant-service (the tenant API's
 * {@code /api/tenants/{id}/customers/{user}/data}): {@code GET …/customers/data?user=} exports,
 * {@code POST …/customers/erasure?user=} erases, answered 409 with the upcoming reservations when
 * there are any.
 */
@RestController
@RequestMapping("/internal/tenants/{tenantId}/customers")
class DataRightsController {

  private final DataRights rights;
  private final io.sahabot.platform.tenants.TenantSnapshots tenants;

  DataRightsController(DataRights rights, io.sahabot.platform.tenants.TenantSnapshots tenants) {
    this.rights = rights;
    this.tenants = tenants;
  }

  @GetMapping("/data")
  Mono<DataRights.Export> export(@PathVariable UUID tenantId, @RequestParam List<String> user) {
    return Mono.fromCallable(() -> rights.export(tenantId, user))
        .subscribeOn(Schedulers.boundedElastic());
  }

  @PostMapping("/erasure")
  Mono<ResponseEntity<Map<String, Object>>> erase(
      @PathVariable UUID tenantId, @RequestParam List<String> user) {
    return Mono.fromCallable(
            () -> {
              List<String> owners =
                  tenants.get(tenantId).map(t -> t.settings().adminNumbers()).orElse(List.of());
              DataRights.Erasure erasure = rights.erase(tenantId, user, owners);
              Map<String, Object> body =
                  Map.of("erased", erasure.erased(), "upcoming", erasure.upcoming());
              return erasure.erased()
                  ? ResponseEntity.ok(body)
                  : ResponseEntity.status(409).body(body);
            })
        .subscribeOn(Schedulers.boundedElastic());
  }
}
