package io.sahabot.local.replay;

import io.sahabot.local.Cli;
import io.sahabot.schemas.topics.KafkaLogin;
import io.sahabot.schemas.topics.Topic;
import io.sahabot.schemas.topics.Topics;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.regex.Pattern;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import tools.jackson.databind.JsonNode;

/**
 * {@code ./sahabot replay}: what happened to one tenant in a time range, read from the topics (and
 * the agent's tables when a database is given), one line per event in time order; on request,
 * re-drives the tenant's raw webhook records or dead letters.
 */
@Command(
    name = "replay",
    header = "one tenant's timeline over a time range; re-drive its raw records or dead letters",
    sortOptions = false,
    description = {
      "One tenant's timeline over a time range, from the topics (and the agent's tables with --db),",
      "one line per event; re-drives its raw webhook records or its dead letters on request.",
      "Exit codes: 0, 1 (Kafka unreachable, unknown tenant, database), 2 (bad arguments)."
    },
    footer = {
      "",
      "On a closed Kafka, it logs in with env KAFKA_SASL_USERNAME and KAFKA_SASL_PASSWORD",
      "(SCRAM-SHA-512 over SASL_PLAINTEXT unless KAFKA_SASL_MECHANISM and KAFKA_SECURITY_PROTOCOL",
      "say otherwise)."
    })
public final class ReplayCommand implements Callable<Integer> {

  /** Which topics make the timeline, in pipeline order. */
  private static final List<Topic<?>> TIMELINE =
      List.of(
          Topics.WHATSAPP_INBOUND_RAW,
          Topics.TENANT_CHANGELOG,
          Topics.WHATSAPP_INBOUND_REJECTED,
          Topics.WHATSAPP_INBOUND_MESSAGES,
          Topics.WHATSAPP_INBOUND_STATUSES,
          Topics.RESERVATION_COMMANDS,
          Topics.RESERVATION_EVENTS,
          Topics.WHATSAPP_OUTBOUND);

  private static final Pattern PHONE_NUMBER_ID = Pattern.compile("[0-9]{1,64}");

  @Mixin private Cli.Help help;

  @Option(
      names = "--tenant",
      paramLabel = "ID",
      required = true,
      description = "the tenant's id (UUID) or its WhatsApp phone_number_id (required)")
  private String tenantArg;

  @Option(
      names = "--from",
      paramLabel = "WHEN",
      defaultValue = "1h",
      description =
          "ISO instant (2026-11-27T10:00:00Z) or a duration ago (90m, 2h, 1d); default 1h")
  private String from;

  @Option(
      names = "--to",
      paramLabel = "WHEN",
      defaultValue = "0s",
      description = "the same; default now")
  private String to;

  @Option(
      names = "--bootstrap",
      paramLabel = "HOSTS",
      defaultValue = "localhost:9092",
      description = "Kafka (env KAFKA_BOOTSTRAP_SERVERS, default localhost:9092)")
  @Cli.Env("KAFKA_BOOTSTRAP_SERVERS")
  private String bootstrap;

  @Option(
      names = "--db",
      paramLabel = "JDBC_URL",
      description = "also read model calls (token_usage) and tool calls (conversation memory)")
  private String db;

  @Option(
      names = "--db-user",
      paramLabel = "USER",
      defaultValue = "sahabot_app",
      description = "default sahabot_app (env DATABASE_APP_USER): row-level security applies")
  @Cli.Env("DATABASE_APP_USER")
  private String dbUser;

  @Option(
      names = "--db-password",
      paramLabel = "PASS",
      defaultValue = "",
      description = "env DATABASE_APP_PASSWORD")
  @Cli.Env("DATABASE_APP_PASSWORD")
  private String dbPassword;

  @Option(
      names = "--show-personal",
      description = "show phone numbers and message texts in full (masked by default)")
  private boolean showPersonal;

  @Option(
      names = "--dlt",
      description = "list only the tenant's dead letters, with their error headers")
  private boolean dlt;

  @Option(
      names = "--redrive",
      description =
          "re-publish the tenant's raw webhook records of the range to whatsapp.inbound.raw")
  private boolean redrive;

  @Option(
      names = "--redrive-dlt",
      description = "re-publish the tenant's dead letters of the range to their source topics")
  private boolean redriveDlt;

  @Option(
      names = "--timeout",
      paramLabel = "DURATION",
      defaultValue = "10s",
      description = "how long to wait for Kafka (default 10s)")
  private String timeoutArg;

  private final PrintStream out;
  private final PrintStream err;
  private final Clock clock;
  private Map<String, String> env = Map.of();

  public ReplayCommand(PrintStream out, PrintStream err, Clock clock) {
    this.out = out;
    this.err = err;
    this.clock = clock;
  }

  /** The tenant being replayed: its id and its WhatsApp number id. */
  record Tenant(UUID id, String phoneNumberId, String name) {

    boolean owns(ConsumerRecord<String, byte[]> r) {
      String key = r.key();
      if (key != null) {
        return key.equals(phoneNumberId) || key.equals(id.toString()) || key.startsWith(id + ":");
      }
      JsonNode v = Describe.json(r.value());
      return id.toString().equals(Describe.text(v, "tenantId"))
          || phoneNumberId.equals(Describe.text(v, "phoneNumberId"));
    }
  }

  /**
   * Returns the exit code: 0 done, 1 failed (Kafka, database, unknown tenant), 2 bad arguments; the
   * options and the Kafka login fall back to {@code env}.
   */
  public int run(List<String> args, Map<String, String> env) {
    return Cli.run(env(env), args, env, out, err);
  }

  /**
   * The environment the Kafka login is read from (the options' fallbacks are the command line's).
   */
  public ReplayCommand env(Map<String, String> env) {
    this.env = env;
    return this;
  }

  @Override
  public Integer call() {
    TimeRange range;
    Duration timeout;
    try {
      Instant now = clock.instant();
      range = TimeRange.parse(from, to, now);
      if (redrive && (dlt || redriveDlt)) {
        throw new IllegalArgumentException(
            "--redrive works on the timeline; --dlt and --redrive-dlt on the dead letters: pick one");
      }
      timeout = TimeRange.duration("timeout", timeoutArg);
      if (timeout == null || timeout.isZero()) {
        throw new IllegalArgumentException("--timeout must be a positive duration (10s, 1m)");
      }
    } catch (IllegalArgumentException e) {
      err.println("replay: " + e.getMessage());
      return 2;
    }
    Map<String, String> login;
    try {
      login = KafkaLogin.clientProperties(env::get);
    } catch (IllegalStateException e) {
      err.println("replay: " + e.getMessage());
      return 2;
    }
    Describe describe = new Describe(showPersonal);
    try (TopicReader reader = new TopicReader(bootstrap, login, timeout, err)) {
      Tenant tenant = resolve(reader, tenantArg);
      out.printf(
          "Tenant %s (phone_number_id %s, %s), %s to %s%n",
          tenant.id(), tenant.phoneNumberId(), tenant.name(), range.from(), range.to());
      if (dlt || redriveDlt) {
        return deadLetters(reader, tenant, range, describe, bootstrap, login, redriveDlt);
      }
      Timeline timeline = timeline(reader, tenant, range, describe);
      List<AgentRecords.Memory> memories = List.of();
      if (db != null) {
        try (AgentRecords agent = new AgentRecords(db, dbUser, dbPassword, tenant.id())) {
          timeline.entries().addAll(agent.modelCalls(range, describe));
          memories = agent.memories(timeline.users());
        }
      }
      timeline.entries().sort(Entry.ORDER);
      timeline.entries().forEach(e -> out.println(e.line()));
      out.println(timeline.entries().size() + " events");
      printMemories(memories, db != null, describe);
      if (redrive) {
        redrive(timeline, bootstrap, login, timeout);
      }
      return 0;
    } catch (TopicReader.Unreachable | UnknownTenant e) {
      err.println("replay: " + e.getMessage());
      return 1;
    } catch (SQLException e) {
      err.println("replay: database: " + Describe.firstLine(String.valueOf(e.getMessage())));
      return 1;
    } catch (org.apache.kafka.common.KafkaException e) {
      err.println("replay: Kafka: " + Describe.firstLine(String.valueOf(e.getMessage())));
      return 1;
    }
  }

  /** No snapshot of the tenant on the changelog. */
  static final class UnknownTenant extends RuntimeException {
    UnknownTenant(String message) {
      super(message);
    }
  }

  /**
   * The tenant's latest snapshot on {@code tenant.changelog} (compacted: every tenant is there).
   */
  private Tenant resolve(TopicReader reader, String arg) {
    UUID id = null;
    if (!PHONE_NUMBER_ID.matcher(arg).matches()) {
      try {
        id = UUID.fromString(arg);
      } catch (IllegalArgumentException e) {
        throw new UnknownTenant(
            "--tenant '" + arg + "' is neither a tenant id (UUID) nor a phone_number_id (digits)");
      }
    }
    UUID wanted = id;
    Tenant found = null;
    long version = 0;
    for (ConsumerRecord<String, byte[]> r :
        reader.readAll(
            Topics.TENANT_CHANGELOG.name(),
            r -> wanted == null || wanted.toString().equals(r.key()))) {
      JsonNode v = Describe.json(r.value());
      String number = Describe.text(v, "phoneNumberId");
      String tenantId = Describe.text(v, "tenantId");
      long v2 = v == null ? 0 : v.path("version").asLong(0);
      if (tenantId == null || number == null || v2 < version) {
        continue;
      }
      if (wanted != null || arg.equals(number)) {
        found = new Tenant(UUID.fromString(tenantId), number, Describe.text(v, "businessName"));
        version = v2;
      }
    }
    if (found == null) {
      throw new UnknownTenant(
          "unknown tenant '"
              + arg
              + "': no snapshot of it on "
              + Topics.TENANT_CHANGELOG.name()
              + " (tenants appear there on their first webhook)");
    }
    return found;
  }

  /** The entries of the timeline and what a re-drive needs. */
  record Timeline(
      List<Entry> entries,
      List<ConsumerRecord<String, byte[]>> raw,
      Set<String> passedOn,
      Set<String> users) {}

  private Timeline timeline(TopicReader reader, Tenant tenant, TimeRange range, Describe describe) {
    List<Entry> entries = new ArrayList<>();
    List<ConsumerRecord<String, byte[]>> raw = new ArrayList<>();
    Set<String> passedOn = new HashSet<>();
    Set<String> users = new LinkedHashSet<>();
    List<String> topics = new ArrayList<>();
    TIMELINE.forEach(t -> topics.add(t.name()));
    TIMELINE.forEach(t -> topics.add(t.deadLetter()));
    for (String topic : topics) {
      for (ConsumerRecord<String, byte[]> r : reader.read(topic, range, tenant::owns)) {
        entries.add(describe.entry(r));
        JsonNode v = Describe.json(r.value());
        if (topic.equals(Topics.WHATSAPP_INBOUND_RAW.name())) {
          raw.add(r);
        } else if (topic.equals(Topics.WHATSAPP_INBOUND_MESSAGES.name())) {
          passedOn.add(Describe.text(v, "wamid"));
          users.add(Describe.text(v, "userId"));
        } else if (topic.equals(Topics.WHATSAPP_INBOUND_STATUSES.name())) {
          passedOn.add(Describe.text(v, "wamid") + "|" + Describe.text(v, "status"));
        }
      }
    }
    users.remove(null);
    return new Timeline(entries, raw, passedOn, users);
  }

  private void printMemories(List<AgentRecords.Memory> memories, boolean read, Describe describe) {
    if (!read) {
      out.println(
          "Model and tool calls: add --db JDBC_URL to read token_usage and the conversation memory;"
              + " write tool calls are the commands above.");
      return;
    }
    out.println(
        "Tool calls in the stored conversation memory (the last messages of each conversation,"
            + " not timed; turn = user message in that window):");
    if (memories.isEmpty()) {
      out.println("  none stored for the senders above");
    }
    for (AgentRecords.Memory m : memories) {
      out.printf(
          "  conversation %s (updated %s): %d tool call(s)%n",
          describe.person(m.userId()), m.updatedAt(), m.toolCalls().size());
      for (AgentRecords.ToolCall call : m.toolCalls()) {
        out.printf(
            "    turn %d: %s %s%n", call.turn(), call.name(), describe.masked(call.arguments()));
      }
    }
  }

  /**
   * Re-publishes the tenant's raw records of the range (not those that are re-drives themselves)
   * with their key and value, and says which tenant-service will drop as duplicates.
   */
  private void redrive(
      Timeline timeline, String bootstrap, Map<String, String> login, Duration timeout) {
    int duplicates = 0;
    List<ProducerRecord<String, byte[]>> records = new ArrayList<>();
    for (ConsumerRecord<String, byte[]> r : timeline.raw()) {
      if (Describe.header(r, Describe.REPLAY_HEADER) != null) {
        continue;
      }
      List<String> wamids = Describe.rawWamids(Describe.json(r.value()));
      if (!wamids.isEmpty() && timeline.passedOn().containsAll(wamids)) {
        duplicates++;
      }
      records.add(again(r, r.topic()));
    }
    send(records, bootstrap, login, timeout);
    out.printf(
        "Re-drove %d raw record(s) to %s (header %s).%n",
        records.size(), Topics.WHATSAPP_INBOUND_RAW.name(), Describe.REPLAY_HEADER);
    if (!records.isEmpty()) {
      out.printf(
          "%d of them carry only wamids tenant-service already passed on: it drops those as"
              + " duplicates (seen-wamids, 7 days; metric sahabot.enrichment.duplicates)."
              + " The other %d are enriched (rejected again while the tenant is inactive).%n",
          duplicates, records.size() - duplicates);
    }
  }

  private int deadLetters(
      TopicReader reader,
      Tenant tenant,
      TimeRange range,
      Describe describe,
      String bootstrap,
      Map<String, String> login,
      boolean redrive) {
    List<ProducerRecord<String, byte[]>> again = new ArrayList<>();
    int count = 0;
    for (Topic<?> topic : Topics.all()) {
      for (ConsumerRecord<String, byte[]> r :
          reader.read(topic.deadLetter(), range, tenant::owns)) {
        count++;
        out.println(describe.entry(r).line());
        for (Header h : r.headers()) {
          if (isErrorHeader(h.key()) && !h.key().endsWith("stacktrace")) {
            String value = new String(h.value(), StandardCharsets.UTF_8);
            out.printf("    %s: %s%n", h.key(), describe.masked(Describe.firstLine(value)));
          }
        }
        String source = Describe.header(r, "kafka_dlt-original-topic");
        again.add(again(r, source != null ? source : topic.name()));
      }
    }
    out.println(count + " dead letter(s)");
    if (redrive) {
      send(again, bootstrap, login, Duration.ofSeconds(30));
      out.printf(
          "Re-drove %d dead letter(s) to their source topics (header %s).%n",
          again.size(), Describe.REPLAY_HEADER);
    }
    return 0;
  }

  private static boolean isErrorHeader(String key) {
    return key.startsWith("kafka_dlt-")
        || key.startsWith("__streams.errors.")
        || key.startsWith("sahabot-graph-");
  }

  /**
   * The same key, value and timestamp for {@code topic}, without error headers, marked as a
   * re-drive. The timestamp stays the original's: tenant-service looks for a wamid within 7 days of
   * the record's timestamp, so a copy of a raw record is recognised however old it is.
   */
  private static ProducerRecord<String, byte[]> again(
      ConsumerRecord<String, byte[]> r, String topic) {
    RecordHeaders headers = new RecordHeaders();
    for (Header h : r.headers()) {
      if (!isErrorHeader(h.key()) && !h.key().equals(Describe.REPLAY_HEADER)) {
        headers.add(h);
      }
    }
    headers.add(Describe.REPLAY_HEADER, Describe.where(r).getBytes(StandardCharsets.UTF_8));
    return new ProducerRecord<>(topic, null, r.timestamp(), r.key(), r.value(), headers);
  }

  /** Sends all and waits for every acknowledgement (acks=all, idempotent). */
  private static void send(
      List<ProducerRecord<String, byte[]>> records,
      String bootstrap,
      Map<String, String> login,
      Duration timeout) {
    Properties props = new Properties();
    props.putAll(login);
    props.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap);
    props.put(ProducerConfig.ACKS_CONFIG, "all");
    props.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, true);
    props.put(ProducerConfig.CLIENT_ID_CONFIG, "sahabot-replay");
    props.put(ProducerConfig.MAX_BLOCK_MS_CONFIG, timeout.toMillis());
    try (KafkaProducer<String, byte[]> producer =
        new KafkaProducer<>(props, new StringSerializer(), new ByteArraySerializer())) {
      List<Future<RecordMetadata>> sent = new ArrayList<>();
      records.forEach(r -> sent.add(producer.send(r)));
      for (Future<RecordMetadata> f : sent) {
        f.get(timeout.toMillis() + 30_000, TimeUnit.MILLISECONDS);
      }
    } catch (ExecutionException | java.util.concurrent.TimeoutException e) {
      throw new TopicReader.Unreachable("re-drive not acknowledged: " + e.getMessage(), e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new TopicReader.Unreachable("re-drive interrupted", e);
    }
  }
}
