package io.sahabot.tenant.provisioning;

import static org.assertj.core.api.Assertions.assertThat;

import io.sahabot.testsupport.IntegrationTest;
import io.sahabot.testsupport.SahaBotInfrastructure;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.ThreadLocalRandom;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import reactor.core.publisher.Flux;
import reactor.core.scheduler.Schedulers;

@IntegrationTest
class TenantDirectoryIT {

  @Autowired TenantDirectory directory;

  @Test
  void fiftyConcurrentFirstMessagesFromANewNumberCreateOneTenant() throws SQLException {
    String number = newNumber();

    List<Provisioned> results =
        Flux.range(0, 50)
            .flatMap(
                i ->
                    directory
                        .getOrCreate(number, "+90 555 000 00 00")
                        .subscribeOn(Schedulers.parallel()),
                50)
            .collectList()
            .block(Duration.ofSeconds(60));

    assertThat(results).hasSize(50);
    assertThat(results.stream().map(p -> p.tenant().id()).distinct()).hasSize(1);
    assertThat(results.stream().filter(Provisioned::created)).hasSize(1);
    assertThat(count("SELECT count(*) FROM tenants WHERE whatsapp_phone_number_id = ?", number))
        .isEqualTo(1);
    assertThat(
            count(
                "SELECT count(*) FROM fields f JOIN tenants t ON t.id = f.tenant_id"
                    + " WHERE t.whatsapp_phone_number_id = ?",
                number))
        .isEqualTo(1);
  }

  @Test
  void aNewTenantGetsTheDefaultSettings() {
    String number = newNumber();

    Provisioned provisioned = directory.getOrCreate(number, null).block(Duration.ofSeconds(10));

    assertThat(provisioned.created()).isTrue();
    Tenant tenant = provisioned.tenant();
    assertThat(tenant.businessName()).isEqualTo("Tenant " + number);
    assertThat(tenant.active()).isTrue();
    assertThat(tenant.settings().timeZone()).isEqualTo("Europe/Istanbul");
    assertThat(tenant.settings().language()).isEqualTo("tr");
    assertThat(tenant.settings().currency()).isEqualTo("TRY");
    assertThat(tenant.settings().slotMinutes()).isEqualTo(60);
    assertThat(tenant.settings().fields()).containsExactly("Saha 1");
    assertThat(directory.getOrCreate(number, null).block(Duration.ofSeconds(10)).created())
        .isFalse();
  }

  private static String newNumber() {
    return Long.toString(
        100_000_000_000_000L + ThreadLocalRandom.current().nextLong(1_000_000_000L));
  }

  private static long count(String sql, String number) throws SQLException {
    try (Connection c = SahaBotInfrastructure.get().database().connectAsOwner();
        PreparedStatement s = c.prepareStatement(sql)) {
      s.setString(1, number);
      try (ResultSet rs = s.executeQuery()) {
        rs.next();
        return rs.getLong(1);
      }
    }
  }
}
