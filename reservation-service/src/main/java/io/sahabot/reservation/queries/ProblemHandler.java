package io.sahabot.reservation.queries;

import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.RestControllerAdvice;

/** Errors of the query API as RFC 9457 problem details. */
@RestControllerAdvice
class ProblemHandler {

  @ExceptionHandler(UnknownTenantException.class)
  ProblemDetail unknownTenant(UnknownTenantException e) {
    return ProblemDetail.forStatusAndDetail(HttpStatus.NOT_FOUND, e.getMessage());
  }

  @ExceptionHandler({IllegalArgumentException.class, java.time.DateTimeException.class})
  ProblemDetail badRequest(RuntimeException e) {
    return ProblemDetail.forStatusAndDetail(HttpStatus.BAD_REQUEST, e.getMessage());
  }
}
