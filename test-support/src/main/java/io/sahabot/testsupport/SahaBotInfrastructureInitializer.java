package io.sahabot.testsupport;

import org.springframework.context.ApplicationContextInitializer;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.core.env.MapPropertySource;

/**
 * Points a Spring context at the shared fixture. The properties are the same for every context of a
 * run, so Spring's context cache reuses contexts across test classes.
 */
public class SahaBotInfrastructureInitializer
    implements ApplicationContextInitializer<ConfigurableApplicationContext> {

  @Override
  public void initialize(ConfigurableApplicationContext context) {
    context
        .getEnvironment()
        .getPropertySources()
        .addFirst(
            new MapPropertySource(
                "sahabotTestInfrastructure", SahaBotInfrastructure.get().springProperties()));
  }
}
