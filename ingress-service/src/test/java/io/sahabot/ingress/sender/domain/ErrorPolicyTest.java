package io.sahabot.ingress.sender.domain;

import static org.assertj.core.api.Assertions.assertThat;

import io.sahabot.ingress.sender.domain.ErrorPolicy.Decision;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class ErrorPolicyTest {

  @ParameterizedTest
  @CsvSource({
    "400, 130429, RETRY",
    "400, 131056, RETRY_RECIPIENT",
    "400, 80007, RETRY",
    "400, 131047, TEMPLATE_NEEDED",
    "400, 131062, FAIL",
    "400, 131026, FAIL",
    "400, 100, FAIL",
    "401, 190, BROKEN_TOKEN",
    "403, 368, RESTRICTED",
    "500, 1, RETRY",
    "503, 0, RETRY",
    "400, 131009, FAIL",
    "500, 131047, TEMPLATE_NEEDED"
  })
  void decidesOnTheErrorCodeFirstThenOnTheStatus(int status, int code, Decision decision) {
    assertThat(ErrorPolicy.decide(new GraphError(status, code, 0, "m"))).isEqualTo(decision);
  }

  @Test
  void readsTheCodeOfAGraphErrorBodyAndCopesWithAnyOtherBody() {
    var body =
        io.sahabot.schemas.Json.mapper()
            .readTree("{\"error\":{\"message\":\"expired\",\"code\":190,\"error_subcode\":463}}");

    assertThat(GraphError.of(401, body)).isEqualTo(new GraphError(401, 190, 463, "expired"));
    assertThat(GraphError.of(502, null).code()).isZero();
  }
}
