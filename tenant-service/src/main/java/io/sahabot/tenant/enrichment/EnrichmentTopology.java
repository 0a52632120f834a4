package io.sahabot.tenant.enrichment;

import static io.sahabot.schemas.topics.Topics.TENANT_CHANGELOG;
import static io.sahabot.schemas.topics.Topics.WHATSAPP_INBOUND_RAW;

import io.micrometer.core.instrument.MeterRegistry;
import io.sahabot.platform.kafka.WireSerdes;
import io.sahabot.schemas.tenant.TenantChangelogRecord;
import io.sahabot.schemas.tenant.TenantSnapshot;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import org.apache.kafka.common.serialization.Serde;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.streams.StreamsBuilder;
import org.apache.kafka.streams.kstream.Consumed;
import org.apache.kafka.streams.kstream.KStream;
import org.apache.kafka.streams.kstream.Named;
import org.apache.kafka.streams.kstream.Repartitioned;
import org.apache.kafka.streams.state.Stores;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The enrichment topology: {@code whatsapp.inbound.raw} in; {@code whatsapp.inbound.messages},
 * {@code whatsapp.inbound.statuses}, {@code whatsapp.inbound.rejected} and {@code
 * whatsapp.inbound.raw.dlt} out. A tenant it provisions is published on {@code tenant.changelog} by
 * the outbox's relay, not by the topology.
 *
 * <pre>
 * tenant.changelog ─▶ re-key by phone_number_id ─▶ tenants-by-number (store) ◀─┐
 *                                                                                │ get / put
 * whatsapp.inbound.raw (bytes) ─▶ enrich ───────────────────────────────────────┘
 *                                   │ seen-wamids (window store, 7 days)
 *                                   └▶ route: messages | statuses | rejected | raw.dlt
 * </pre>
 *
 * <p>The raw topic is read as bytes and deserialized inside {@code enrich}, so a record that cannot
 * be read goes to the dead-letter topic in the same exactly-once transaction as everything else,
 * and the partition keeps moving (Kafka Streams 4.1's deserialization handler can only log and
 * skip).
 *
 * <p>{@code tenant.changelog} is re-keyed to the raw topic's key and partition count, so the raw
 * records of a number and the snapshots of its tenant meet in the same task and store.
 */
public final class EnrichmentTopology {

  /** The tenants by WhatsApp phone number id, from {@code tenant.changelog}. */
  public static final String TENANTS_STORE = "tenants-by-number";

  /** The wamids already passed on, kept {@link #DEDUPLICATION_WINDOW}. */
  public static final String SEEN_STORE = "seen-wamids";

  /** Meta retries a webhook for up to 7 days; a duplicate within this window is dropped. */
  public static final Duration DEDUPLICATION_WINDOW = Duration.ofDays(7);

  private static final Logger log = LoggerFactory.getLogger(EnrichmentTopology.class);

  private final TenantProvisioner provisioner;
  private final Clock clock;
  private final MeterRegistry meters;
  private final int rawPartitions;

  public EnrichmentTopology(
      TenantProvisioner provisioner, Clock clock, MeterRegistry meters, int rawPartitions) {
    this.provisioner = provisioner;
    this.clock = clock;
    this.meters = meters;
    this.rawPartitions = rawPartitions;
  }

  /** Adds the whole topology to {@code builder}. */
  public void build(StreamsBuilder builder) {
    Serde<TenantChangelogRecord> changelogSerde = WireSerdes.valueSerde(TENANT_CHANGELOG);
    addStores(builder, changelogSerde);
    tenantTable(builder, changelogSerde);
    EnrichmentRoutes.route(enriched(builder));
  }

  /** The tenants by number, and the keys already passed on within the deduplication window. */
  private static void addStores(
      StreamsBuilder builder, Serde<TenantChangelogRecord> changelogSerde) {
    builder.addStateStore(
        Stores.keyValueStoreBuilder(
            Stores.persistentKeyValueStore(TENANTS_STORE), Serdes.String(), changelogSerde));
    builder.addStateStore(
        Stores.windowStoreBuilder(
            Stores.persistentWindowStore(
                SEEN_STORE,
                DEDUPLICATION_WINDOW.plusDays(1).multipliedBy(2),
                DEDUPLICATION_WINDOW,
                false),
            Serdes.String(),
            Serdes.Long()));
  }

  /**
   * tenant.changelog, re-keyed by phone number id onto the raw topic's partitions, into the tenant
   * table.
   */
  private void tenantTable(StreamsBuilder builder, Serde<TenantChangelogRecord> changelogSerde) {
    builder.stream(
            TENANT_CHANGELOG.name(),
            Consumed.with(Serdes.String(), Serdes.ByteArray()).withName("tenant-changelog-source"))
        .flatMapValues(EnrichmentTopology::readSnapshot, Named.as("read-snapshot"))
        .selectKey(
            (tenantId, snapshot) -> ((TenantSnapshot) snapshot).phoneNumberId(),
            Named.as("key-by-number"))
        .repartition(
            Repartitioned.with(Serdes.String(), changelogSerde)
                .withName("tenants-by-number")
                .withNumberOfPartitions(rawPartitions))
        .process(TenantTableUpdater::new, Named.as("update-tenant-table"), TENANTS_STORE);
  }

  /** whatsapp.inbound.raw, as bytes, through the enrichment. */
  private KStream<String, Enriched> enriched(StreamsBuilder builder) {
    return builder.stream(
            WHATSAPP_INBOUND_RAW.name(),
            Consumed.with(Serdes.String(), Serdes.ByteArray()).withName("raw-source"))
        .process(
            () -> new EnrichProcessor(provisioner, clock, meters),
            Named.as("enrich"),
            TENANTS_STORE,
            SEEN_STORE);
  }

  private static Iterable<TenantChangelogRecord> readSnapshot(byte[] bytes) {
    if (bytes == null) {
      return List.of();
    }
    try (var deserializer = WireSerdes.valueDeserializer(TENANT_CHANGELOG)) {
      TenantChangelogRecord record = deserializer.deserialize(TENANT_CHANGELOG.name(), bytes);
      return record instanceof TenantSnapshot ? List.of(record) : List.of();
    } catch (RuntimeException e) {
      log.error("Skipping an unreadable record of {}: {}", TENANT_CHANGELOG.name(), e.toString());
      return List.of();
    }
  }
}
