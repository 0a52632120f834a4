package io.sahabot.agent.conversation;

import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import io.sahabot.agent.config.AgentProperties;
import io.sahabot.agent.config.Stages;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.DisposableBean;
import org.springframework.stereotype.Component;

/**
 * Runs many conversations at once and each one a turn at a time.
 *
 * <p>Turns of one conversation (one Kafka key) are chained, so they run in the order the key's
 * partition gave them and never overlap: langchain4j's memory must not see two turns of one
 * conversation interleaved. Turns of different conversations, even of one tenant and one partition,
 * run in parallel on a pool of {@code maxInFlight} worker threads. Submitting never blocks: the
 * caller bounds what it submits by {@link #inFlight()} (the listener pauses its consumers).
 *
 * <p>One conversation holds at most {@code conversation-queue} turns queued or running; past that a
 * turn is refused ({@link Admission}), so a customer sending hundreds of messages fills neither the
 * pool nor {@code max-in-flight}, and never pauses the consumers for everybody else.
 */
@Component
public class ConversationDispatcher implements DisposableBean {

  private static final Logger log = LoggerFactory.getLogger(ConversationDispatcher.class);

  private final Map<String, Conversation> conversations = new ConcurrentHashMap<>();
  private final int perConversation;
  private final ThreadPoolExecutor workers;
  private final AtomicInteger inFlight = new AtomicInteger();
  private final Timer waited;
  private final Timer ran;

  public ConversationDispatcher(AgentProperties properties, MeterRegistry meters) {
    this.perConversation = properties.conversationQueue();
    this.waited = Stages.timer(meters, "wait");
    this.ran = Stages.timer(meters, "turn");
    AtomicInteger n = new AtomicInteger();
    this.workers =
        new ThreadPoolExecutor(
            properties.maxInFlight(),
            properties.maxInFlight(),
            60,
            TimeUnit.SECONDS,
            new LinkedBlockingQueue<>(),
            r -> {
              Thread t = new Thread(r, "turn-" + n.incrementAndGet());
              t.setDaemon(true);
              return t;
            });
    workers.allowCoreThreadTimeOut(true);
  }

  /** What became of a submitted turn. */
  public enum Admission {
    /** Queued behind the conversation's earlier turns; {@code done} will run. */
    QUEUED,
    /**
     * The conversation already has {@code conversation-queue} turns queued or running: the turn is
     * not queued ({@code done} never runs), and this is the first one refused since the
     * conversation last had room: its sender is to be asked, once, to slow down.
     */
    FULL_FIRST,
    /** As {@link #FULL_FIRST}, and the sender was already asked to slow down. */
    FULL
  }

  /**
   * Queues {@code turn} behind the conversation's earlier turns, unless the conversation already
   * has {@code conversation-queue} turns queued or running (one sender's flood is bounded, and
   * slows only that conversation). {@code done} runs after a queued turn, with what it threw or
   * null, once the turn no longer counts in {@link #inFlight()}.
   */
  public Admission submit(String conversation, Runnable turn, Consumer<Throwable> done) {
    Admission[] admission = new Admission[1];
    conversations.compute(
        conversation,
        (key, queue) -> {
          Conversation c = queue == null ? new Conversation() : queue;
          if (c.turns >= perConversation) {
            admission[0] = c.toldToSlowDown ? Admission.FULL : Admission.FULL_FIRST;
            c.toldToSlowDown = true;
            return c;
          }
          c.turns++;
          inFlight.incrementAndGet();
          CompletableFuture<Void> previous =
              c.tail == null ? CompletableFuture.completedFuture(null) : c.tail;
          c.tail = previous.handleAsync((ignored, error) -> run(key, turn, done), this::execute);
          admission[0] = Admission.QUEUED;
          return c;
        });
    return admission[0];
  }

  /**
   * Runs {@code task} on a worker now, outside any conversation's order (the "slow down" reply to a
   * flooding conversation must not wait behind its queue). It counts in {@link #inFlight()}.
   */
  public void runAside(Runnable task, Consumer<Throwable> done) {
    inFlight.incrementAndGet();
    execute(() -> run(null, task, done));
  }

  /** Turns queued or running of one conversation (for tests and metrics). */
  public int queued(String conversation) {
    Conversation c = conversations.get(conversation);
    return c == null ? 0 : c.turns;
  }

  /** Runs a turn whose conversation's earlier turns are done, timing its wait for a worker. */
  private void execute(Runnable turn) {
    long ready = System.nanoTime();
    workers.execute(
        () -> {
          waited.record(System.nanoTime() - ready, TimeUnit.NANOSECONDS);
          turn.run();
        });
  }

  private Void run(String conversation, Runnable turn, Consumer<Throwable> done) {
    long started = System.nanoTime();
    Throwable failure = null;
    try {
      turn.run();
    } catch (RuntimeException | Error e) {
      failure = e;
    } finally {
      if (conversation != null) {
        conversations.computeIfPresent(conversation, (key, c) -> --c.turns == 0 ? null : c);
      }
      inFlight.decrementAndGet();
      ran.record(System.nanoTime() - started, TimeUnit.NANOSECONDS);
    }
    try {
      done.accept(failure);
    } catch (RuntimeException e) {
      log.error("Completing a turn failed", e);
    }
    return null;
  }

  /** Turns queued or running. */
  public int inFlight() {
    return inFlight.get();
  }

  /** One conversation's queue: its last turn, how many are queued or running, whether told. */
  private static final class Conversation {
    private CompletableFuture<Void> tail;
    private int turns;
    private boolean toldToSlowDown;
  }

  @Override
  public void destroy() throws InterruptedException {
    workers.shutdown();
    workers.awaitTermination(10, TimeUnit.SECONDS);
  }
}
