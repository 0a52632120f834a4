package io.sahabot.platform.security;

import java.io.IOException;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.springframework.beans.factory.config.BeanFactoryPostProcessor;
import org.springframework.beans.factory.config.ConfigurableListableBeanFactory;
import org.springframework.boot.context.properties.bind.Bindable;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.boot.env.YamlPropertySourceLoader;
import org.springframework.context.EnvironmentAware;
import org.springframework.core.env.ConfigurableEnvironment;
import org.springframework.core.env.EnumerablePropertySource;
import org.springframework.core.env.Environment;
import org.springframework.core.env.PropertySource;
import org.springframework.core.io.ClassPathResource;

/**
 * Refuses to start a service outside the local run ({@code local} or {@code test} profile) while a
 * secret is missing or still has its local value: every {@code sahabot.security.callers.*} entry,
 * {@code sahabot.security.token} when the service's {@code application-local.yml} gives it one, and
 * every property listed in {@code sahabot.security.secrets}. The local values are those of the
 * service's {@code application-local.yml} ({@code ${ENV_VAR:local value}}), so they are written
 * once; each problem is one line naming the environment variable and the property.
 */
public final class SecretsGuard implements BeanFactoryPostProcessor, EnvironmentAware {

  static final Set<String> LOCAL_PROFILES = Set.of("local", "test");
  private static final Pattern PLACEHOLDER =
      Pattern.compile("^\\$\\{([A-Za-z0-9_.\\-]+)(?::(.*))?}$");

  private Environment environment;

  @Override
  public void setEnvironment(Environment environment) {
    this.environment = environment;
  }

  @Override
  public void postProcessBeanFactory(ConfigurableListableBeanFactory beanFactory) {
    if (environment.matchesProfiles(LOCAL_PROFILES.toArray(String[]::new))) {
      return;
    }
    List<String> problems = problems(environment, localDefaults());
    if (!problems.isEmpty()) {
      throw new MissingSecretsException(problems);
    }
  }

  /** One line per secret that is missing or still local; empty when all are set. */
  static List<String> problems(Environment environment, PropertySource<?> local) {
    Set<String> secrets = new LinkedHashSet<>();
    Binder binder = Binder.get(environment);
    binder
        .bind("sahabot.security.callers", Bindable.mapOf(String.class, String.class))
        .ifBound(map -> map.keySet().forEach(k -> secrets.add("sahabot.security.callers." + k)));
    if (local != null && local.containsProperty("sahabot.security.token")) {
      secrets.add("sahabot.security.token");
    }
    binder
        .bind("sahabot.security.secrets", Bindable.listOf(String.class))
        .ifBound(list -> list.forEach(s -> secrets.add(s.trim())));
    List<String> problems = new ArrayList<>();
    for (String property : secrets) {
      String value = environment.getProperty(property);
      String setting = setting(environment, local, property);
      if (value == null || value.isBlank()) {
        problems.add(setting + " is not set (" + property + ")");
        continue;
      }
      String localValue = localValue(local, property);
      if (localValue != null
          && java.util.Arrays.stream(value.split(","))
              .anyMatch(one -> one.trim().equals(localValue))) {
        problems.add(setting + " still has its local value (" + property + ")");
      }
    }
    return problems;
  }

  /** The environment variable a property is read from, else the property's own name. */
  private static String setting(Environment environment, PropertySource<?> local, String property) {
    if (environment instanceof ConfigurableEnvironment configurable) {
      for (PropertySource<?> source : configurable.getPropertySources()) {
        String variable = variable(source.getProperty(property));
        if (variable != null) {
          return variable;
        }
      }
    }
    String variable = local == null ? null : variable(local.getProperty(property));
    return variable != null ? variable : property;
  }

  private static String variable(Object raw) {
    if (raw == null) {
      return null;
    }
    Matcher m = PLACEHOLDER.matcher(raw.toString().trim());
    return m.matches() && !m.group(1).contains(".") ? m.group(1) : null;
  }

  private static String localValue(PropertySource<?> local, String property) {
    Object raw = local == null ? null : local.getProperty(property);
    if (raw == null) {
      return null;
    }
    Matcher m = PLACEHOLDER.matcher(raw.toString().trim());
    if (m.matches()) {
      return m.group(2) == null ? null : m.group(2).trim();
    }
    return raw.toString().trim();
  }

  private static EnumerablePropertySource<?> localDefaults() {
    ClassPathResource resource = new ClassPathResource("application-local.yml");
    if (!resource.exists()) {
      return null;
    }
    try {
      List<PropertySource<?>> loaded =
          new YamlPropertySourceLoader().load("application-local.yml", resource);
      return loaded.isEmpty() ? null : (EnumerablePropertySource<?>) loaded.get(0);
    } catch (IOException e) {
      throw new IllegalStateException("application-local.yml cannot be read", e);
    }
  }

  /** The secrets a service may not start without, one line each. */
  public static final class MissingSecretsException extends IllegalStateException {

    private final List<String> problems;

    MissingSecretsException(List<String> problems) {
      super("Secrets missing outside the local profile: " + String.join("; ", problems));
      this.problems = List.copyOf(problems);
    }

    public List<String> problems() {
      return problems;
    }
  }
}
