package io.sahabot.bench;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** The raw PostgreSQL limit's pgbench side: where it connects, its script, its summary. */
class LimitsTest {

  @Test
  void pgbenchConnectsWhereTheJdbcUrlPoints() {
    Limits.Pg pg = Limits.Pg.of("jdbc:postgresql://localhost:5433/sahabot_bench", "app", "");

    assertThat(pg).isEqualTo(new Limits.Pg("localhost", 5433, "sahabot_bench", "app", ""));
  }

  @Test
  void theScriptSetsTheTenantsContextInTheTransactionThenInserts() {
    String spread = Limits.pgbenchScript(10_000, false);
    String hot = Limits.pgbenchScript(10_000, true);

    assertThat(spread)
        .startsWith("\\set n random(0, 9999)\n")
        .contains("BEGIN;\nSELECT set_config('app.tenant_id', tenant_id::text, true)")
        .contains("INSERT INTO reservations (tenant_id, field_id, customer_id, start_time")
        .contains("ON CONFLICT DO NOTHING;\nEND;\n");
    // the first tenant half the time, as the JDBC client's hot run
    assertThat(hot).startsWith("\\set n random(0, 1) * random(1, 9999)\n");
  }

  @Test
  void readsPgbenchsSummary() {
    String out =
        """
        transaction type: /tmp/pgbench-spread.sql
        scaling factor: 1
        query mode: prepared
        number of clients: 16
        number of threads: 2
        maximum number of tries: 1
        duration: 4 s
        number of transactions actually processed: 28960
        number of failed transactions: 3 (0.010%)
        latency average = 2.208 ms
        initial connection time = 31.077 ms
        tps = 7240.250000 (without initial connection time)
        """;

    Limits.Rate rate = Limits.parsePgbench(out);

    assertThat(rate.count()).isEqualTo(28_960);
    assertThat(rate.perSecond()).isCloseTo(7240.25, org.assertj.core.data.Offset.offset(0.01));
    assertThat(rate.p50()).isEqualTo(2.208);
    assertThat(rate.p99()).isNaN();
    assertThat(rate.refused()).isEqualTo(3);
    assertThat(Limits.parsePgbench("pgbench: error: connection to server failed")).isNull();
  }
}
