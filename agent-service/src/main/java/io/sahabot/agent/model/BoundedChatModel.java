package io.sahabot.agent.model;

import dev.langchain4j.model.chat.ChatModel;
import dev.langchain4j.model.chat.request.ChatRequest;
import dev.langchain4j.model.chat.response.ChatResponse;
import io.micrometer.core.instrument.Timer;
import java.time.Duration;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;

/**
 * At most {@code permits} calls to the model at once; optionally a fixed added latency, so that a
 * benchmark can measure the agent with a slow model and no network.
 */
final class BoundedChatModel implements ChatModel {

  private final ChatModel delegate;
  private final Semaphore permits;
  private final Duration latency;
  private final Timer calls;

  BoundedChatModel(ChatModel delegate, int permits, Duration latency, Timer calls) {
    this.delegate = delegate;
    this.permits = new Semaphore(permits);
    this.latency = latency;
    this.calls = calls;
  }

  @Override
  public ChatResponse doChat(ChatRequest request) {
    long start = System.nanoTime();
    permits.acquireUninterruptibly();
    try {
      if (!latency.isZero()) {
        Thread.sleep(latency.toMillis());
      }
      return delegate.chat(request);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted while calling the model", e);
    } finally {
      permits.release();
      calls.record(System.nanoTime() - start, TimeUnit.NANOSECONDS);
    }
  }
}
