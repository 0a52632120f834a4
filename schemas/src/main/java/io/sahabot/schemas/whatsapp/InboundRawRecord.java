package io.sahabot.schemas.whatsapp;

import com.fasterxml.jackson.annotation.JsonSubTypes;
import com.fasterxml.jackson.annotation.JsonTypeInfo;

/**
 * A value of topic {@code whatsapp.inbound.raw}: one webhook change as Meta sent it. Key: the
 * change's {@code phone_number_id}.
 */
@JsonTypeInfo(use = JsonTypeInfo.Id.NAME, property = "type")
@JsonSubTypes({@JsonSubTypes.Type(value = RawWebhookChange.class, name = "RawWebhookChange")})
public sealed interface InboundRawRecord permits RawWebhookChange {

  /** The Kafka key: the WhatsApp business number's {@code phone_number_id}. */
  String key();
}
