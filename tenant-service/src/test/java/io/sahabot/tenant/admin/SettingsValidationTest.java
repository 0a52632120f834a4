package io.sahabot.tenant.admin;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.sahabot.schemas.Json;
import io.sahabot.schemas.tenant.BusinessLocation;
import io.sahabot.schemas.tenant.TenantSettings;
import java.time.DayOfWeek;
import org.junit.jupiter.api.Test;
import org.springframework.web.ErrorResponseException;

class SettingsValidationTest {

  @Test
  void keepsWhatTheChangeDoesNotName() {
    TenantSettings merged =
        SettingsValidation.merge(
            TenantSettings.defaults(), Json.mapper().readTree("{\"language\":\"en\"}"));

    assertThat(merged.language()).isEqualTo("en");
    assertThat(merged.timeZone()).isEqualTo("Europe/Istanbul");
    assertThat(merged.openingHours().get(DayOfWeek.MONDAY).open()).isEqualTo("09:00");
  }

  @Test
  void namesTheFieldOfAnInvalidValue() {
    assertThatThrownBy(
            () ->
                SettingsValidation.merge(
                    TenantSettings.defaults(),
                    Json.mapper().readTree("{\"adminNumbers\":[\"905321112233\",\"abc\"]}")))
        .isInstanceOfSatisfying(
            ErrorResponseException.class,
            e -> assertThat(e.getBody().getProperties()).containsEntry("field", "adminNumbers[1]"));
  }

  @Test
  void namesTheFieldOfAValueOfTheWrongType() {
    assertThatThrownBy(
            () ->
                SettingsValidation.merge(
                    TenantSettings.defaults(), Json.mapper().readTree("{\"slotMinutes\":\"x\"}")))
        .isInstanceOfSatisfying(
            ErrorResponseException.class,
            e -> assertThat(e.getBody().getProperties()).containsEntry("field", "slotMinutes"));
  }

  @Test
  void theBusinessesLocationIsASettingAndAnInvalidOneIsNamed() {
    TenantSettings merged =
        SettingsValidation.merge(
            TenantSettings.defaults(),
            Json.mapper()
                .readTree(
                    "{\"location\":{\"latitude\":40.9903,\"longitude\":29.0292,"
                        + "\"name\":\"Moda Halı Saha\",\"address\":\"Moda Cd. 1\"}}"));

    assertThat(merged.location())
        .isEqualTo(new BusinessLocation(40.9903, 29.0292, "Moda Halı Saha", "Moda Cd. 1"));
    assertThat(merged.language()).isEqualTo("tr");
    assertThatThrownBy(
            () ->
                SettingsValidation.merge(
                    TenantSettings.defaults(),
                    Json.mapper().readTree("{\"location\":{\"latitude\":91,\"longitude\":0}}")))
        .isInstanceOfSatisfying(
            ErrorResponseException.class,
            e ->
                assertThat(e.getBody().getProperties().get("field").toString())
                    .startsWith("location"));
  }
}
