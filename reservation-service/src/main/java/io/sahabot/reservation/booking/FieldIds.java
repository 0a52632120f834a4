package io.sahabot.reservation.booking;

import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import org.springframework.r2dbc.core.DatabaseClient;
import reactor.core.publisher.Mono;

/**
 * Field ids by tenant and name, remembered once read: a field row is never deleted or renamed while
 * its tenant exists (only the tenant's deletion cascades to it), so an id stays right.
 */
final class FieldIds {

  private record Key(UUID tenant, String name) {}

  private final Map<Key, Long> ids = new ConcurrentHashMap<>();

  Mono<Long> id(DatabaseClient db, UUID tenant, String name) {
    Key key = new Key(tenant, name);
    Long known = ids.get(key);
    if (known != null) {
      return Mono.just(known);
    }
    // only a row read as it was is remembered: one inserted now exists only if this transaction
    // commits
    return BookingRepository.existingFieldId(db, tenant, name)
        .doOnNext(id -> ids.put(key, id))
        .switchIfEmpty(Mono.defer(() -> BookingRepository.fieldId(db, tenant, name)));
  }
}
