package io.sahabot.tenant.problems;

import java.net.URI;
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

  public static ErrorResponseException of(
      HttpStatus status, String title, String detail, Throwable cause) {
    ProblemDetail problem = ProblemDetail.forStatusAndDetail(status, detail);
    problem.setTitle(title);
    return new ErrorResponseException(status, problem, cause);
  }
}
