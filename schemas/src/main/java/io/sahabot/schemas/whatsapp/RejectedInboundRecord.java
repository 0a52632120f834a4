package io.sahabot.schemas.whatsapp;

import com.fasterxml.jackson.annotation.JsonSubTypes;
import com.fasterxml.jackson.annotation.JsonTypeInfo;

/**
 * A value of topic {@code whatsapp.inbound.rejected}: a webhook change tenant-service did not pass
 * on, for operators. Key: the change's {@code phone_number_id}.
 */
@JsonTypeInfo(use = JsonTypeInfo.Id.NAME, property = "type")
@JsonSubTypes({@JsonSubTypes.Type(value = RejectedInbound.class, name = "RejectedInbound")})
public sealed interface RejectedInboundRecord permits RejectedInbound {

  /** The Kafka key: the business number's {@code phone_number_id}. */
  String key();
}
