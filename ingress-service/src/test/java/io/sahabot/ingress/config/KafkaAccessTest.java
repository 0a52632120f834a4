package io.sahabot.ingress.config;

import io.sahabot.schemas.topics.KafkaAccess;
import io.sahabot.testsupport.KafkaListeners;
import org.junit.jupiter.api.Test;

/** The service's listeners are what its Kafka principal is allowed (KafkaAccess.INGRESS). */
class KafkaAccessTest {

  @Test
  void listenersReadOnlyTheTopicsAndGroupsOfTheCatalogue() {
    KafkaListeners.assertMatch(KafkaAccess.INGRESS, "io.sahabot.ingress");
  }
}
