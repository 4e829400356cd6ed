package io.newsflow.cli;

import java.util.Locale;
import java.util.Map;
import picocli.CommandLine;
import picocli.CommandLine.Model.ArgSpec;
import picocli.CommandLine.Model.OptionSpec;

/**
 * Supplies option defaults from {@code NEWSFLOW_*} environment variables: option {@code --bootstrap-servers} reads
 * {@code NEWSFLOW_BOOTSTRAP_SERVERS}. A flag on the command line wins over the variable, the variable over the
 * built-in default. Immutable.
 */
final class EnvironmentDefaults implements CommandLine.IDefaultValueProvider {

    static final String PREFIX = "NEWSFLOW_";

    private final Map<String, String> environment;

    EnvironmentDefaults(Map<String, String> environment) {
        this.environment = Map.copyOf(environment);
    }

    /** The variable that sets {@code option}, e.g. {@code NEWSFLOW_BOOTSTRAP_SERVERS}. */
    static String variableFor(OptionSpec option) {
        String longest = option.longestName().replaceFirst("^-+", "");
        return PREFIX + longest.toUpperCase(Locale.ROOT).replace('-', '_');
    }

    @Override
    public String defaultValue(ArgSpec argSpec) {
        if (argSpec instanceof OptionSpec option) {
            String value = environment.get(variableFor(option));
            if (value != null) {
                return value;
            }
        }
        return argSpec.defaultValue();
    }
}
