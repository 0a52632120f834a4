package io.sahabot.tenant.admin;

import io.sahabot.schemas.reservation.ReservationView;
import io.sahabot.schemas.tenant.FieldSpec;
import io.sahabot.schemas.tenant.SpecialDay;
import io.sahabot.schemas.tenant.TenantSettings;
import io.sahabot.tenant.stats.UpstreamClient;
import java.net.URI;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import java.util.stream.Collectors;
import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;
import org.springframework.stereotype.Component;
import org.springframework.web.ErrorResponseException;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/**
 * What a settings change does to bookings already made, asked of reservation-service before the
 * change is written: a field removed while it has bookings to come is refused (409, {@code
 * field-has-bookings}, with the list); a date newly closed keeps its bookings (nothing is
 * cancelled) and they are listed to the owner in the answer. Nothing is asked when the change
 * removes no field and closes no new date.
 */
@Component
public class SettingsImpact {

  private final UpstreamClient upstream;

  public SettingsImpact(UpstreamClient upstream) {
    this.upstream = upstream;
  }

  /**
   * Refuses the change when a removed field has bookings to come; else the bookings on dates the
   * change newly closes (empty when none).
   */
  public Mono<List<ReservationView>> check(
      UUID tenantId, TenantSettings current, TenantSettings next) {
    if (next == null) {
      return Mono.just(List.of());
    }
    Set<String> kept = next.fieldDetails().stream().map(FieldSpec::id).collect(Collectors.toSet());
    List<FieldSpec> removed =
        current.fieldDetails().stream().filter(f -> !kept.contains(f.id())).toList();
    Mono<Void> fields =
        Flux.fromIterable(removed)
            .concatMap(
                f ->
                    upstream
                        .upcoming(tenantId, f.id(), null, null)
                        .filter(r -> !r.reservations().isEmpty())
                        .flatMap(r -> Mono.error(fieldHasBookings(f, r.reservations()))))
            .then();
    List<SpecialDay> closures = newlyClosed(current, next);
    Mono<List<ReservationView>> stranded =
        Flux.fromIterable(closures)
            .concatMap(
                d ->
                    upstream
                        .upcoming(tenantId, null, d.firstDate(), d.lastDate())
                        .flatMapIterable(r -> r.reservations()))
            .distinct(ReservationView::id)
            .collectList();
    return fields.then(closures.isEmpty() ? Mono.just(List.<ReservationView>of()) : stranded);
  }

  /** The closed special days of {@code next} not closed in {@code current}, from today on. */
  static List<SpecialDay> newlyClosed(TenantSettings current, TenantSettings next) {
    LocalDate today = LocalDate.now(ZoneId.of(next.timeZone()));
    List<SpecialDay> result = new ArrayList<>();
    for (SpecialDay day : next.specialDays()) {
      if (!day.closed() || day.lastDate().isBefore(today)) {
        continue;
      }
      boolean wasClosed =
          current.specialDays().stream()
              .anyMatch(
                  old ->
                      old.closed()
                          && !old.firstDate().isAfter(day.firstDate())
                          && !old.lastDate().isBefore(day.lastDate()));
      if (!wasClosed) {
        LocalDate from = day.firstDate().isBefore(today) ? today : day.firstDate();
        result.add(new SpecialDay(from.toString(), day.to(), null, day.note()));
      }
    }
    return result;
  }

  private static ErrorResponseException fieldHasBookings(
      FieldSpec field, List<ReservationView> reservations) {
    ProblemDetail problem =
        ProblemDetail.forStatusAndDetail(
            HttpStatus.CONFLICT,
            "fieldDetails: the field '"
                + field.name()
                + "' has "
                + reservations.size()
                + " reservation(s) to come; cancel or move them first, nothing was changed");
    problem.setTitle("Field has bookings");
    problem.setType(URI.create("https://sahabot.io/problems/field-has-bookings"));
    problem.setProperty("field", field.id());
    problem.setProperty("reservations", reservations);
    return new ErrorResponseException(HttpStatus.CONFLICT, problem, null);
  }
}
