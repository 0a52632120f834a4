package io.sahabot.schemas.whatsapp;

import com.fasterxml.jackson.annotation.JsonSubTypes;
import com.fasterxml.jackson.annotation.JsonTypeInfo;

/**
 * A value of topic {@code whatsapp.inbound.statuses}: what became of a message we sent. Key: {@code
 * tenantId:userId}.
 */
@JsonTypeInfo(use = JsonTypeInfo.Id.NAME, property = "type")
@JsonSubTypes({@JsonSubTypes.Type(value = DeliveryStatus.class, name = "DeliveryStatus")})
public sealed interface DeliveryStatusRecord permits DeliveryStatus {

  /** The Kafka key: {@code tenantId + ":" + userId}. */
  String key();
}
