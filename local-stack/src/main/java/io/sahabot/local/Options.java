package io.sahabot.local;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * {@code --name value} and {@code --flag} options, each falling back to an environment variable.
 */
public final class Options {

  private final Map<String, String> values = new HashMap<>();
  private final Map<String, String> env;

  private Options(Map<String, String> env) {
    this.env = env;
  }

  public static Options parse(List<String> args, Set<String> flags, Map<String, String> env) {
    Options options = new Options(env);
    for (int i = 0; i < args.size(); i++) {
      String arg = args.get(i);
      if (!arg.startsWith("--")) {
        throw new IllegalArgumentException("unexpected argument '" + arg + "'");
      }
      String name = arg.substring(2);
      int eq = name.indexOf('=');
      if (eq >= 0) {
        options.values.put(name.substring(0, eq), name.substring(eq + 1));
      } else if (flags.contains(name)) {
        options.values.put(name, "true");
      } else if (i + 1 < args.size()) {
        options.values.put(name, args.get(++i));
      } else {
        throw new IllegalArgumentException("--" + name + " needs a value");
      }
    }
    return options;
  }

  public String get(String name, String envName, String fallback) {
    String value = values.get(name);
    if (value == null && envName != null) {
      value = env.get(envName);
    }
    return value == null || value.isBlank() ? fallback : value;
  }

  public int getInt(String name, String envName, int fallback) {
    String value = get(name, envName, Integer.toString(fallback));
    try {
      return Integer.parseInt(value);
    } catch (NumberFormatException e) {
      throw new IllegalArgumentException("--" + name + " must be a number, not '" + value + "'");
    }
  }

  public boolean flag(String name) {
    return Boolean.parseBoolean(values.getOrDefault(name, "false"));
  }
}
