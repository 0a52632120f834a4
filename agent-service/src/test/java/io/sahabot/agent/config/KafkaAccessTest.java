package io.sahabot.agent.config;

import io.sahabot.schemas.topics.KafkaAccess;
import io.sahabot.testsupport.KafkaListeners;
import org.junit.jupiter.api.Test;

/** The service's listeners are what its Kafka principal is allowed (KafkaAccess.AGENT). */
class KafkaAccessTest {

  @Test
  void listenersReadOnlyTheTopicsAndGroupsOfTheCatalogue() {
    KafkaListeners.assertMatch(KafkaAccess.AGENT, "io.sahabot.agent");
  }
}
