package io.sahabot.reservation.config;

import io.sahabot.schemas.topics.KafkaAccess;
import io.sahabot.testsupport.KafkaListeners;
import org.junit.jupiter.api.Test;

/** The service's listeners are what its Kafka principal is allowed (KafkaAccess.RESERVATION). */
class KafkaAccessTest {

  @Test
  void listenersReadOnlyTheTopicsAndGroupsOfTheCatalogue() {
    KafkaListeners.assertMatch(KafkaAccess.RESERVATION, "io.sahabot.reservation");
  }
}
