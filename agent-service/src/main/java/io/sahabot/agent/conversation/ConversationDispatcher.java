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
 */
@Component
public class ConversationDispatcher implements DisposableBean {

  private static final Logger log = LoggerFactory.getLogger(ConversationDispatcher.class);

  private final Map<String, CompletableFuture<Void>> tails = new ConcurrentHashMap<>();
  private final ThreadPoolExecutor workers;
  private final AtomicInteger inFlight = new AtomicInteger();
  private final Timer waited;
  private final Timer ran;

  public ConversationDispatcher(AgentProperties properties, MeterRegistry meters) {
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

  /**
   * Queues {@code turn} behind the conversation's earlier turns. {@code done} runs after it, with
   * what it threw or null, once the turn no longer counts in {@link #inFlight()}.
   */
  public void submit(String conversation, Runnable turn, Consumer<Throwable> done) {
    inFlight.incrementAndGet();
    tails.compute(
        conversation,
        (key, tail) -> {
          CompletableFuture<Void> previous =
              tail == null ? CompletableFuture.completedFuture(null) : tail;
          CompletableFuture<Void> next =
              previous.handleAsync((ignored, error) -> run(turn, done), this::execute);
          next.whenComplete((ignored, error) -> tails.remove(key, next));
          return next;
        });
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

  private Void run(Runnable turn, Consumer<Throwable> done) {
    long started = System.nanoTime();
    Throwable failure = null;
    try {
      turn.run();
    } catch (RuntimeException | Error e) {
      failure = e;
    } finally {
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

  @Override
  public void destroy() throws InterruptedException {
    workers.shutdown();
    workers.awaitTermination(10, TimeUnit.SECONDS);
  }
}
