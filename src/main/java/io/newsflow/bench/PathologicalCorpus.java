package io.newsflow.bench;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.function.IntFunction;

/**
 * Hostile article bodies generated in code, each built by repeating a short unit up to a requested size: the inputs
 * that made the cost of an article grow faster than its length (issue 15) and a few more. All texts are written
 * here, none is copied from real news. Stateless and thread-safe.
 */
public final class PathologicalCorpus {

    /**
     * One hostile input.
     *
     * @param name kebab-case name of the case
     * @param html whether the body is to be read as HTML
     * @param body the body, about the requested number of characters (never more)
     */
    public record Case(String name, boolean html, String body) {
    }

    private record Spec(String name, boolean html, IntFunction<String> unit) {
    }

    private static final List<Spec> SPECS = List.of(
            new Spec("capitals", false, i -> "Alpha Bravo CHARLIE Delta Echo Foxtrot Golf Hotel India "),
            new Spec("commas", false, i -> "fish, bread, " + word(i) + ", "),
            new Spec("parentheses", false, i -> i % 3 == 0 ? "((( " + word(i) + " (" : "inner " + word(i) + ") "),
            new Spec("newlines", false, i -> word(i) + "\n\n"),
            new Spec("straight-quotes", false, i -> "\"" + word(i) + " \" said \" "),
            new Spec("single-quotes", false, i -> "'" + word(i) + " ' it's ' "),
            new Spec("nested-quotes", false, i -> "“ “Tell them “" + word(i) + " ‘that ' "),
            new Spec("dashes", false, i -> "— " + word(i) + " – — "),
            new Spec("emoji", false, i -> "😀🔥 " + word(i) + " 🙂 "),
            new Spec("mixed-scripts", false, i -> "Ministr Петров 北京 said " + word(i) + " Αθήνα ok. "),
            new Spec("right-to-left", false, i -> "שלום עולם " + word(i) + " مرحبا بالعالم \u202E reversed \u202C "),
            new Spec("control-chars", false, i -> "word\u0001\u0002 " + word(i) + "\u0007\u001B[0m "),
            new Spec("nul-between-words", false, i -> word(i) + "\u0000"),
            new Spec("deep-html", true, i -> "<div><span><b>" + word(i) + " "),
            new Spec("many-tags", true, i -> "<i></i>"),
            new Spec("unclosed-html", true, i -> "<p><a href=\"x\">" + word(i) + " <table><tr><td>"),
            new Spec("long-token", false, i -> "x"),
            new Spec("repeated-surname", false, i -> "Okonkwo "),
            new Spec("warned-against", false, i -> "Okonkwo warned against new tariffs. "),
            new Spec("warned-against-run-on", false, i -> "Okonkwo warned against new tariffs and "),
            new Spec("president-said", false, i -> "the president said "),
            new Spec("said-quotes", false, i -> "“We will win,” the president said. "),
            new Spec("cjk", false, i -> "北京市政府今天宣布新的交通规划，" + (i % 7 == 0 ? "。" : "")),
            new Spec("plain-news", false, i -> "The minister of finance, Adaeze Okonkwo, told reporters on "
                    + "Tuesday that the budget would be cut. “We have no choice,” she said. Critics in "
                    + "parliament criticised the plan. ")
    );

    private PathologicalCorpus() {
    }

    /** Names of every case, in a stable order. */
    public static List<String> names() {
        return SPECS.stream().map(Spec::name).toList();
    }

    /** Every case with a body of at most {@code chars} characters. */
    public static List<Case> all(int chars) {
        List<Case> out = new ArrayList<>();
        for (Spec s : SPECS) {
            out.add(build(s, chars));
        }
        return out;
    }

    /** The named case at {@code chars} characters at most. */
    public static Case get(String name, int chars) {
        for (Spec s : SPECS) {
            if (s.name().equals(name)) {
                return build(s, chars);
            }
        }
        throw new IllegalArgumentException("unknown case '" + name + "'; known: " + names());
    }

    private static Case build(Spec s, int chars) {
        StringBuilder b = new StringBuilder(chars + 64);
        for (int i = 0; b.length() < chars; i++) {
            b.append(s.unit().apply(i));
        }
        String body = b.length() > chars ? b.substring(0, chars) : b.toString();
        if (Character.isHighSurrogate(body.charAt(body.length() - 1))) {
            body = body.substring(0, body.length() - 1);
        }
        return new Case(s.name(), s.html(), body);
    }

    private static String word(int i) {
        return String.format(Locale.ROOT, "w%d", i % 997);
    }
}
