package io.sahabot.platform.security;

import org.springframework.boot.diagnostics.AbstractFailureAnalyzer;
import org.springframework.boot.diagnostics.FailureAnalysis;

/** Prints the secrets a service refused to start without, one line each, and no stack trace. */
public final class MissingSecretsFailureAnalyzer
    extends AbstractFailureAnalyzer<SecretsGuard.MissingSecretsException> {

  @Override
  protected FailureAnalysis analyze(Throwable root, SecretsGuard.MissingSecretsException cause) {
    return new FailureAnalysis(
        String.join("\n", cause.problems()),
        "Set each of these in the environment (README, \"Security model\"). The local defaults are"
            + " accepted only with the 'local' profile (SPRING_PROFILES_ACTIVE=local), as"
            + " ./sahabot run starts the services.",
        cause);
  }
}
