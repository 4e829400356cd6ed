package io.newsflow.enrich.kb;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Finds knowledge-base leaders in raw text without any statistical model, for low-latency alerting: one
 * Aho–Corasick pass over every name and alias. Full names (two or more words) always count. A one-word alias
 * ("Putin", "Zelensky") counts only when written with a capital letter and when it resolves to one person: either
 * the only leader with that alias, or the one whose full name the same text also mentions.
 *
 * <p>Immutable and thread-safe.
 */
public final class LeaderMatcher {

    /** A leader found at {@code [start, end)} of the text. */
    public record Hit(KbPerson person, int start, int end, String text) {
    }

    private final AliasMatcher<KbPerson> matcher;

    public LeaderMatcher(KnowledgeBase kb) {
        Map<String, List<KbPerson>> names = new LinkedHashMap<>();
        for (KbPerson p : kb.persons()) {
            if (!p.leader()) {
                continue;
            }
            names.computeIfAbsent(p.name(), k -> new ArrayList<>()).add(p);
            for (String alias : p.aliases()) {
                names.computeIfAbsent(alias, k -> new ArrayList<>()).add(p);
            }
        }
        this.matcher = new AliasMatcher<>(names);
    }

    /** Number of distinct names the automaton holds. */
    public int names() {
        return matcher.size();
    }

    /** Leaders mentioned in {@code text}, in text order; {@code date} (null = today) breaks ties by office. */
    public List<Hit> find(String text, LocalDate date) {
        List<AliasMatcher.Match<KbPerson>> matches = matcher.find(text);
        Set<KbPerson> named = new HashSet<>();
        for (AliasMatcher.Match<KbPerson> m : matches) {
            if (isFullName(m.name()) && m.values().size() == 1) {
                named.add(m.values().get(0));
            }
        }
        List<Hit> hits = new ArrayList<>();
        Map<String, KbPerson> resolved = new HashMap<>();
        for (AliasMatcher.Match<KbPerson> m : matches) {
            KbPerson person = resolve(m, named, date, resolved);
            if (person != null) {
                hits.add(new Hit(person, m.start(), m.end(), m.name()));
            }
        }
        return hits;
    }

    private static KbPerson resolve(AliasMatcher.Match<KbPerson> m, Set<KbPerson> named, LocalDate date,
                                    Map<String, KbPerson> resolved) {
        if (isFullName(m.name())) {
            return m.values().size() == 1 ? m.values().get(0) : inOffice(m.values(), date);
        }
        if (!Character.isUpperCase(m.name().charAt(0))) {
            return null;
        }
        String key = Names.fold(m.name());
        if (resolved.containsKey(key)) {
            return resolved.get(key);
        }
        List<KbPerson> mentioned = m.values().stream().filter(named::contains).toList();
        KbPerson person = mentioned.size() == 1 ? mentioned.get(0)
                : m.values().size() == 1 ? m.values().get(0) : null;
        resolved.put(key, person);
        return person;
    }

    private static KbPerson inOffice(List<KbPerson> candidates, LocalDate date) {
        List<KbPerson> serving = candidates.stream().filter(p -> p.officeOn(date).isPresent()).toList();
        return serving.size() == 1 ? serving.get(0) : null;
    }

    private static boolean isFullName(String name) {
        return name.strip().indexOf(' ') > 0;
    }
}
