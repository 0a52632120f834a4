package io.sahabot.platform.security;

/**
 * The callers of the deployment's HTTP routes. Each holds a credential of its own; a service
 * accepts the credentials named under {@code sahabot.security.callers.<name>} and grants each the
 * authority {@link #authority(String)}, so a route names exactly who may call it.
 */
public final class Callers {

  /** The operators of the deployment (env {@code SAHABOT_ADMIN_TOKEN}). */
  public static final String OPERATOR = "operator";

  /** ingress-service (env {@code SAHABOT_INGRESS_TOKEN}). */
  public static final String INGRESS = "ingress";

  /** tenant-service (env {@code SAHABOT_TENANT_SERVICE_TOKEN}). */
  public static final String TENANT_SERVICE = "tenant-service";

  /** agent-service (env {@code SAHABOT_AGENT_TOKEN}). */
  public static final String AGENT = "agent";

  private Callers() {}

  /** The authority a caller's credential grants: {@code caller:<name>}. */
  public static String authority(String caller) {
    return "caller:" + caller;
  }
}
