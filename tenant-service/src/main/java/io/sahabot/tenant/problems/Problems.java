package io.sahabot.tenant.problems;

import io.sahabot.schemas.reservation.ReservationRejected;
import java.net.URI;
import java.util.UUID;
import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;
import org.springframework.web.ErrorResponseException;

/** The API's errors, rendered by WebFlux as {@code application/problem+json}. */
public final class Problems {

  private Problems() {}

  /** 400 naming the offending field in the {@code field} property. */
  public static ErrorResponseException invalid(String field, String detail) {
    ProblemDetail problem = ProblemDetail.forStatusAndDetail(HttpStatus.BAD_REQUEST, detail);
    problem.setTitle("Invalid request");
    problem.setType(URI.create("https://sahabot.io/problems/invalid-request"));
    problem.setProperty("field", field);
    return new ErrorResponseException(HttpStatus.BAD_REQUEST, problem, null);
  }

  public static ErrorResponseException notFound(String detail) {
    return of(HttpStatus.NOT_FOUND, "Not found", detail, null);
  }

  public static ErrorResponseException forbidden(String detail) {
    return of(HttpStatus.FORBIDDEN, "Forbidden", detail, null);
  }

  /**
   * 412: the request's {@code If-Match} version is not the tenant's; {@code currentVersion} says
   * which it is.
   */
  public static ErrorResponseException versionMismatch(UUID id, long expected, long current) {
    ProblemDetail problem =
        ProblemDetail.forStatusAndDetail(
            HttpStatus.PRECONDITION_FAILED,
            "tenant "
                + id
                + " is not at version "
                + expected
                + " (If-Match); read it again and reapply the change");
    problem.setTitle("Version mismatch");
    problem.setType(URI.create("https://sahabot.io/problems/version-mismatch"));
    problem.setProperty("currentVersion", current);
    return new ErrorResponseException(HttpStatus.PRECONDITION_FAILED, problem, null);
  }

  /** 409: concurrent changes of the tenant kept winning the race; nothing was changed. */
  public static ErrorResponseException concurrentChange(UUID id, long seenVersion) {
    ProblemDetail problem =
        ProblemDetail.forStatusAndDetail(
            HttpStatus.CONFLICT,
            "tenant "
                + id
                + " was changed concurrently (after version "
                + seenVersion
                + "); nothing was changed: read it again and reapply the change");
    problem.setTitle("Concurrent change");
    problem.setType(URI.create("https://sahabot.io/problems/concurrent-change"));
    problem.setProperty("seenVersion", seenVersion);
    return new ErrorResponseException(HttpStatus.CONFLICT, problem, null);
  }

  /**
   * 422: the request is well formed but cannot be done as asked (an unknown field, an end before
   * the start), naming the offending field in the {@code field} property.
   */
  public static ErrorResponseException unprocessable(String field, String detail) {
    ProblemDetail problem =
        ProblemDetail.forStatusAndDetail(HttpStatus.UNPROCESSABLE_CONTENT, detail);
    problem.setTitle("Unprocessable request");
    problem.setType(URI.create("https://sahabot.io/problems/unprocessable-request"));
    problem.setProperty("field", field);
    return new ErrorResponseException(HttpStatus.UNPROCESSABLE_CONTENT, problem, null);
  }

  /**
   * A reservation command reservation-service refused: 409 when the slot or the moment does not
   * allow it (taken, closed, started, too late to cancel, the tenant inactive), 422 when the
   * command is invalid for the business (an unknown field, not whole slots), 404 for an unknown
   * reservation, 403 for anything the business may not do. The problem names the {@code reason},
   * the {@code commandId}, the {@code alternatives} (free slots near the one asked for) and the
   * whole {@code outcome} event.
   */
  public static ErrorResponseException rejected(
      ReservationRejected rejected, Object alternatives, Object outcome) {
    HttpStatus status =
        switch (rejected.reason()) {
          case UNKNOWN_FIELD, INVALID -> HttpStatus.UNPROCESSABLE_CONTENT;
          case NOT_FOUND -> HttpStatus.NOT_FOUND;
          case FORBIDDEN -> HttpStatus.FORBIDDEN;
          // OVERLAP, CLOSED, PAST, TOO_LATE, TENANT_INACTIVE, and any reason added later
          default -> HttpStatus.CONFLICT;
        };
    ProblemDetail problem =
        ProblemDetail.forStatusAndDetail(
            status,
            rejected.detail() != null
                ? rejected.detail()
                : "refused: " + rejected.reason().name().toLowerCase(java.util.Locale.ROOT));
    problem.setTitle("Reservation command rejected");
    problem.setType(
        URI.create(
            "https://sahabot.io/problems/"
                + rejected.reason().name().toLowerCase(java.util.Locale.ROOT).replace('_', '-')));
    problem.setProperty("reason", rejected.reason().name());
    problem.setProperty("commandId", rejected.commandId());
    problem.setProperty("alternatives", alternatives);
    problem.setProperty("outcome", outcome);
    return new ErrorResponseException(status, problem, null);
  }

  public static ErrorResponseException of(
      HttpStatus status, String title, String detail, Throwable cause) {
    ProblemDetail problem = ProblemDetail.forStatusAndDetail(status, detail);
    problem.setTitle(title);
    return new ErrorResponseException(status, problem, cause);
  }
}
