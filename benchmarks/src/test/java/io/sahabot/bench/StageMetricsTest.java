package io.sahabot.bench;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class StageMetricsTest {

  static final String BEFORE =
      """
      # HELP spring_kafka_listener_seconds Kafka Listener Timer
      # TYPE spring_kafka_listener_seconds summary
      spring_kafka_listener_seconds_count{application="agent-service",error="none",name="agent-0"} 10
      spring_kafka_listener_seconds_sum{application="agent-service",error="none",name="agent-0"} 1.0
      http_server_requests_seconds_count{application="agent-service",uri="/actuator/prometheus"} 3
      http_server_requests_seconds_sum{application="agent-service",uri="/actuator/prometheus"} 0.3
      """;

  static final String AFTER =
      """
      spring_kafka_listener_seconds_count{application="agent-service",error="none",name="agent-0"} 110
      spring_kafka_listener_seconds_sum{application="agent-service",error="none",name="agent-0"} 6.0
      spring_kafka_listener_seconds_max{application="agent-service",error="none",name="agent-0"} 0.2
      sahabot_model_seconds_count{application="agent-service"} 50
      sahabot_model_seconds_sum{application="agent-service"} 50.0
      http_server_requests_active_seconds_count{application="agent-service",uri="UNKNOWN"} 2
      http_server_requests_active_seconds_sum{application="agent-service",uri="UNKNOWN"} 9.0
      http_server_requests_seconds_count{application="agent-service",uri="/actuator/prometheus"} 4
      http_server_requests_seconds_sum{application="agent-service",uri="/actuator/prometheus"} 0.4
      """;

  @Test
  void aStageIsTheDifferenceBetweenTwoScrapesMostTotalTimeFirst() {
    StageMetrics.Scrape before =
        new StageMetrics.Scrape(Map.of("agent-service", StageMetrics.parse(BEFORE)));
    StageMetrics.Scrape after =
        new StageMetrics.Scrape(Map.of("agent-service", StageMetrics.parse(AFTER)));

    List<StageMetrics.Stage> stages = StageMetrics.between(before, after, 5);

    assertThat(stages)
        .extracting(StageMetrics.Stage::series)
        .containsExactly(
            "sahabot_model_seconds", "spring_kafka_listener_seconds{name=\"agent-0\"}");
    StageMetrics.Stage listener = stages.get(1);
    assertThat(listener.calls()).isEqualTo(100);
    assertThat(listener.meanMs()).isEqualTo(50.0);
    assertThat(listener.maxMs()).isEqualTo(200.0);
    assertThat(stages.get(0).meanMs()).isEqualTo(1000.0);
  }

  @Test
  void theScrapesOwnRequestsAndUnusedTimersAreLeftOut() {
    StageMetrics.Scrape same =
        new StageMetrics.Scrape(Map.of("agent-service", StageMetrics.parse(AFTER)));

    assertThat(StageMetrics.between(same, same, 5)).isEmpty();
  }

  @Test
  void aServiceThatCouldNotBeScrapedOrRecordedNothingIsSaidNotLeftOut() {
    StageMetrics.Scrape before =
        new StageMetrics.Scrape(
            Map.of(
                "agent-service", StageMetrics.parse(BEFORE),
                "ingress-service", StageMetrics.parse(AFTER),
                "tenant-service", StageMetrics.parse(AFTER)));
    StageMetrics.Scrape after =
        new StageMetrics.Scrape(
            new java.util.LinkedHashMap<>(
                Map.of(
                    "agent-service", StageMetrics.parse(AFTER),
                    "ingress-service", StageMetrics.parse(AFTER),
                    "tenant-service", Map.of())),
            Map.of("tenant-service", "HttpTimeoutException: request timed out"));

    List<StageMetrics.Stage> stages = StageMetrics.between(before, after, 5);

    assertThat(stages).extracting(StageMetrics.Stage::service).containsOnly("agent-service");
    assertThat(StageMetrics.gaps(before, after, stages))
        .containsExactlyInAnyOrder(
            "ingress-service: no timer recorded a call in this window",
            "tenant-service: its metrics could not be scraped (HttpTimeoutException: request timed"
                + " out)");
  }
}
