package io.sahabot.tenant.enrichment;

import static io.sahabot.schemas.topics.Topics.WHATSAPP_INBOUND_RAW;

import io.micrometer.core.instrument.MeterRegistry;
import io.sahabot.platform.kafka.WireSerdes;
import io.sahabot.schemas.tenant.TenantChangelogRecord;
import io.sahabot.schemas.tenant.TenantSnapshot;
import io.sahabot.schemas.whatsapp.DeliveryStatus;
import io.sahabot.schemas.whatsapp.InboundMessage;
import io.sahabot.schemas.whatsapp.InboundRawRecord;
import io.sahabot.schemas.whatsapp.RawWebhookChange;
import io.sahabot.schemas.whatsapp.RejectedInbound;
import io.sahabot.tenant.enrichment.domain.ParsedChange;
import io.sahabot.tenant.enrichment.domain.WebhookParser;
import io.sahabot.tenant.provisioning.Provisioned;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.regex.Pattern;
import org.apache.kafka.common.header.Headers;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.apache.kafka.common.serialization.Deserializer;
import org.apache.kafka.streams.processor.api.Processor;
import org.apache.kafka.streams.processor.api.ProcessorContext;
import org.apache.kafka.streams.processor.api.Record;
import org.apache.kafka.streams.processor.api.RecordMetadata;
import org.apache.kafka.streams.state.KeyValueStore;
import org.apache.kafka.streams.state.WindowStore;
import org.apache.kafka.streams.state.WindowStoreIterator;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.slf4j.MDC;
import org.springframework.kafka.support.KafkaHeaders;

/**
 * Resolves (or provisions) the tenant of one raw change, drops duplicates by wamid, and emits what
 * the change holds, each output an {@link Enriched} that {@link EnrichmentRoutes} sends to its
 * topic.
 */
final class EnrichProcessor implements Processor<String, byte[], String, Enriched> {

  /**
   * spring-kafka's dead-letter header names, the ones platform's {@code DeadLetters} writes in the
   * other services: a dead letter of the topology (written inside its exactly-once transaction, so
   * not through a {@code DeadLetterPublishingRecoverer}) reads like any other.
   */
  static final String DLT_EXCEPTION_FQCN = KafkaHeaders.DLT_EXCEPTION_FQCN;

  static final String DLT_EXCEPTION_MESSAGE = KafkaHeaders.DLT_EXCEPTION_MESSAGE;
  static final String DLT_ORIGINAL_TOPIC = KafkaHeaders.DLT_ORIGINAL_TOPIC;
  static final String DLT_ORIGINAL_PARTITION = KafkaHeaders.DLT_ORIGINAL_PARTITION;
  static final String DLT_ORIGINAL_OFFSET = KafkaHeaders.DLT_ORIGINAL_OFFSET;

  private static final Logger log = LoggerFactory.getLogger(EnrichProcessor.class);
  private static final Pattern PHONE_NUMBER_ID = Pattern.compile("[0-9]{1,64}");

  private final TenantProvisioner provisioner;
  private final Clock clock;
  private final MeterRegistry meters;
  private final Deserializer<InboundRawRecord> deserializer =
      WireSerdes.valueDeserializer(WHATSAPP_INBOUND_RAW);

  private ProcessorContext<String, Enriched> context;
  private KeyValueStore<String, TenantChangelogRecord> tenants;
  private WindowStore<String, Long> seen;

  EnrichProcessor(TenantProvisioner provisioner, Clock clock, MeterRegistry meters) {
    this.provisioner = provisioner;
    this.clock = clock;
    this.meters = meters;
  }

  @Override
  public void init(ProcessorContext<String, Enriched> context) {
    this.context = context;
    this.tenants = context.getStateStore(EnrichmentTopology.TENANTS_STORE);
    this.seen = context.getStateStore(EnrichmentTopology.SEEN_STORE);
  }

  @Override
  public void process(Record<String, byte[]> record) {
    RawWebhookChange change;
    try {
      if (record.value() == null) {
        throw new IllegalArgumentException("value: a raw record has no value");
      }
      if (!(deserializer.deserialize(WHATSAPP_INBOUND_RAW.name(), record.value())
          instanceof RawWebhookChange raw)) {
        throw new IllegalArgumentException("value: not a RawWebhookChange");
      }
      if (!PHONE_NUMBER_ID.matcher(raw.phoneNumberId()).matches()) {
        throw new IllegalArgumentException("phoneNumberId: must be 1 to 64 digits");
      }
      change = raw;
    } catch (RuntimeException e) {
      deadLetter(record, e);
      return;
    }

    // A failure to provision (the database) propagates: the thread is replaced and the record
    // processed again. Any other failure is about this record: it goes to the dead-letter topic.
    TenantSnapshot tenant = tenantOf(change);
    MDC.put("tenantId", tenant.tenantId().toString());
    try {
      enrich(record, change, tenant);
    } catch (RuntimeException e) {
      deadLetter(record, e);
    } finally {
      MDC.remove("tenantId");
    }
  }

  private void enrich(
      Record<String, byte[]> record, RawWebhookChange change, TenantSnapshot tenant) {
    Instant now = clock.instant();
    if (!tenant.active()) {
      reject(record, change, tenant, RejectedInbound.Reason.TENANT_INACTIVE, "tenant is inactive");
      return;
    }
    ParsedChange parsed = WebhookParser.parse(change, tenant.tenantId(), now);
    for (ParsedChange.ValueError error : parsed.errors()) {
      meters.counter("sahabot.enrichment.value.errors", "kind", error.kind()).increment();
      log.warn(
          "Part of change {} could not be read ({}): {}",
          change.deliveryId(),
          error.kind(),
          error.detail());
    }
    if (parsed.unreadable()) {
      reject(
          record,
          change,
          tenant,
          RejectedInbound.Reason.UNREADABLE,
          "the change has no messages, statuses or errors (field " + change.field() + ")");
      return;
    }
    long timestamp = record.timestamp();
    for (InboundMessage message : parsed.messages()) {
      if (firstTime(change.phoneNumberId() + "|" + message.wamid(), timestamp)) {
        context.forward(record.withKey(message.key()).withValue(new Enriched.Message(message)));
      }
    }
    for (DeliveryStatus status : parsed.statuses()) {
      if (firstTime(
          change.phoneNumberId() + "|" + status.wamid() + "|" + status.status(), timestamp)) {
        context.forward(record.withKey(status.key()).withValue(new Enriched.Status(status)));
      }
    }
  }

  /**
   * The tenant from the table; on a miss, provisioned and put in the table. The topology does not
   * publish the snapshot: provisioning wrote it to the outbox in its transaction, and the outbox's
   * relay is the one writer of {@code tenant.changelog}, so the topic's versions of a tenant only
   * ever increase (a snapshot read here could otherwise land after a newer one).
   */
  private TenantSnapshot tenantOf(RawWebhookChange change) {
    if (tenants.get(change.phoneNumberId()) instanceof TenantSnapshot known) {
      return known;
    }
    String display = change.value().path("metadata").path("display_phone_number").asString(null);
    if (display != null && (display.isBlank() || display.length() > 32)) {
      display = null;
    }
    Provisioned provisioned = provisioner.getOrCreate(change.phoneNumberId(), display);
    TenantSnapshot snapshot = provisioned.tenant().snapshot(change.deliveryId(), clock);
    tenants.put(change.phoneNumberId(), snapshot);
    return snapshot;
  }

  private boolean firstTime(String key, long timestamp) {
    Duration window = EnrichmentTopology.DEDUPLICATION_WINDOW;
    try (WindowStoreIterator<Long> earlier =
        seen.fetch(
            key, Math.max(0, timestamp - window.toMillis()), timestamp + window.toMillis())) {
      if (earlier.hasNext()) {
        meters.counter("sahabot.enrichment.duplicates").increment();
        log.debug("Dropped a duplicate: {}", key);
        return false;
      }
    }
    seen.put(key, timestamp, timestamp);
    return true;
  }

  private void reject(
      Record<String, byte[]> record,
      RawWebhookChange change,
      TenantSnapshot tenant,
      RejectedInbound.Reason reason,
      String detail) {
    meters.counter("sahabot.enrichment.rejected", "reason", reason.name()).increment();
    log.info("Rejected change {}: {}", change.deliveryId(), reason);
    RejectedInbound rejected =
        new RejectedInbound(
            WebhookParser.eventId(change.deliveryId(), "rejected"),
            clock.instant(),
            change.deliveryId(),
            change.phoneNumberId(),
            tenant.tenantId(),
            reason,
            detail,
            change.value());
    context.forward(
        record.withKey(change.phoneNumberId()).withValue(new Enriched.Rejected(rejected)));
  }

  private void deadLetter(Record<String, byte[]> record, RuntimeException e) {
    meters.counter("sahabot.enrichment.dead.letters").increment();
    Headers headers = new RecordHeaders(record.headers().toArray());
    headers.add(DLT_EXCEPTION_FQCN, bytes(e.getClass().getName()));
    headers.add(DLT_EXCEPTION_MESSAGE, bytes(String.valueOf(e.getMessage())));
    context
        .recordMetadata()
        .ifPresent(
            (RecordMetadata m) -> {
              headers.add(DLT_ORIGINAL_TOPIC, bytes(m.topic()));
              headers.add(DLT_ORIGINAL_PARTITION, bytes(Integer.toString(m.partition())));
              headers.add(DLT_ORIGINAL_OFFSET, bytes(Long.toString(m.offset())));
            });
    log.error(
        "Unreadable record of {} sent to {}: {}",
        WHATSAPP_INBOUND_RAW.name(),
        WHATSAPP_INBOUND_RAW.deadLetter(),
        e.toString());
    byte[] value = record.value() == null ? new byte[0] : record.value();
    context.forward(
        new Record<String, Enriched>(
            record.key(), new Enriched.DeadLetter(value), record.timestamp(), headers));
  }

  private static byte[] bytes(String s) {
    return s.getBytes(StandardCharsets.UTF_8);
  }
}
