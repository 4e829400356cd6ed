package io.newsflow.enrich.entity;

import io.newsflow.enrich.Document;
import io.newsflow.enrich.Document.EntityType;
import io.newsflow.enrich.Document.Field;
import io.newsflow.enrich.Document.MentionKind;
import io.newsflow.enrich.kb.AliasMatcher;
import io.newsflow.enrich.kb.KbCity;
import io.newsflow.enrich.kb.KbCountry;
import io.newsflow.enrich.kb.KbEntry;
import io.newsflow.enrich.kb.KbOrganization;
import io.newsflow.enrich.kb.KbPerson;
import io.newsflow.enrich.kb.KnowledgeBase;
import io.newsflow.enrich.kb.Names;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * Finds name mentions: knowledge-base gazetteer matches merged with the recogniser's spans (a longer recognised name
 * wins over a known name inside it when it is a fuller person name, a person name that a place only starts, or a
 * longer place or body name around a known one), spans repaired at their edges (punctuation, name particles, a first
 * name after a title, a place head), and person mentions given the honorific before them and the role around them.
 * Thread-safe: immutable after construction.
 */
final class CandidateFinder {

    static final String GAZETTEER = "gazetteer";
    static final String RECOGNISER = "crf";
    static final String RECOGNISER_OVER_GAZETTEER = "crf-longer-than-gazetteer";
    /** A recognised person name that continues a known multiword person name ("Samia Suluhu Hassan"). */
    static final String EXTENDS_KNOWN_NAME = "crf-extends-known-name";
    /** A known person's name followed by a generational suffix ("Donald Trump Jr."): someone else. */
    static final String SUFFIXED_NAME = "crf-suffixed-known-name";
    /** A country's body ("Labour Party") qualified by another country: not the known body. */
    static final String FOREIGN_BODY = "gazetteer-foreign-body";
    /** A place or body name right after a courtesy honorific ("Ms Lima", "Mr Jordan"): a surname. */
    static final String COURTESY_SURNAME = "courtesy-surname";
    /** A recognised person name that ends in a known place or body name ("Leila de Lima"): the person. */
    static final String PLACE_ENDS_NAME = "crf-person-ending-in-known-name";

    private static final Pattern POSSESSIVE = Pattern.compile("(?:['’]s|['’])$");
    /** A word that makes a longer place name ("Latin" America), unlike an abbreviation ("Washington DC"). */
    private static final Pattern LONGER_NAME_WORD = Pattern.compile("\\p{Lu}\\p{Ll}{2,}");

    private final EntityRecognizer recognizer;
    private final AliasMatcher<KbEntry> gazetteer;
    private final RoleReader roles;
    private final EntityLexicon lexicon;
    private final Pattern honorificBefore;
    private final Pattern courtesyBefore;
    private final Pattern leadingTitle;
    private final Pattern leadingHonorifics;
    private final Pattern personTitle;
    private final Pattern titleHead;
    private final Pattern placeHead;
    private final Pattern particleAfter;
    private final Pattern firstNameAfterTitle;
    private final Pattern nameSuffix;
    private final Pattern endsWithTitle;
    private final Pattern titleInside;
    private final Pattern countryBefore;
    private final Pattern portfolioBefore;
    private final Pattern titleToPlace;
    private final KnowledgeBase kb;

    CandidateFinder(KnowledgeBase kb, EntityRecognizer recognizer, EntityLexicon lexicon, RoleReader roles) {
        this.recognizer = recognizer;
        this.kb = kb;
        this.roles = roles;
        this.lexicon = lexicon;
        this.gazetteer = new AliasMatcher<>(gazetteerNames(kb));
        String honorificsOrTitles = Titles.HONORIFICS + "|" + Titles.alternation();
        this.honorificBefore = Pattern.compile("(?:^|[^\\p{L}])((?:" + honorificsOrTitles + "|"
                + EntityLexicon.alternation(lexicon.strippedTitles()) + ")\\s+)$");
        this.courtesyBefore = Pattern.compile("(?:^|[^\\p{L}])(?:" + EntityLexicon.alternation(lexicon.courtesyHonorifics())
                + ")\\s+((?:" + EntityLexicon.alternation(lexicon.particles()) + ")\\s+)?$");
        this.leadingHonorifics = Pattern.compile("^(?:(?:" + honorificsOrTitles + "|"
                + EntityLexicon.alternation(lexicon.strippedTitles()) + ")\\s+)+(?=\\p{Lu})");
        this.leadingTitle = Pattern.compile("^(?:(?:" + honorificsOrTitles + ")\\s+)+");
        this.personTitle = Pattern.compile("^(?:(?:" + EntityLexicon.alternation(lexicon.strippedTitles())
                + ")\\s+)+(?=\\p{Lu})");
        this.titleHead = Pattern.compile("^\\s+(?:" + EntityLexicon.alternation(lexicon.titleContinuations())
                + ")\\b");
        this.placeHead = Pattern.compile("\\S\\s+(?:" + EntityLexicon.alternation(lexicon.placeHeads()) + ")$");
        this.particleAfter = Pattern.compile("^\\s(?:" + EntityLexicon.alternation(lexicon.particles()) + ")(?:\\s(?:"
                + EntityLexicon.alternation(lexicon.secondParticles())
                + "))?[\\s-]\\p{Lu}[\\p{Ll}'’]+(?:-\\p{Lu}[\\p{Ll}]+)?");
        this.firstNameAfterTitle = Pattern.compile("(?:^|[^\\p{L}])(?:" + Titles.HONORIFICS + "|"
                + EntityLexicon.alternation(lexicon.firstNameTitles()) + ")\\s+(\\p{Lu}[\\p{Ll}]+\\s+)$");
        this.endsWithTitle = Pattern.compile("(?:" + Titles.alternation() + ")\\s*$");
        this.nameSuffix = Pattern.compile("^,?\\s(?:" + EntityLexicon.alternation(lexicon.nameSuffixes())
                + ")(?![\\p{L}])");
        this.titleInside = Pattern.compile("^((?:\\p{Lu}[\\p{L}'’-]+\\s+){1,3}?)(?:" + Titles.alternation() + "|"
                + EntityLexicon.alternation(lexicon.firstNameTitles()) + ")\\s+(?=\\p{Lu})");
        this.titleToPlace = Pattern.compile("^(?:\\p{Lu}[\\p{L}.'’-]*\\s+){0,3}(?:" + Titles.alternation() + "|"
                + EntityLexicon.alternation(lexicon.strippedTitles()) + "|"
                + EntityLexicon.alternation(lexicon.officeHeads()) + ")\\s+(?:to|for|of|in)\\s+(?:the\\s+)?");
        this.portfolioBefore = Pattern.compile("(?:^|[^\\p{L}])(?:" + EntityLexicon.alternation(lexicon.officeHeads())
                + ")\\s+for\\s+(?:the\\s+)?$");
        this.countryBefore = Pattern.compile("(?:^|[^\\p{L}])(" + RoleReader.countryQualifiers(kb)
                + ")(?:['’]s)?\\s+(?:[Tt]he\\s+)?$");
    }

    private static Map<String, List<KbEntry>> gazetteerNames(KnowledgeBase kb) {
        Map<String, List<KbEntry>> names = new LinkedHashMap<>();
        for (KbPerson p : kb.persons()) {
            add(names, p.name(), p);
            p.aliases().forEach(a -> add(names, a, p));
        }
        for (KbOrganization o : kb.organizations()) {
            add(names, o.name(), o);
            o.aliases().forEach(a -> add(names, a, o));
        }
        for (KbCountry c : kb.countries()) {
            add(names, c.name(), c);
            c.aliases().stream().filter(a -> a.length() > 3 || a.equals(a.toUpperCase(Locale.ROOT)))
                    .forEach(a -> add(names, a, c));
        }
        for (KbCountry c : kb.countries()) {
            for (String capital : c.capitals()) {
                KbCity city = new KbCity(capital.replace(" D.C.", ", D.C."), c.code());
                add(names, capital, city);
                if (capital.endsWith(" D.C.")) {
                    add(names, capital.substring(0, capital.length() - 5), city);
                }
            }
        }
        return names;
    }

    private static void add(Map<String, List<KbEntry>> names, String name, KbEntry value) {
        // one letter only for a body known by it ("X"); never for a person or place
        if (name != null && (name.strip().length() > 1 || value.category() == KbEntry.Category.ORGANIZATION
                && name.strip().length() == 1 && Character.isUpperCase(name.strip().charAt(0)))) {
            names.computeIfAbsent(name, k -> new ArrayList<>()).add(value);
        }
    }

    /** The entity type of a knowledge-base entry. */
    static EntityType typeOf(KbEntry e) {
        return switch (e.category()) {
            case PERSON -> EntityType.PERSON;
            case ORGANIZATION -> EntityType.ORGANIZATION;
            case PLACE -> EntityType.LOCATION;
        };
    }

    /** The word lists this finder reads. */
    EntityLexicon lexicon() {
        return lexicon;
    }

    /** The name without possessive and without leading honorifics or role titles. */
    String core(String mention) {
        String s = POSSESSIVE.matcher(mention.strip()).replaceAll("");
        return leadingTitle.matcher(s).replaceFirst("").strip();
    }

    /** {@link #core} without a leading non-office title either ("Governor X" → "X"). */
    String personCore(String mention) {
        return personTitle.matcher(core(mention)).replaceFirst("").strip();
    }

    /** Every mention in the document's fields, in field and text order. */
    List<Candidate> find(Document doc) {
        List<NamedSpan> recognised = recognizer.recognize(doc);
        List<Candidate> out = new ArrayList<>();
        for (Field field : Field.values()) {
            String text = doc.text(field);
            List<Candidate> merged = new ArrayList<>(gazetteerMatches(field, text));
            for (NamedSpan raw : recognised) {
                if (raw.field() != field) {
                    continue;
                }
                NamedSpan s = trim(raw, text);
                s = withoutHonorific(afterTitleAndPlace(afterPlaceAndTitle(partyDesignation(s, text), text), text),
                        text);
                s = typeByItsHead(placeByItsHead(withFirstName(withNickname(withSuffix(withParticles(s, text), text),
                        text), text)));
                s = withNumber(s, text);
                if (s == null || s.field() != field || Titles.kindOf(s.text()).isPresent() || partOfTitle(s, text)
                        || s.text().chars().noneMatch(Character::isUpperCase)
                        || s.type() == EntityType.PERSON && lexicon.feasts().contains(s.text())
                        || lexicon.generic().contains(s.text()) || PLURAL_ACRONYM.matcher(s.text()).matches()
                        || portfolio(s, text)) {
                    continue;
                }
                merge(merged, s, text);
            }
            merged.sort(Comparator.comparingInt(Candidate::start));
            for (Candidate c : merged) {
                out.add(c.type() == EntityType.PERSON ? withTitle(c, text).withRole(roles.roleAround(c, text)) : c);
            }
        }
        return out;
    }

    private List<Candidate> gazetteerMatches(Field field, String text) {
        List<Candidate> gaz = new ArrayList<>();
        for (AliasMatcher.Match<KbEntry> m : gazetteer.find(text)) {
            if (!acceptable(m)) {
                continue;
            }
            KbEntry first = m.values().get(0);
            int start = m.start();
            if (m.name().length() > 4 && m.name().substring(0, 4).equalsIgnoreCase("the ")) {
                start += 4;
            }
            if (m.values().size() == 1 && first instanceof KbOrganization o && foreignQualified(o, text, m.start())) {
                gaz.add(new Candidate(field, start, m.end(), text.substring(start, m.end()), EntityType.ORGANIZATION,
                        null, MentionKind.NAME, List.of(), null, FOREIGN_BODY));
                continue;
            }
            if (first instanceof KbPerson p) {
                // an alias written with its title ("Crown Prince X bin Y"): the title stays out of the name mention
                // when what follows it is the person's name too (not "Sultan" as a first name)
                Matcher h = leadingHonorifics.matcher(text.substring(start, m.end()));
                if (h.find()) {
                    String rest = Names.fold(text.substring(start + h.end(), m.end()));
                    if (Names.fold(p.name()).equals(rest) || p.aliases().stream().anyMatch(a -> Names.fold(a)
                            .equals(rest))) {
                        start += h.end();
                    }
                }
            }
            if (typeOf(first) != EntityType.PERSON && !m.name().contains(" ")) {
                Matcher c = courtesyBefore.matcher(text.substring(Math.max(0, start - 30), start));
                if (c.find()) {
                    // "Ms de Lima", "Mr Jordan": after a courtesy honorific a known place or body word is a surname
                    int from = c.group(1) == null ? start : start - c.group(1).length();
                    gaz.add(new Candidate(field, from, m.end(), text.substring(from, m.end()), EntityType.PERSON,
                            null, MentionKind.NAME, List.of(), null, COURTESY_SURNAME));
                    continue;
                }
            }
            gaz.add(new Candidate(field, start, m.end(), text.substring(start, m.end()), typeOf(first),
                    m.values().size() == 1 ? first : null, MentionKind.NAME, m.values(), null, GAZETTEER));
        }
        return gaz;
    }

    /**
     * Whether a body that belongs to one country ("Labour Party" of the UK) is qualified right before by another
     * country ("Norway's Labour Party", "the Australian Labour Party"): then it is that country's namesake.
     */
    private boolean foreignQualified(KbOrganization o, String text, int start) {
        if (o.country() == null) {
            return false;
        }
        Matcher m = countryBefore.matcher(text.substring(Math.max(0, start - 40), start));
        if (!m.find()) {
            return false;
        }
        String q = m.group(1);
        return kb.countryByDemonym(q).or(() -> kb.countryNamed(q)).map(c -> !c.code().equals(o.country()))
                .orElse(false);
    }

    /** Adds a recognised span to the gazetteer's matches, replacing those it should win over. */
    private void merge(List<Candidate> merged, NamedSpan s, String text) {
        boolean covered = false;
        long inside = merged.stream().filter(g -> g.start() >= s.start() && g.end() <= s.end()).count();
        for (int i = 0; i < merged.size(); i++) {
            Candidate g = merged.get(i);
            if (g.start() < s.end() && s.start() < g.end()) {
                covered = true;
                if (suffixedKnownName(s, g, text)) {
                    merged.set(i, recognised(s, SUFFIXED_NAME));
                } else if (extendsKnownName(s, g, text)) {
                    merged.set(i, new Candidate(s.field(), s.start(), s.end(), s.text(), s.type(), g.kb(),
                            MentionKind.NAME, g.kbOptions(), g.roleTitle(), EXTENDS_KNOWN_NAME));
                } else if (longerPerson(s, g) && (g.kb() == null || strongerName(s, g)) || placeStartsName(s, g, text)
                        || longerName(s, g, text, inside)) {
                    merged.set(i, recognised(s, RECOGNISER_OVER_GAZETTEER));
                } else if (placeEndsName(s, g, text)) {
                    merged.set(i, recognised(s, PLACE_ENDS_NAME));
                }
            }
        }
        if (!covered) {
            merged.add(recognised(s, RECOGNISER));
        }
    }

    private static Candidate recognised(NamedSpan s, String rule) {
        return new Candidate(s.field(), s.start(), s.end(), s.text(), s.type(), null, MentionKind.NAME, List.of(), null,
                rule);
    }

    /**
     * "Samia Suluhu Hassan" around the known "Samia Suluhu": a recognised person name that starts with a known
     * person's full multiword name and goes on with capitalised name words only, none a generational suffix
     * ("Donald Trump Jr." is someone else), names the known person.
     */
    private boolean extendsKnownName(NamedSpan s, Candidate g, String text) {
        if (!(g.kb() instanceof KbPerson) || s.type() != EntityType.PERSON || s.start() != g.start()
                || s.end() <= g.end() || !core(g.text()).contains(" ")) {
            return false;
        }
        String rest = text.substring(g.end(), s.end()).strip();
        if (rest.isEmpty() || nameSuffix.matcher(" " + rest).lookingAt()) {
            return false;
        }
        for (String w : rest.split("\\s+")) {
            if (w.isEmpty() || !Character.isUpperCase(w.charAt(0)) || w.endsWith(".")) {
                return false;
            }
        }
        return true;
    }

    /** "Donald Trump Jr." around the known "Donald Trump": the known name and a generational suffix after it. */
    private boolean suffixedKnownName(NamedSpan s, Candidate g, String text) {
        return g.kb() instanceof KbPerson && s.type() == EntityType.PERSON && s.start() == g.start()
                && s.end() > g.end() && nameSuffix.matcher(text.substring(g.end(), s.end())).lookingAt();
    }

    private static boolean longerPerson(NamedSpan s, Candidate g) {
        return s.type() == EntityType.PERSON && g.type() == EntityType.PERSON && s.start() <= g.start()
                && s.end() >= g.end() && s.end() - s.start() > g.end() - g.start();
    }

    /** A two-word person name around a one-word known name that is not that known person's name. */
    private boolean strongerName(NamedSpan s, Candidate g) {
        String full = Names.fold(core(s.text()));
        return core(s.text()).contains(" ") && !core(g.text()).contains(" ") && !(g.kb() instanceof KbPerson p
                && (Names.fold(p.name()).equals(full)
                || p.aliases().stream().anyMatch(a -> Names.fold(a).equals(full))));
    }

    /** "Jordan Bardella": a place or body that only starts a longer person name. */
    private static boolean placeStartsName(NamedSpan s, Candidate g, String text) {
        return s.type() == EntityType.PERSON && g.type() != EntityType.PERSON && g.type() != EntityType.MISC
                && s.start() == g.start() && s.end() > g.end()
                && Character.isUpperCase(text.charAt(skipSpaces(text, g.end())));
    }

    /**
     * "Leila de Lima", "Michael Jordan": a recognised person name whose last word is a known place or body, made
     * only of capitalised words and name particles before it.
     */
    private boolean placeEndsName(NamedSpan s, Candidate g, String text) {
        if (s.type() != EntityType.PERSON || g.type() == EntityType.PERSON || g.type() == EntityType.MISC
                || s.end() != g.end() || s.start() >= g.start() || g.text().contains(" ")) {
            return false;
        }
        for (String w : text.substring(s.start(), g.start()).strip().split("\\s+")) {
            if (!Character.isUpperCase(w.charAt(0)) && !lexicon.particles().contains(w)) {
                return false;
            }
        }
        return true;
    }

    /**
     * "Gulf of Guinea", "Latin America", "Bank of England", "UN Human Rights Council": a longer place or body name
     * around a known one is another entity, unless the extra words are a title ("NATO Secretary General").
     */
    private boolean longerName(NamedSpan s, Candidate g, String text, long knownInside) {
        if (s.type() == EntityType.PERSON || s.type() == EntityType.MISC || g.type() == EntityType.PERSON
                || s.start() > g.start() || s.end() < g.end() || s.end() - s.start() <= g.end() - g.start()) {
            return false;
        }
        String before = text.substring(s.start(), g.start());
        if (sentenceStart(text, s.start())) {
            // the first word of a sentence is capitalised anyway ("Several Labour MPs")
            before = before.strip().contains(" ") ? before.strip().substring(before.strip().indexOf(' ')) : "";
        }
        String extra = before + " " + text.substring(g.end(), s.end());
        // a span around several known names is a run of names ("US Envoy to Japan X"), not one
        return s.text().contains(" of ") || knownInside == 1 && LONGER_NAME_WORD.matcher(extra).find()
                && !titleHead.matcher(" " + text.substring(g.end(), s.end()).strip()).find()
                && !endsWithTitle.matcher(s.text()).find();
    }

    /** Whether a sentence starts at {@code i}: the text or a line starts there, or a sentence end comes before it. */
    private static boolean sentenceStart(String text, int i) {
        int j = i - 1;
        while (j >= 0 && (text.charAt(j) == ' ' || text.charAt(j) == '"' || text.charAt(j) == '“')) {
            j--;
        }
        return j < 0 || ".!?\n".indexOf(text.charAt(j)) >= 0;
    }

    private static int skipSpaces(String text, int i) {
        while (i < text.length() - 1 && text.charAt(i) == ' ') {
            i++;
        }
        return Math.min(i, text.length() - 1);
    }

    /**
     * "Commissioner for Fisheries, Ports and Oceans": the portfolio after an office and "for" names a field of
     * government, not a body.
     */
    private boolean portfolio(NamedSpan s, String text) {
        return s.type() == EntityType.ORGANIZATION && s.field() != null && s.start() <= text.length()
                && portfolioBefore.matcher(text.substring(Math.max(0, s.start() - 40), s.start())).find();
    }

    /** "US Defence" in "US Defence Secretary": an organisation-looking span that is the start of a role title. */
    private boolean partOfTitle(NamedSpan s, String text) {
        return s.type() == EntityType.ORGANIZATION && titleHead.matcher(text.substring(s.end())).find();
    }

    /**
     * "Mr Ana Pereira", "Crown Prince Khalid bin Faisal": honorifics and titles before a full name are not part of
     * the name mention (before a bare surname they are: see {@link #withTitle}).
     */
    private NamedSpan withoutHonorific(NamedSpan s, String text) {
        if (s == null || s.type() != EntityType.PERSON || s.field() == null) {
            return s;
        }
        Matcher m = leadingHonorifics.matcher(s.text());
        if (!m.find() || !s.text().substring(m.end()).contains(" ")) {
            return s;
        }
        int start = s.start() + m.end();
        return new NamedSpan(s.field(), start, s.end(), text.substring(start, s.end()), s.type());
    }

    /** "NGOs", "CEOs": a plural of an abbreviated common noun. */
    private static final Pattern PLURAL_ACRONYM = Pattern.compile("\\p{Lu}{2,}s");
    /** "D-New Hampshire", "R-Texas": a US party letter and a state after a legislator's name. */
    private static final Pattern PARTY_DESIGNATION = Pattern.compile("^[DRI]-(?=\\p{Lu})");

    /** "D-New Hampshire" tagged as one name: the state after the party letter is the place. */
    private static NamedSpan partyDesignation(NamedSpan s, String text) {
        if (s == null || s.field() == null || !PARTY_DESIGNATION.matcher(s.text()).find()) {
            return s;
        }
        int start = s.start() + 2;
        return new NamedSpan(s.field(), start, s.end(), text.substring(start, s.end()), EntityType.LOCATION);
    }

    /**
     * A multiword name whose last word makes it an institution ("Kent County Council") or a law or agreement ("Digital
     * Services Act"), whatever the recogniser said ({@code name-heads.tsv}).
     */
    private NamedSpan typeByItsHead(NamedSpan s) {
        if (s == null || !s.text().contains(" ")) {
            return s;
        }
        int lastSpace = s.text().lastIndexOf(' ');
        int secondLast = s.text().lastIndexOf(' ', lastSpace - 1);
        String type = secondLast > 0 ? lexicon.nameHeads().get(s.text().substring(secondLast + 1)) : null;
        if (type == null) {
            type = lexicon.nameHeads().get(s.text().substring(lastSpace + 1));
        }
        if (type != null && type.equals(HOST)) {
            // "The Ana Ruiz Show": the host is a person when the recogniser saw one; the programme is no entity
            String host = s.text().substring(0, lastSpace).strip();
            return s.type() == EntityType.PERSON && host.contains(" ") && s.field() != null
                    ? new NamedSpan(s.field(), s.start(), s.start() + host.length(), host, EntityType.PERSON)
                    : new NamedSpan(s.field(), s.start(), s.end(), s.text(), EntityType.MISC);
        }
        if (type == null || s.type().name().equals(type)) {
            return s;
        }
        return new NamedSpan(s.field(), s.start(), s.end(), s.text(), EntityType.valueOf(type));
    }

    /** The name-heads type of a programme named after its host. */
    private static final String HOST = "HOST";

    /** A name the recogniser calls a person or body but whose last word makes it a place ("Dolmabahçe Palace"). */
    private NamedSpan placeByItsHead(NamedSpan s) {
        if (s == null || s.type() == EntityType.LOCATION || s.type() == EntityType.MISC
                || !placeHead.matcher(s.text()).find()) {
            return s;
        }
        return new NamedSpan(s.field(), s.start(), s.end(), s.text(), EntityType.LOCATION);
    }

    /**
     * "Sen. Rand Paul" where the recogniser tagged only "Paul": a capitalised word between a title and a person's
     * name is the first name.
     */
    private NamedSpan withFirstName(NamedSpan s, String text) {
        if (s == null || s.type() != EntityType.PERSON || s.field() == null || s.end() > text.length()
                || s.text().contains(" ")) {
            return s;
        }
        Matcher m = firstNameAfterTitle.matcher(text.substring(Math.max(0, s.start() - 40), s.start()));
        if (!m.find()) {
            return s;
        }
        int start = s.start() - (m.end() - m.start(1));
        return new NamedSpan(s.field(), start, s.end(), text.substring(start, s.end()), s.type());
    }

    /**
     * A person span the recogniser cut at a name particle ("Musaed" of "Musaed al Alban"), extended over each
     * particle and the name after it ("Mohammed bin Abdulrahman bin Jassim Al Thani").
     */
    private NamedSpan withParticles(NamedSpan s, String text) {
        if (s == null || s.type() != EntityType.PERSON || s.field() == null || s.end() > text.length()) {
            return s;
        }
        int end = s.end();
        for (int i = 0; i < 4; i++) {
            Matcher m = particleAfter.matcher(text.substring(end, Math.min(text.length(), end + 40)));
            if (!m.find()) {
                break;
            }
            end += m.end();
        }
        return end == s.end() ? s : new NamedSpan(s.field(), s.start(), end, text.substring(s.start(), end), s.type());
    }

    /** A one- or two-digit number after a body's name, not a measure or a date: "Radio 4", "Channel 5". */
    private static final Pattern NUMBER_AFTER = Pattern.compile("^ \\d{1,2}(?![\\d%.,:/-]\\d|[\\d%\\p{L}])");
    /** The last word of a name that a number may continue: capitalised, not an acronym. */
    private static final Pattern NUMBERED_WORD = Pattern.compile("\\s\\p{Lu}\\p{Ll}+$");

    /** "BBC Radio 4", "Channel 5 News" cut before the number: the number belongs to the body's name. */
    private static NamedSpan withNumber(NamedSpan s, String text) {
        if (s == null || s.type() != EntityType.ORGANIZATION || s.field() == null || s.end() > text.length()
                || !NUMBERED_WORD.matcher(s.text()).find()) {
            return s;
        }
        Matcher m = NUMBER_AFTER.matcher(text.substring(s.end(), Math.min(text.length(), s.end() + 6)));
        if (!m.find()) {
            return s;
        }
        int end = s.end() + m.end();
        return new NamedSpan(s.field(), s.start(), end, text.substring(s.start(), end), s.type());
    }

    /** "Robert Smith Jr.": a generational suffix after a person's name is part of it. */
    private NamedSpan withSuffix(NamedSpan s, String text) {
        if (s == null || s.type() != EntityType.PERSON || s.field() == null || s.end() > text.length()
                || !s.text().contains(" ")) {
            return s;
        }
        Matcher m = nameSuffix.matcher(text.substring(s.end(), Math.min(text.length(), s.end() + 8)));
        if (!m.find()) {
            return s;
        }
        int end = s.end() + m.end();
        return new NamedSpan(s.field(), s.start(), end, text.substring(s.start(), end), s.type());
    }

    private static final Pattern NICKNAME_AFTER = Pattern.compile("^\\s+[“\"]\\p{Lu}[\\p{L}'’-]+[”\"]\\s+"
            + "\\p{Lu}[\\p{L}'’-]*\\p{L}");

    /** "Ana “Nana” Pereira": a quoted nickname between a person's given names and surname is part of the name. */
    private static NamedSpan withNickname(NamedSpan s, String text) {
        if (s == null || s.type() != EntityType.PERSON || s.field() == null || s.end() > text.length()) {
            return s;
        }
        Matcher m = NICKNAME_AFTER.matcher(text.substring(s.end(), Math.min(text.length(), s.end() + 60)));
        if (!m.find()) {
            return s;
        }
        int end = s.end() + m.end();
        return new NamedSpan(s.field(), s.start(), end, text.substring(s.start(), end), s.type());
    }

    /**
     * "Lisbon Mayor Ana Costa" tagged as one person or body: the place and the title before the name are not part of
     * it; what follows the title is a person (the place is left to the gazetteer).
     */
    private NamedSpan afterPlaceAndTitle(NamedSpan s, String text) {
        if (s == null || s.type() == EntityType.LOCATION || s.field() == null || s.end() > text.length()) {
            return s;
        }
        Matcher m = titleInside.matcher(s.text());
        if (!m.find() || !NAME_ONLY.matcher(s.text().substring(m.end())).matches()) {
            return s;
        }
        int start = s.start() + m.end();
        return new NamedSpan(s.field(), start, s.end(), text.substring(start, s.end()), EntityType.PERSON);
    }

    /**
     * "US Ambassador to Japan Ana Costa" tagged as one span of any type: after a title, "to/for/of/in" and a country,
     * the rest is a person's name (the country is left to the gazetteer).
     */
    private NamedSpan afterTitleAndPlace(NamedSpan s, String text) {
        if (s == null || s.field() == null || s.end() > text.length()) {
            return s;
        }
        Matcher m = titleToPlace.matcher(s.text());
        if (!m.find()) {
            return s;
        }
        String rest = s.text().substring(m.end());
        int space = -1;
        for (int words = 1; words <= 3; words++) {
            space = rest.indexOf(' ', space + 1);
            if (space < 0) {
                return s;
            }
            String place = rest.substring(0, space);
            String name = rest.substring(space + 1);
            if (kb.countryNamed(place).isPresent() && NAME_ONLY.matcher(name).matches()) {
                int start = s.start() + m.end() + space + 1;
                return new NamedSpan(s.field(), start, s.end(), text.substring(start, s.end()), EntityType.PERSON);
            }
        }
        return s;
    }

    /** Two to four capitalised words, with name particles between them: what is left of "Place Title Name". */
    private static final Pattern NAME_ONLY = Pattern.compile("\\p{Lu}[\\p{L}.'’-]*(?:\\s+(?:\\p{Ll}{1,4}\\s+)?"
            + "\\p{Lu}[\\p{L}.'’-]*){1,3}");

    /** Drops punctuation that a recogniser left at the edges of a span. */
    private static NamedSpan trim(NamedSpan s, String text) {
        if (s.field() == null || s.end() > text.length()) {
            return s;
        }
        int start = s.start();
        int end = s.end();
        while (start < end && !Character.isLetterOrDigit(text.charAt(start))) {
            start++;
        }
        while (end > start && !Character.isLetterOrDigit(text.charAt(end - 1)) && text.charAt(end - 1) != '.') {
            end--;
        }
        if (start >= end) {
            return null;
        }
        return start == s.start() && end == s.end() ? s
                : new NamedSpan(s.field(), start, end, text.substring(start, end), s.type());
    }

    /** A gazetteer match counts when capitalised (or "the …"); a short acronym only as a body's or country's. */
    private static boolean acceptable(AliasMatcher.Match<KbEntry> m) {
        String name = m.name();
        boolean acronym = name.length() <= 5 && name.equals(name.toUpperCase(Locale.ROOT));
        if (!Character.isUpperCase(name.charAt(0)) && !name.toLowerCase(Locale.ROOT).startsWith("the ")) {
            return false;
        }
        List<String> written = m.values().stream().flatMap(v -> Stream.concat(Stream.of(v.name()),
                v.aliases().stream())).filter(a -> a.equalsIgnoreCase(name)).toList();
        if (!acronym && !written.isEmpty() && written.stream().allMatch(a -> a.equals(a.toUpperCase(Locale.ROOT)))) {
            // "Ice" opening a sentence is not the agency "ICE": a name known only in capitals must be written so
            return false;
        }
        if (acronym) {
            return m.values().stream().anyMatch(v -> v.category() != KbEntry.Category.PERSON
                    && v.aliases().contains(name)
                    || v.category() == KbEntry.Category.ORGANIZATION && v.name().equals(name));
        }
        return true;
    }

    /**
     * Extends a surname mention (one word, or one with a particle: "van Rensburg") to include an honorific or title
     * right before it ("Mr Starmer", "Ms van Rensburg").
     */
    private Candidate withTitle(Candidate c, String text) {
        String core = core(c.text());
        if (core.isEmpty() || core.contains(" ") && !Character.isLowerCase(core.charAt(0))) {
            return c;
        }
        Matcher m = honorificBefore.matcher(text.substring(Math.max(0, c.start() - 40), c.start()));
        if (!m.find()) {
            return c;
        }
        int start = c.start() - m.group(1).length();
        return c.withSpan(start, text.substring(start, c.end()));
    }
}
