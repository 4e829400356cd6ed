package io.newsflow.alert;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;
import io.newsflow.enrich.kb.KbPerson;
import io.newsflow.enrich.kb.KnowledgeBase;
import io.newsflow.enrich.kb.Names;
import io.newsflow.schema.AlertTier;
import io.newsflow.schema.RuleType;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * The alerting rules in force: rules with their leader selectors resolved against the knowledge base. Loaded from
 * a YAML or JSON file (see {@code config/watchlist.example.yaml}); the default is the bundled
 * {@code /alert/default-watchlist.yaml}, which watches every leader in the knowledge base. Invalid files fail with
 * a message naming the rule and field. Immutable and thread-safe.
 *
 * <p>Leader selectors: a Wikidata QID ({@code Q7747}); a name or alias the knowledge base knows
 * ({@code "Sergey Lavrov"}); {@code country:XX} (everyone currently holding an office of that ISO country or
 * organisation key); {@code group:NAME} (a group defined in the file); {@code *} (every leader).
 *
 * @param rules the rules, in file order
 * @param source where the rules came from, for logs and the API
 */
public record Watchlist(List<Rule> rules, String source) {

    static final String DEFAULT_RESOURCE = "/alert/default-watchlist.yaml";
    static final Duration DEFAULT_WINDOW = Duration.ofHours(1);
    static final Duration DEFAULT_BASELINE = Duration.ofHours(12);
    static final double DEFAULT_FACTOR = 3.0;
    static final int DEFAULT_MIN_COUNT = 5;

    private static final ObjectMapper YAML = configure(new ObjectMapper(new YAMLFactory()));
    private static final ObjectMapper JSON = configure(JsonMapper.builder().build());

    public Watchlist {
        rules = List.copyOf(rules);
        Set<String> names = new HashSet<>();
        for (Rule r : rules) {
            if (!names.add(r.name())) {
                throw new IllegalArgumentException("duplicate rule name '" + r.name() + "' in " + source);
            }
        }
    }

    /** The file as it is written. */
    public record File(List<String> leaders, Map<String, List<String>> groups, List<RuleSpec> rules) {
    }

    /** The bundled default: every knowledge-base leader, one rule of each type. */
    public static Watchlist defaults(KnowledgeBase kb) {
        try (InputStream in = Watchlist.class.getResourceAsStream(DEFAULT_RESOURCE)) {
            if (in == null) {
                throw new IllegalStateException(DEFAULT_RESOURCE + " missing from the classpath");
            }
            return parse(new String(in.readAllBytes(), StandardCharsets.UTF_8), true, kb, "bundled default");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Loads a YAML ({@code .yaml}/{@code .yml}) or JSON file. */
    public static Watchlist load(Path file, KnowledgeBase kb) {
        String name = file.getFileName().toString().toLowerCase(Locale.ROOT);
        try {
            return parse(Files.readString(file), !name.endsWith(".json"), kb, file.toString());
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read watchlist " + file, e);
        }
    }

    /** Parses and resolves a watchlist text. */
    public static Watchlist parse(String text, boolean yaml, KnowledgeBase kb, String source) {
        File file;
        try {
            file = (yaml ? YAML : JSON).readValue(text, File.class);
        } catch (IOException e) {
            throw new IllegalArgumentException("invalid watchlist " + source + ": " + e.getMessage(), e);
        }
        if (file == null || file.rules() == null || file.rules().isEmpty()) {
            throw new IllegalArgumentException("watchlist " + source + " has no rules");
        }
        Resolver resolver = new Resolver(kb, file.groups() == null ? Map.of() : file.groups(), source);
        List<String> defaults = file.leaders() == null || file.leaders().isEmpty() ? List.of("*") : file.leaders();
        List<Rule> rules = new ArrayList<>();
        for (RuleSpec spec : file.rules()) {
            rules.add(resolve(spec, defaults, resolver, source));
        }
        return new Watchlist(rules, source);
    }

    /** Rules evaluated by {@code tier}. */
    public List<Rule> rules(AlertTier tier) {
        return rules.stream().filter(r -> r.tier() == tier).toList();
    }

    /** Rules of {@code type}. */
    public List<Rule> rules(RuleType type) {
        return rules.stream().filter(r -> r.type() == type).toList();
    }

    private static Rule resolve(RuleSpec spec, List<String> defaults, Resolver resolver, String source) {
        if (spec.name() == null || spec.name().isBlank()) {
            throw new IllegalArgumentException("a rule in " + source + " has no name");
        }
        String where = "rule '" + spec.name() + "' in " + source;
        if (spec.type() == null) {
            throw new IllegalArgumentException(where + " has no type (MENTION, QUOTED, STANCE, SPIKE, CO_MENTION)");
        }
        List<String> selectors = spec.leaders() == null || spec.leaders().isEmpty() ? defaults : spec.leaders();
        LeaderSet leaders = resolver.resolve(selectors, where);
        LeaderSet with = spec.with() == null || spec.with().isEmpty() ? leaders : resolver.resolve(spec.with(), where);
        double minSalience = spec.minSalience() == null ? -1 : spec.minSalience();
        if (spec.minSalience() != null && (minSalience < 0 || minSalience > 1)) {
            throw new IllegalArgumentException(where + ": minSalience must be in [0, 1]");
        }
        Duration window = spec.window() == null ? DEFAULT_WINDOW : spec.window();
        Duration baseline = spec.baseline() == null ? DEFAULT_BASELINE : spec.baseline();
        double factor = spec.factor() == null ? DEFAULT_FACTOR : spec.factor();
        int minCount = spec.minCount() == null ? DEFAULT_MIN_COUNT : spec.minCount();
        if (window.isNegative() || window.isZero() || baseline.compareTo(window) <= 0 || factor <= 0 || minCount < 1) {
            throw new IllegalArgumentException(where + ": SPIKE needs window > 0, baseline > window, factor > 0 and "
                    + "minCount >= 1");
        }
        if (Boolean.TRUE.equals(spec.includeCopies()) && spec.type() == RuleType.SPIKE) {
            throw new IllegalArgumentException(where + ": includeCopies does not apply to SPIKE rules (mention counts "
                    + "never count near-copies)");
        }
        Set<String> targets = new LinkedHashSet<>();
        if (spec.targets() != null) {
            spec.targets().forEach(t -> targets.add(t.strip().toLowerCase(Locale.ROOT)));
        }
        return new Rule(spec.name(), spec.type(), leaders, Boolean.TRUE.equals(spec.inHeadline()), minSalience,
                spec.polarity(), spec.role() == null ? RuleSpec.StanceRole.ANY : spec.role(), targets, window,
                baseline, factor, minCount, with, Boolean.TRUE.equals(spec.includeCopies()));
    }

    private static ObjectMapper configure(ObjectMapper mapper) {
        return mapper.registerModule(new JavaTimeModule())
                .enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES);
    }

    /** Resolves selectors to leader ids. */
    private static final class Resolver {
        private final KnowledgeBase kb;
        private final Map<String, List<String>> groups;
        private final String source;
        private final Set<String> allLeaders = new LinkedHashSet<>();
        private final Map<String, Set<String>> byName = new LinkedHashMap<>();

        Resolver(KnowledgeBase kb, Map<String, List<String>> groups, String source) {
            this.kb = kb;
            this.groups = groups;
            this.source = source;
            for (KbPerson p : kb.persons()) {
                if (!p.leader()) {
                    continue;
                }
                allLeaders.add(p.id());
                byName.computeIfAbsent(Names.fold(p.name()), k -> new LinkedHashSet<>()).add(p.id());
                for (String alias : p.aliases()) {
                    byName.computeIfAbsent(Names.fold(alias), k -> new LinkedHashSet<>()).add(p.id());
                }
            }
        }

        LeaderSet resolve(List<String> selectors, String where) {
            Set<String> ids = new LinkedHashSet<>();
            for (String selector : selectors) {
                ids.addAll(resolve(selector.strip(), where, new HashSet<>()));
            }
            return new LeaderSet(ids, String.join(",", selectors));
        }

        private Set<String> resolve(String selector, String where, Set<String> visiting) {
            if (selector.equals("*")) {
                return allLeaders;
            }
            if (selector.startsWith("group:")) {
                String group = selector.substring("group:".length());
                List<String> members = groups.get(group);
                if (members == null) {
                    throw new IllegalArgumentException(where + ": unknown group '" + group + "'");
                }
                if (!visiting.add(group)) {
                    throw new IllegalArgumentException(where + ": group '" + group + "' includes itself");
                }
                Set<String> ids = new LinkedHashSet<>();
                members.forEach(m -> ids.addAll(resolve(m.strip(), where, visiting)));
                visiting.remove(group);
                return ids;
            }
            if (selector.startsWith("country:")) {
                String code = selector.substring("country:".length()).toUpperCase(Locale.ROOT);
                Set<String> ids = new LinkedHashSet<>();
                for (KbPerson p : kb.persons()) {
                    if (p.leader() && p.offices().stream().anyMatch(o -> o.end() == null
                            && o.jurisdiction().equalsIgnoreCase(code))) {
                        ids.add(p.id());
                    }
                }
                if (ids.isEmpty()) {
                    throw new IllegalArgumentException(where + ": no current office-holder for '" + selector + "'");
                }
                return ids;
            }
            if (selector.matches("Q[0-9]+") || selector.startsWith("kb:")) {
                if (kb.person(selector).isEmpty()) {
                    throw new IllegalArgumentException(where + ": " + selector + " is not in the knowledge base "
                            + "(data date " + kb.dataDate() + ")");
                }
                return Set.of(selector);
            }
            Set<String> named = byName.get(Names.fold(selector));
            if (named == null || named.isEmpty()) {
                throw new IllegalArgumentException(where + ": no leader named '" + selector + "' in " + source
                        + "'s knowledge base; use a QID");
            }
            if (named.size() > 1) {
                throw new IllegalArgumentException(where + ": '" + selector + "' names several leaders " + named
                        + "; use a QID");
            }
            return named;
        }
    }
}
