package io.sahabot.local;

import java.io.PrintStream;
import java.io.PrintWriter;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;
import java.lang.reflect.AnnotatedElement;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import picocli.CommandLine;
import picocli.CommandLine.Model.ArgSpec;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Model.OptionSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.ParseResult;
import picocli.CommandLine.UnmatchedArgumentException;

/**
 * The plumbing of {@code ./sahabot}'s commands, on picocli: each command is a picocli
 * {@code @Command} whose options may fall back to an environment variable ({@link Env}); bad
 * arguments (an unknown option, a missing value, a value of the wrong type) print the error, the
 * command's usage line and a pointer to its {@code --help}, with exit code 2; an {@link
 * IllegalArgumentException} thrown by a command (a value it refuses) prints {@code COMMAND:
 * message} with exit code 2; {@code -h}/{@code --help} prints the command's help with exit code 0.
 */
public final class Cli {

  /** What a bad argument exits with. */
  public static final int BAD_ARGUMENTS = 2;

  /**
   * The environment variable an option falls back to when it is not given; a blank one counts as
   * unset, and so does a blank value given on the command line (both mean the option's default).
   */
  @Retention(RetentionPolicy.RUNTIME)
  @Target(ElementType.FIELD)
  public @interface Env {
    String value();
  }

  /** {@code -h}, {@code --help}: mixed into every command. */
  public static final class Help {
    @Option(
        names = {"-h", "--help"},
        usageHelp = true,
        description = "show this help and exit")
    boolean help;
  }

  private Cli() {}

  /**
   * Runs one command as {@code ./sahabot NAME args…} would: the command's own {@code run(List,
   * Map)} entry points (and the tests) use it.
   */
  public static int run(
      Object command,
      List<String> args,
      Map<String, String> env,
      PrintStream out,
      PrintStream err) {
    CommandLine top = new CommandLine(CommandSpec.create().name("./sahabot"));
    top.addSubcommand(command);
    String name = top.getSubcommands().keySet().iterator().next();
    List<String> all = new ArrayList<>(args.size() + 1);
    all.add(name);
    all.addAll(args);
    return execute(top, all, env, out, err);
  }

  /**
   * Parses {@code args} against {@code top} (its subcommands added), options falling back to {@code
   * env}, and runs the command they name; returns its exit code.
   */
  public static int execute(
      CommandLine top,
      List<String> args,
      Map<String, String> env,
      PrintStream out,
      PrintStream err) {
    top.setOut(new PrintWriter(out, true, StandardCharsets.UTF_8));
    top.setErr(new PrintWriter(err, true, StandardCharsets.UTF_8));
    top.setColorScheme(CommandLine.Help.defaultColorScheme(CommandLine.Help.Ansi.OFF));
    top.setUsageHelpWidth(100);
    top.setExpandAtFiles(false); // "@…" is a text or a value, never a file of arguments
    top.setOverwrittenOptionsAllowed(true); // the last of a repeated option wins, as it always did
    top.setDefaultValueProvider(argument -> fromEnvironment(argument, env));
    top.setParameterExceptionHandler(Cli::badArguments);
    top.setExecutionExceptionHandler(
        (e, command, parseResult) -> {
          if (e instanceof IllegalArgumentException) {
            command.getErr().println(command.getCommandName() + ": " + e.getMessage());
            return BAD_ARGUMENTS;
          }
          throw e;
        });
    top.setExecutionStrategy(
        parseResult -> {
          blankMeansDefault(parseResult);
          return new CommandLine.RunLast().execute(parseResult);
        });
    return top.execute(args.toArray(String[]::new));
  }

  private static String fromEnvironment(ArgSpec argument, Map<String, String> env) {
    if (argument.userObject() instanceof AnnotatedElement element) {
      Env variable = element.getAnnotation(Env.class);
      if (variable != null) {
        String value = env.get(variable.value());
        if (value != null && !value.isBlank()) {
          return value;
        }
      }
    }
    return null;
  }

  /** {@code --name ""} means the option's default, as an unset environment variable does. */
  private static void blankMeansDefault(ParseResult parseResult) {
    for (ParseResult p = parseResult; p != null; p = p.subcommand()) {
      for (OptionSpec option : p.matchedOptions()) {
        if (option.getValue() instanceof String value && value.isBlank()) {
          String fallback = option.defaultValue();
          option.setValue(fallback);
        }
      }
    }
  }

  private static int badArguments(ParameterException e, String[] args) {
    CommandLine command = e.getCommandLine();
    PrintWriter err = command.getErr();
    boolean top = command.getParent() == null;
    if (top
        && e instanceof UnmatchedArgumentException unmatched
        && !unmatched.getUnmatched().isEmpty()
        && !unmatched.getUnmatched().get(0).startsWith("-")) {
      err.println("unknown command '" + unmatched.getUnmatched().get(0) + "'");
    } else {
      String prefix = top ? "" : command.getCommandName() + ": ";
      List<String> unmatched = command.getUnmatchedArguments();
      if (!(e instanceof UnmatchedArgumentException) && !unmatched.isEmpty()) {
        // picocli checks the required options first; an unknown option is the likelier mistake
        err.println(prefix + new UnmatchedArgumentException(command, unmatched).getMessage());
      }
      err.println(prefix + e.getMessage());
      UnmatchedArgumentException.printSuggestions(e, err);
    }
    err.print(command.getHelp().fullSynopsis());
    err.println(
        "Try '" + command.getCommandSpec().qualifiedName() + " --help' for more information.");
    return BAD_ARGUMENTS;
  }
}
