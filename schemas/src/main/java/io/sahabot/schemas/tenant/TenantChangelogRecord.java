package io.sahabot.schemas.tenant;

import com.fasterxml.jackson.annotation.JsonSubTypes;
import com.fasterxml.jackson.annotation.JsonTypeInfo;

/**
 * A value of the compacted topic {@code tenant.changelog}: the latest state of a tenant. Key:
 * {@code tenantId}.
 */
@JsonTypeInfo(use = JsonTypeInfo.Id.NAME, property = "type")
@JsonSubTypes({@JsonSubTypes.Type(value = TenantSnapshot.class, name = "TenantSnapshot")})
public sealed interface TenantChangelogRecord permits TenantSnapshot {

  /** The Kafka key: the tenant id. */
  String key();
}
