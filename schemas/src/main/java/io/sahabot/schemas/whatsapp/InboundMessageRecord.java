package io.sahabot.schemas.whatsapp;

import com.fasterxml.jackson.annotation.JsonSubTypes;
import com.fasterxml.jackson.annotation.JsonTypeInfo;

/**
 * A value of topic {@code whatsapp.inbound.messages}: a customer's message, enriched with its
 * tenant. Key: {@code tenantId:userId}.
 */
@JsonTypeInfo(use = JsonTypeInfo.Id.NAME, property = "type")
@JsonSubTypes({@JsonSubTypes.Type(value = InboundMessage.class, name = "InboundMessage")})
public sealed interface InboundMessageRecord permits InboundMessage {

  /** The Kafka key: {@code tenantId + ":" + userId}. */
  String key();
}
