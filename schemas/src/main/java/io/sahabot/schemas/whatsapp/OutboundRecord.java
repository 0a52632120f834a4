package io.sahabot.schemas.whatsapp;

import com.fasterxml.jackson.annotation.JsonSubTypes;
import com.fasterxml.jackson.annotation.JsonTypeInfo;

/**
 * A value of topic {@code whatsapp.outbound}: a message to send through the Cloud API. Key: the
 * business number ({@code phoneNumberId}).
 */
@JsonTypeInfo(use = JsonTypeInfo.Id.NAME, property = "type")
@JsonSubTypes({@JsonSubTypes.Type(value = OutboundMessage.class, name = "OutboundMessage")})
public sealed interface OutboundRecord permits OutboundMessage {

  /** The Kafka key: the business number it is sent from. */
  String key();
}
