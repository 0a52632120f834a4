package io.sahabot.reservation.booking;

import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import org.springframework.r2dbc.core.DatabaseClient;
import reactor.core.publisher.Mono;

/**
 * Field row ids by tenant, stable field id and name, remembered once read: a field row is never
 * deleted while its tenant exists (only the tenant's deletion cascades to it), and a rename keeps
 * the row (its name is updated the first time the new name is used), so an id stays right.
 */
final class FieldIds {

  private record Key(UUID tenant, String fieldKey, String name) {}

  private final Map<Key, Long> ids = new ConcurrentHashMap<>();

  Mono<Long> id(DatabaseClient db, UUID tenant, String fieldKey, String name) {
    Key key = new Key(tenant, fieldKey, name);
    Long known = ids.get(key);
    if (known != null) {
      return Mono.just(known);
    }
    // only a row read as it was is remembered: one inserted now exists only if this transaction
    // commits
    return BookingRepository.existingFieldId(db, tenant, fieldKey, name)
        .doOnNext(id -> ids.put(key, id))
        .switchIfEmpty(Mono.defer(() -> BookingRepository.fieldId(db, tenant, fieldKey, name)));
  }
}
