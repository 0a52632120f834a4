package io.sahabot.local.replay;

import io.sahabot.local.replay.Entry.Stage;
import java.sql.Array;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.UUID;
import tools.jackson.databind.JsonNode;

/**
 * What the agent keeps in PostgreSQL about a tenant's turns: one {@code token_usage} row per model
 * call (timed, with the wamid of the turn), and each conversation's memory in {@code
 * conversation_messages} (the last messages of the window, with the model's tool calls, but no
 * times). Both tables are under row-level security: every read runs in a transaction that first
 * sets {@code app.tenant_id}, as the services do, so it works as the application role and never
 * sees another tenant's rows.
 */
final class AgentRecords implements AutoCloseable {

  /** The tool calls of one conversation's stored memory, oldest first. */
  record Memory(String userId, java.time.Instant updatedAt, List<ToolCall> toolCalls) {}

  /**
   * One tool call in the stored memory.
   *
   * @param turn the number of the user message it answered, counted in the stored window
   */
  record ToolCall(int turn, String name, String arguments) {}

  private final Connection db;
  private final UUID tenant;

  AgentRecords(String url, String user, String password, UUID tenant) throws SQLException {
    this.db = DriverManager.getConnection(url, user, password);
    this.db.setAutoCommit(false);
    this.db.setReadOnly(true);
    this.tenant = tenant;
  }

  /** Every model call of the tenant in the range, as timeline entries. */
  List<Entry> modelCalls(TimeRange range, Describe describe) throws SQLException {
    List<Entry> calls = new ArrayList<>();
    enterTenant();
    try (PreparedStatement s =
        db.prepareStatement(
            "SELECT id, created_at, user_id, message_id, model, input_tokens, output_tokens"
                + " FROM token_usage WHERE tenant_id = ? AND created_at BETWEEN ? AND ?"
                + " ORDER BY created_at, id")) {
      s.setObject(1, tenant);
      s.setTimestamp(2, Timestamp.from(range.from()));
      s.setTimestamp(3, Timestamp.from(range.to()));
      try (ResultSet rs = s.executeQuery()) {
        while (rs.next()) {
          calls.add(
              new Entry(
                  rs.getTimestamp("created_at").toInstant(),
                  Stage.MODEL_CALL,
                  "token_usage#" + rs.getLong("id"),
                  "wamid=" + rs.getString("message_id"),
                  rs.getString("model")
                      + " for "
                      + describe.person(rs.getString("user_id"))
                      + ", "
                      + rs.getInt("input_tokens")
                      + " in / "
                      + rs.getInt("output_tokens")
                      + " out tokens"));
        }
      }
    } finally {
      db.rollback();
    }
    return calls;
  }

  /** The tool calls in the stored memory of these users' conversations. */
  List<Memory> memories(Collection<String> userIds) throws SQLException {
    List<Memory> memories = new ArrayList<>();
    if (userIds.isEmpty()) {
      return memories;
    }
    enterTenant();
    try (PreparedStatement s =
        db.prepareStatement(
            "SELECT user_id, updated_at, messages::text AS messages FROM conversation_messages"
                + " WHERE tenant_id = ? AND user_id = ANY (?) ORDER BY updated_at")) {
      Array users = db.createArrayOf("varchar", userIds.toArray());
      s.setObject(1, tenant);
      s.setArray(2, users);
      try (ResultSet rs = s.executeQuery()) {
        while (rs.next()) {
          memories.add(
              new Memory(
                  rs.getString("user_id"),
                  rs.getTimestamp("updated_at").toInstant(),
                  toolCalls(Describe.json(rs.getBytes("messages")))));
        }
      }
    } finally {
      db.rollback();
    }
    return memories;
  }

  /** The tool execution requests of langchain4j's JSON message list, numbered by user message. */
  static List<ToolCall> toolCalls(JsonNode messages) {
    List<ToolCall> calls = new ArrayList<>();
    if (messages == null) {
      return calls;
    }
    int turn = 0;
    for (JsonNode m : messages) {
      String type = Describe.text(m, "type");
      if ("USER".equals(type)) {
        turn++;
      } else if ("AI".equals(type)) {
        for (JsonNode request : m.path("toolExecutionRequests")) {
          calls.add(
              new ToolCall(
                  turn, Describe.text(request, "name"), Describe.text(request, "arguments")));
        }
      }
    }
    return calls;
  }

  /** {@code set_config('app.tenant_id', …, true)}: local to the transaction that follows. */
  private void enterTenant() throws SQLException {
    try (PreparedStatement s = db.prepareStatement("SELECT set_config('app.tenant_id', ?, true)")) {
      s.setString(1, tenant.toString());
      s.execute();
    }
  }

  @Override
  public void close() throws SQLException {
    db.close();
  }
}
