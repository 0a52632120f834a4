package io.sahabot.tenant.problems;

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

  public static ErrorResponseException of(
      HttpStatus status, String title, String detail, Throwable cause) {
    ProblemDetail problem = ProblemDetail.forStatusAndDetail(status, detail);
    problem.setTitle(title);
    return new ErrorResponseException(status, problem, cause);
  }
}
