package io.sahabot.tenant.enrichment;

import io.sahabot.tenant.provisioning.Provisioned;
import io.sahabot.tenant.provisioning.TenantCreated;
import io.sahabot.tenant.provisioning.TenantDirectory;
import java.time.Duration;
import java.util.function.Consumer;

/**
 * Provisions through {@link TenantDirectory}, blocking the stream thread for at most {@code
 * timeout}, retrying a failed attempt a few times with back-off. Blocking is acceptable here: it
 * happens once per new number (afterwards the tenant is in the topology's own table), and a failure
 * throws, so the task is restarted and the record reprocessed rather than lost. A tenant it created
 * is announced ({@link TenantCreated}): tenant-service's naming then asks its number's verified
 * name, off the stream thread.
 */
public class DirectoryProvisioner implements TenantProvisioner {

  private final TenantDirectory directory;
  private final Duration timeout;
  private final Consumer<TenantCreated> created;

  /**
   * @param created told of each tenant it created (the application's event: it is then named from
   *     its number's verified name, in the background)
   */
  public DirectoryProvisioner(
      TenantDirectory directory, Duration timeout, Consumer<TenantCreated> created) {
    this.directory = directory;
    this.timeout = timeout;
    this.created = created;
  }

  @Override
  public Provisioned getOrCreate(String phoneNumberId, String displayPhoneNumber) {
    Provisioned provisioned =
        directory.getOrCreate(phoneNumberId, displayPhoneNumber).block(timeout);
    if (provisioned == null) {
      throw new IllegalStateException("provisioning returned nothing for a number");
    }
    if (provisioned.created()) {
      // whoever listens must not hold the stream thread (the Graph API may be slow or away)
      created.accept(new TenantCreated(provisioned.tenant()));
    }
    return provisioned;
  }
}
