package io.sahabot.agent.config;

import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;

/**
 * The timers of a turn's stages, {@code sahabot.agent.stage{stage=...}}, to see where a turn's time
 * goes: {@code wait} (for a worker, once the conversation's earlier turns are done), {@code turn}
 * (the whole turn), {@code claim.read} (whether the message's turn already ran), {@code
 * memory.read}, {@code memory.write} (the history with the turn's claim), {@code model} (one model
 * call, with the wait for a permit), {@code reply} (publishing the replies), {@code usage.flush}
 * (writing a batch of token usage rows).
 */
public final class Stages {

  private Stages() {}

  public static Timer timer(MeterRegistry meters, String stage) {
    return Timer.builder("sahabot.agent.stage")
        .description("Time spent in one stage of the agent's turns")
        .tag("stage", stage)
        .register(meters);
  }
}
