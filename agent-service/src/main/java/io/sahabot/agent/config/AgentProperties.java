package io.sahabot.agent.config;

import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.util.backoff.BackOff;
import org.springframework.util.backoff.ExponentialBackOff;
import org.springframework.util.unit.DataSize;
import org.springframework.validation.annotation.Validated;

/**
 * agent-service's settings.
 *
 * @param model {@code offline} (the rule-based model, no network) or {@code openai} (any
 *     OpenAI-compatible endpoint, see {@code sahabot.agent.openai.*})
 * @param maxInFlight turns queued or running at once (each conversation still one turn at a time);
 *     past it the consumers pause until a quarter of them are done
 * @param modelConcurrency model calls at once; by default as many as turns in flight
 * @param commandTimeout how long a write tool waits for the broker to take its command
 * @param reservationServiceUrl reservation-service's base URL, for the read tools
 * @param simulatedModelLatency added to every model call (benchmarks only; zero otherwise)
 * @param transcriptionUrl the endpoint that turns a voice note into text (see {@code Transcriber});
 *     none configured means voice notes are answered with "please type"
 * @param transcriptionKey the bearer token the transcription endpoint expects, its own (env {@code
 *     SAHABOT_TRANSCRIPTION_KEY}); none: requests carry no {@code Authorization}. No credential of
 *     the deployment's is ever sent there.
 * @param listenerConcurrency consumer threads on whatsapp.inbound.messages
 * @param queryTimeout how long a read tool waits for reservation-service's answer
 * @param queryMaxResponse the largest answer of reservation-service a read tool accepts
 * @param transcriptionTimeout how long a voice note's transcription may take
 * @param replyTimeout how long publishing one reply to whatsapp.outbound may take
 * @param tenantWait how long a turn waits for its tenant's snapshot before it answers with the
 *     default settings
 * @param budgetTimeout how long a turn waits for its tenant's budget check, and for claiming the
 *     month's budget notice
 * @param maxToolCalls tool calls the model may make one after another in one turn
 * @param revokeDrainTimeout how long a consumer losing partitions waits for their running turns to
 *     finish (and their offsets to be committed) before it lets them go
 * @param pollTimeout the inbound consumers' poll timeout
 * @param conversationQueue turns of one conversation queued or running at once; a message past it
 *     is not run through the model, and the sender is asked once to slow down
 * @param turnRetryBackoff how long a turn whose output could not be published or stored waits
 *     before its partition is sought back to it and it runs again
 * @param outcomeWait how long a write tool waits for its command's outcome to tell it in the turn's
 *     reply (the fast path); an outcome that comes later is told by the outcome notifier. Zero:
 *     never wait, the turn answers "request received" and the notifier tells every outcome
 * @param summaryCheck how often the owners' daily summaries are checked for being due
 * @param transientRetryMaxInterval the longest pause between two attempts of an outcome or a status
 *     whose handling failed for a transient reason (the database or the broker away): such a record
 *     is retried without end, from 100 ms doubling up to this, never dead-lettered
 */
@Validated
@ConfigurationProperties("sahabot.agent")
public record AgentProperties(
    @NotBlank @DefaultValue("offline") String model,
    @Min(1) @DefaultValue("512") int maxInFlight,
    @Min(1) @DefaultValue("512") int modelConcurrency,
    @NotNull @DefaultValue("15s") Duration commandTimeout,
    @NotBlank @DefaultValue("http://localhost:8083") String reservationServiceUrl,
    @NotNull @DefaultValue("0s") Duration simulatedModelLatency,
    String transcriptionUrl,
    String transcriptionKey,
    @Min(1) @DefaultValue("12") int listenerConcurrency,
    @NotNull @DefaultValue("10s") Duration queryTimeout,
    @NotNull @DefaultValue("8MB") DataSize queryMaxResponse,
    @NotNull @DefaultValue("20s") Duration transcriptionTimeout,
    @NotNull @DefaultValue("30s") Duration replyTimeout,
    @NotNull @DefaultValue("5s") Duration tenantWait,
    @NotNull @DefaultValue("5s") Duration budgetTimeout,
    @Min(1) @DefaultValue("5") int maxToolCalls,
    @NotNull @DefaultValue("8s") Duration revokeDrainTimeout,
    @NotNull @DefaultValue("1s") Duration pollTimeout,
    @Min(1) @DefaultValue("20") int conversationQueue,
    @NotNull @DefaultValue("1s") Duration turnRetryBackoff,
    @NotNull @DefaultValue("3s") Duration outcomeWait,
    @NotNull @DefaultValue("1m") Duration summaryCheck,
    @NotNull @DefaultValue("5s") Duration transientRetryMaxInterval) {

  /** The back-off of a transient failure: 100 ms doubling to {@link #transientRetryMaxInterval}. */
  public BackOff transientBackOff() {
    ExponentialBackOff backOff = new ExponentialBackOff(100, 2.0);
    backOff.setMaxInterval(transientRetryMaxInterval.toMillis());
    backOff.setMaxElapsedTime(Long.MAX_VALUE);
    backOff.setMaxAttempts(Integer.MAX_VALUE);
    return backOff;
  }
}
