package io.sahabot.testsupport;

import static org.assertj.core.api.Assertions.assertThat;

import io.sahabot.schemas.topics.KafkaAccess;
import io.sahabot.schemas.topics.Topic;
import java.lang.reflect.Method;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.springframework.beans.factory.config.BeanDefinition;
import org.springframework.context.annotation.ClassPathScanningCandidateComponentProvider;
import org.springframework.kafka.annotation.KafkaListener;
import org.springframework.util.ClassUtils;

/**
 * The {@code @KafkaListener}s of a service, read from its classes, and checked against its entry of
 * the Kafka access catalogue: the ACLs of its principal come from that entry, so a listener on a
 * topic or in a group the entry does not name would be refused by a closed broker.
 */
public final class KafkaListeners {

  private static final Pattern PLACEHOLDER = Pattern.compile("\\$\\{([^:}]+)(?::([^}]*))?}");

  /**
   * One listener: where it is, its topics, and its consumer group as the service runs it by default
   * (placeholders resolved to their defaults).
   *
   * @param group the exact group, or null when it has a per-instance part
   * @param groupPrefix what comes before {@code ${random.uuid}} in a per-instance group, else null
   */
  public record Listener(String where, List<String> topics, String group, String groupPrefix) {}

  private KafkaListeners() {}

  /** Every {@code @KafkaListener} method of the classes under {@code basePackage}. */
  public static List<Listener> under(String basePackage) {
    var scanner =
        new ClassPathScanningCandidateComponentProvider(false) {
          @Override
          protected boolean isCandidateComponent(
              org.springframework.beans.factory.annotation.AnnotatedBeanDefinition definition) {
            return true;
          }
        };
    scanner.addIncludeFilter(
        (reader, factory) ->
            reader.getAnnotationMetadata().hasAnnotatedMethods(KafkaListener.class.getName()));
    List<Listener> listeners = new ArrayList<>();
    for (BeanDefinition definition : scanner.findCandidateComponents(basePackage)) {
      Class<?> type =
          ClassUtils.resolveClassName(
              definition.getBeanClassName(), KafkaListeners.class.getClassLoader());
      for (Method method : type.getDeclaredMethods()) {
        KafkaListener annotation = method.getAnnotation(KafkaListener.class);
        if (annotation != null) {
          listeners.add(listener(type.getSimpleName() + "." + method.getName(), annotation));
        }
      }
    }
    return listeners;
  }

  /**
   * The service's listeners read only topics its entry reads, each in a group (or a per-instance
   * group's prefix) the entry names, and every group and prefix the entry names is some listener's.
   */
  public static void assertMatch(KafkaAccess access, String basePackage) {
    List<Listener> listeners = under(basePackage);
    List<String> reads = access.reads().stream().map(Topic::name).toList();
    assertThat(listeners).as("@KafkaListener methods under " + basePackage).isNotEmpty();
    for (Listener listener : listeners) {
      assertThat(listener.topics()).as(listener.where() + " topics").isNotEmpty();
      assertThat(reads).as(listener.where() + " topics").containsAll(listener.topics());
      if (listener.group() != null) {
        assertThat(access.groups()).as(listener.where() + " group").contains(listener.group());
      } else {
        assertThat(access.groupPrefixes())
            .as(listener.where() + " per-instance group")
            .contains(listener.groupPrefix());
      }
    }
    assertThat(listeners.stream().map(Listener::group).filter(g -> g != null).toList())
        .as("groups of " + access.service() + "'s listeners")
        .containsAll(access.groups());
    assertThat(listeners.stream().map(Listener::groupPrefix).filter(g -> g != null).toList())
        .as("per-instance groups of " + access.service() + "'s listeners")
        .containsAll(access.groupPrefixes());
  }

  private static Listener listener(String where, KafkaListener annotation) {
    assertThat(annotation.topicPattern()).as(where + " topicPattern").isEmpty();
    assertThat(annotation.topicPartitions()).as(where + " topicPartitions").isEmpty();
    List<String> topics = Arrays.stream(annotation.topics()).map(KafkaListeners::resolve).toList();
    String group = annotation.groupId();
    if (group.isEmpty() && annotation.idIsGroup() && !annotation.id().isEmpty()) {
      // spring-kafka's rule: with no groupId, the listener's id is its group
      group = annotation.id();
    }
    assertThat(group).as(where + " group (a listener with neither groupId nor id)").isNotEmpty();
    int random = group.indexOf("${random.");
    if (random >= 0) {
      return new Listener(where, topics, null, resolve(group.substring(0, random)));
    }
    return new Listener(where, topics, resolve(group), null);
  }

  /** {@code ${name:default}} becomes its default; a placeholder without a default fails. */
  private static String resolve(String value) {
    Matcher m = PLACEHOLDER.matcher(value);
    StringBuilder resolved = new StringBuilder();
    while (m.find()) {
      assertThat(m.group(2)).as("default of ${" + m.group(1) + "}").isNotNull();
      m.appendReplacement(resolved, Matcher.quoteReplacement(m.group(2)));
    }
    m.appendTail(resolved);
    return resolved.toString();
  }
}
