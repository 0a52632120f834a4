package io.sahabot.testsupport;

import org.springframework.context.ApplicationContextInitializer;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.core.env.MapPropertySource;

/**
 * Points a Spring context at the shared fixture, connected to the database as the role its service
 * ({@code spring.application.name}) connects as. The properties are the same for every context of a
 * service in a run, so Spring's context cache reuses contexts across test classes.
 */
public class SahaBotInfrastructureInitializer
    implements ApplicationContextInitializer<ConfigurableApplicationContext> {

  @Override
  public void initialize(ConfigurableApplicationContext context) {
    var environment = context.getEnvironment();
    String service = environment.getProperty("spring.application.name");
    environment
        .getPropertySources()
        .addFirst(
            new MapPropertySource(
                "sahabotTestInfrastructure",
                SahaBotInfrastructure.get().springProperties(service)));
  }
}
