package io.newsflow.alert;

import io.newsflow.enrich.kb.KbPerson;
import io.newsflow.enrich.kb.KnowledgeBase;
import io.newsflow.enrich.kb.LeaderMatcher;
import io.newsflow.schema.EnrichedArticle;
import io.newsflow.schema.Entity;
import io.newsflow.schema.EvidenceField;
import io.newsflow.schema.Mention;
import io.newsflow.schema.Quote;
import io.newsflow.schema.RuleType;
import io.newsflow.schema.StanceTag;
import io.newsflow.schema.TargetType;
import io.newsflow.schema.TextField;
import java.time.Duration;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Collectors;

/**
 * Decides which rules fire. The fast tier reads raw (normalised) text with the knowledge-base matcher; the full
 * tier reads the enriched article; SPIKE rules read windowed mention counts. At most one candidate per rule and
 * leader per article. Immutable and thread-safe.
 */
public final class AlertEvaluator {

    private static final String SEPARATOR = "\n\n";

    private final KnowledgeBase kb;
    private final LeaderMatcher matcher;

    public AlertEvaluator(KnowledgeBase kb) {
        this.kb = kb;
        this.matcher = new LeaderMatcher(kb);
    }

    /** FAST-tier MENTION rules on a headline and body (offsets refer to these strings) of an original article. */
    public List<AlertCandidate> fast(Watchlist watchlist, String articleId, String title, String body,
                                     LocalDate date) {
        return fast(watchlist, articleId, title, body, date, false);
    }

    /**
     * FAST-tier MENTION rules on a headline and body (offsets refer to these strings); a near-copy of an earlier
     * article ({@code copy}) fires only rules with {@code includeCopies}.
     */
    public List<AlertCandidate> fast(Watchlist watchlist, String articleId, String title, String body,
                                     LocalDate date, boolean copy) {
        List<Rule> rules = watchlist.rules(io.newsflow.schema.AlertTier.FAST).stream()
                .filter(rule -> !copy || rule.includeCopies())
                .toList();
        if (rules.isEmpty()) {
            return List.of();
        }
        String head = title == null ? "" : title;
        String text = head + SEPARATOR + body;
        int bodyStart = head.length() + SEPARATOR.length();
        Map<String, LeaderMatcher.Hit> firstInTitle = new LinkedHashMap<>();
        Map<String, LeaderMatcher.Hit> first = new LinkedHashMap<>();
        for (LeaderMatcher.Hit hit : matcher.find(text, date)) {
            String id = hit.person().id();
            first.putIfAbsent(id, hit);
            if (hit.end() <= head.length()) {
                firstInTitle.putIfAbsent(id, hit);
            }
        }
        List<AlertCandidate> out = new ArrayList<>();
        for (Rule rule : rules) {
            Map<String, LeaderMatcher.Hit> hits = rule.inHeadline() ? firstInTitle : first;
            for (LeaderMatcher.Hit hit : hits.values()) {
                KbPerson p = hit.person();
                if (!rule.leaders().contains(p.id())) {
                    continue;
                }
                boolean inTitle = hit.end() <= head.length();
                int offset = inTitle ? 0 : bodyStart;
                out.add(new AlertCandidate(rule, p.id(), p.name(), role(p, date), articleId, hit.text(),
                        inTitle ? EvidenceField.TITLE : EvidenceField.BODY, hit.start() - offset, hit.end() - offset,
                        Map.of("matcher", "knowledge-base aliases")));
            }
        }
        return out;
    }

    /**
     * FULL-tier rules (MENTION with salience, QUOTED, STANCE, CO_MENTION) on an enriched article; a near-copy
     * ({@code duplicateOf} set) fires only rules with {@code includeCopies}.
     */
    public List<AlertCandidate> full(Watchlist watchlist, EnrichedArticle article) {
        List<AlertCandidate> out = new ArrayList<>();
        Map<String, Entity> byId = new LinkedHashMap<>();
        article.getEntities().forEach(e -> byId.putIfAbsent(e.getId(), e));
        boolean copy = article.getDuplicateOf() != null;
        for (Rule rule : watchlist.rules(io.newsflow.schema.AlertTier.FULL)) {
            if (copy && !rule.includeCopies()) {
                continue;
            }
            switch (rule.type()) {
                case MENTION -> salient(rule, article, out);
                case QUOTED -> quoted(rule, article, byId, out);
                case STANCE -> stance(rule, article, byId, out);
                case CO_MENTION -> coMention(rule, article, out);
                case SPIKE -> {
                    // decided on mention counts, not per article
                }
            }
        }
        return out;
    }

    /**
     * A SPIKE candidate when {@code recent} mentions in the rule's window reach {@code minCount} and
     * {@code factor} times the rate of the {@code baselineCount} mentions in the baseline window before it.
     * {@code windowStart} identifies the alert: at most one per rule, leader and window period.
     */
    public static Optional<AlertCandidate> spike(Rule rule, String leaderId, String leaderName, String leaderRole,
                                                 long recent, long baselineCount, long windowIndex,
                                                 String evidence, EvidenceField field, int start, int end) {
        if (rule.type() != RuleType.SPIKE || !rule.leaders().contains(leaderId) || recent < rule.minCount()) {
            return Optional.empty();
        }
        double expected = baselineCount * ((double) rule.window().toMillis() / rule.baseline().minus(rule.window())
                .toMillis());
        if (recent < rule.factor() * expected) {
            return Optional.empty();
        }
        Map<String, String> details = new LinkedHashMap<>();
        details.put("recentCount", Long.toString(recent));
        details.put("baselineCount", Long.toString(baselineCount));
        details.put("expectedCount", String.format(Locale.ROOT, "%.2f", expected));
        details.put("window", rule.window().toString());
        details.put("baseline", rule.baseline().toString());
        return Optional.of(new AlertCandidate(rule, leaderId, leaderName, leaderRole,
                "window:" + windowIndex, evidence, field, start, end, details));
    }

    /** Length of the baseline window that precedes the recent one. */
    public static Duration baselineBefore(Rule rule) {
        return rule.baseline().minus(rule.window());
    }

    private void salient(Rule rule, EnrichedArticle article, List<AlertCandidate> out) {
        for (Entity e : article.getEntities()) {
            if (e.getSalience() < rule.minSalience() || !rule.leaders().contains(e.getId())) {
                continue;
            }
            Optional<Mention> m = firstMention(e, rule.inHeadline());
            m.ifPresent(mention -> out.add(candidate(rule, e, article.getId(), mention,
                    Map.of("salience", String.format(Locale.ROOT, "%.2f", e.getSalience()),
                            "mentions", Integer.toString(e.getMentions().size())))));
        }
    }

    private void quoted(Rule rule, EnrichedArticle article, Map<String, Entity> byId, List<AlertCandidate> out) {
        Map<String, Quote> first = new LinkedHashMap<>();
        for (Quote q : article.getQuotes()) {
            if (rule.leaders().contains(q.getSpeakerEntityId())) {
                first.putIfAbsent(q.getSpeakerEntityId(), q);
            }
        }
        first.forEach((id, q) -> {
            Entity e = byId.get(id);
            Map<String, String> details = new LinkedHashMap<>();
            if (q.getCue() != null) {
                details.put("cue", q.getCue());
            }
            details.put("quotes", Long.toString(article.getQuotes().stream()
                    .filter(x -> id.equals(x.getSpeakerEntityId())).count()));
            out.add(new AlertCandidate(rule, id, e != null ? e.getName() : q.getSpeakerName(),
                    e != null ? e.getRole() : null, article.getId(), q.getText(), field(q.getField()),
                    q.getStart(), q.getEnd(), details));
        });
    }

    private void stance(Rule rule, EnrichedArticle article, Map<String, Entity> byId, List<AlertCandidate> out) {
        Map<String, StanceTag> first = new LinkedHashMap<>();
        for (StanceTag s : article.getStances()) {
            if (rule.polarity() != null && s.getPolarity() != rule.polarity()) {
                continue;
            }
            if (!rule.acceptsTarget(s.getTarget(), s.getTargetName())) {
                continue;
            }
            if (rule.role() != RuleSpec.StanceRole.TARGET && rule.leaders().contains(s.getHolder())) {
                first.putIfAbsent(s.getHolder(), s);
            }
            if (rule.role() != RuleSpec.StanceRole.HOLDER && s.getTargetType() == TargetType.ENTITY
                    && rule.leaders().contains(s.getTarget())) {
                first.putIfAbsent(s.getTarget(), s);
            }
        }
        first.forEach((id, s) -> {
            Entity e = byId.get(id);
            Map<String, String> details = new LinkedHashMap<>();
            details.put("holder", s.getHolderName());
            details.put("polarity", s.getPolarity().name());
            details.put("target", s.getTargetName());
            details.put("targetType", s.getTargetType().name());
            details.put("confidence", String.format(Locale.ROOT, "%.2f", s.getConfidence()));
            if (s.getCue() != null) {
                details.put("cue", s.getCue());
            }
            String name = e != null ? e.getName() : id.equals(s.getHolder()) ? s.getHolderName() : s.getTargetName();
            out.add(new AlertCandidate(rule, id, name, e != null ? e.getRole() : null, article.getId(),
                    s.getEvidence(), field(s.getEvidenceField()), s.getEvidenceStart(), s.getEvidenceEnd(), details));
        });
    }

    private void coMention(Rule rule, EnrichedArticle article, List<AlertCandidate> out) {
        List<Entity> leaders = article.getEntities().stream().filter(e -> rule.leaders().contains(e.getId())).toList();
        List<Entity> others = article.getEntities().stream().filter(e -> rule.with().contains(e.getId())).toList();
        for (Entity leader : leaders) {
            List<Entity> with = others.stream().filter(o -> !o.getId().equals(leader.getId())).toList();
            if (with.isEmpty()) {
                continue;
            }
            Optional<Mention> m = firstMention(leader, false);
            m.ifPresent(mention -> out.add(candidate(rule, leader, article.getId(), mention, Map.of(
                    "with", with.stream().map(Entity::getName).collect(Collectors.joining(", ")),
                    "withIds", with.stream().map(Entity::getId).collect(Collectors.joining(","))))));
        }
    }

    private static AlertCandidate candidate(Rule rule, Entity e, String articleId, Mention m,
                                            Map<String, String> details) {
        return new AlertCandidate(rule, e.getId(), e.getName(), e.getRole(), articleId, m.getText(),
                field(m.getField()), m.getStart(), m.getEnd(), details);
    }

    private static Optional<Mention> firstMention(Entity e, boolean titleOnly) {
        Optional<Mention> title = e.getMentions().stream().filter(m -> m.getField() == TextField.TITLE).findFirst();
        return titleOnly || title.isPresent() ? title : e.getMentions().stream().findFirst();
    }

    private static EvidenceField field(TextField f) {
        return f == TextField.TITLE ? EvidenceField.TITLE : EvidenceField.BODY;
    }

    private String role(KbPerson p, LocalDate date) {
        return p.officeOn(date).map(kb::describe).orElse(null);
    }
}
