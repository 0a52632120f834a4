package io.sahabot.platform.privacy;

import static org.assertj.core.api.Assertions.assertThat;

import io.sahabot.schemas.Json;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

/** One customer taken out of stored JSON, the document staying readable as its records. */
class PersonalJsonTest {

  static final String PHONE = "905454031918";

  @Test
  void aStoredOutcomeNamesTheAnonymousIdAndKeepsItsFigures() {
    JsonNode event =
        Json.mapper()
            .readTree(
                """
                {"type":"ReservationConfirmed","requestedBy":{"role":"CUSTOMER","userId":"905454031918"},
                 "reservation":{"id":7,"field":"Saha 1","price":1000.00,
                   "customer":{"name":"Ahmet Çelik","phone":"905454031918","userId":null}},
                 "note":"Ahmet Çelik aradı: +90 545 403 19 18 / 905454031918"}
                """);

    boolean changed = PersonalJson.scrub(event, List.of(PHONE), List.of("Ahmet Çelik"), "erased-3");

    assertThat(changed).isTrue();
    JsonNode customer = event.at("/reservation/customer");
    assertThat(customer.get("name").isNull()).isTrue();
    assertThat(customer.get("phone").isNull()).isTrue();
    assertThat(customer.get("userId").asString()).isEqualTo("erased-3"); // one of the two stays
    assertThat(event.at("/requestedBy/userId").asString()).isEqualTo("erased-3");
    assertThat(event.at("/requestedBy/role").asString()).isEqualTo("CUSTOMER");
    assertThat(event.at("/reservation/field").asString()).isEqualTo("Saha 1");
    assertThat(event.at("/reservation/price").decimalValue()).isEqualByComparingTo("1000");
    assertThat(event.toString())
        .doesNotContain(PHONE)
        .doesNotContain("545 403")
        .doesNotContainIgnoringCase("ahmet");
    assertThat(event.get("note").asString()).isEqualTo("erased-3 aradı: erased-3 / erased-3");
  }

  @Test
  void aDocumentWithoutTheCustomerIsLeftAsItWas() {
    JsonNode other =
        Json.mapper().readTree("{\"to\":\"905320001122\",\"text\":\"Mehmet: Saha 2, 20:00\"}");
    String before = other.toString();

    assertThat(PersonalJson.scrub(other, List.of(PHONE), List.of("Ahmet"), "erased")).isFalse();
    assertThat(other.toString()).isEqualTo(before);
  }

  @Test
  void identifiersAreComparedAsDigitsAndHashedPerTenant() {
    UUID a = UUID.randomUUID();
    UUID b = UUID.randomUUID();

    assertThat(ErasureList.subject("+90 545 403 19 18")).isEqualTo(PHONE);
    assertThat(ErasureList.subject(" AbC.bsuid ")).isEqualTo("AbC.bsuid");
    assertThat(ErasureList.hash(a, "+90 545 403 19 18")).isEqualTo(ErasureList.hash(a, PHONE));
    assertThat(ErasureList.hash(a, PHONE)).hasSize(64).isNotEqualTo(ErasureList.hash(b, PHONE));
  }
}
