package io.newsflow.enrich.kb;

import java.text.Normalizer;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Aho–Corasick automaton over names: finds every occurrence of any of many names in one pass over the text,
 * case-, accent- and apostrophe-insensitively, at word boundaries (a possessive {@code 's} may follow), and
 * returns the leftmost-longest non-overlapping matches. Offsets are exact Java string offsets into the text.
 *
 * <p>Immutable after construction and thread-safe.
 *
 * @param <T> what a name stands for
 */
public final class AliasMatcher<T> {

    /** A match of {@code name} at {@code [start, end)}; {@code values} are all entries with that folded name. */
    public record Match<T>(int start, int end, String name, List<T> values) {
    }

    private static final char[] FOLD = buildFoldTable();

    private final int[][] gotoKeys;
    private final int[][] gotoTargets;
    private final int[] fail;
    private final int[][] outputs;
    private final List<String> names = new ArrayList<>();
    private final List<List<T>> values = new ArrayList<>();

    /** Builds the automaton from name → value pairs; several values may share a name. */
    public AliasMatcher(Map<String, List<T>> entries) {
        List<Map<Character, Integer>> trie = new ArrayList<>();
        List<List<Integer>> out = new ArrayList<>();
        trie.add(new HashMap<>());
        out.add(new ArrayList<>());
        Map<String, Integer> patternIds = new HashMap<>();
        for (Map.Entry<String, List<T>> e : entries.entrySet()) {
            String folded = foldText(e.getKey().strip());
            if (folded.isEmpty()) {
                continue;
            }
            Integer id = patternIds.get(folded);
            if (id == null) {
                id = names.size();
                patternIds.put(folded, id);
                names.add(folded);
                values.add(new ArrayList<>());
                int state = 0;
                for (char c : folded.toCharArray()) {
                    Integer next = trie.get(state).get(c);
                    if (next == null) {
                        next = trie.size();
                        trie.add(new HashMap<>());
                        out.add(new ArrayList<>());
                        trie.get(state).put(c, next);
                    }
                    state = next;
                }
                out.get(state).add(id);
            }
            for (T v : e.getValue()) {
                if (!values.get(id).contains(v)) {
                    values.get(id).add(v);
                }
            }
        }
        int n = trie.size();
        gotoKeys = new int[n][];
        gotoTargets = new int[n][];
        for (int s = 0; s < n; s++) {
            Character[] keys = trie.get(s).keySet().toArray(new Character[0]);
            Arrays.sort(keys);
            gotoKeys[s] = new int[keys.length];
            gotoTargets[s] = new int[keys.length];
            for (int i = 0; i < keys.length; i++) {
                gotoKeys[s][i] = keys[i];
                gotoTargets[s][i] = trie.get(s).get(keys[i]);
            }
        }
        fail = new int[n];
        outputs = new int[n][];
        int[] queue = new int[n];
        int head = 0;
        int tail = 0;
        for (int t : gotoTargets[0]) {
            fail[t] = 0;
            queue[tail++] = t;
        }
        outputs[0] = new int[0];
        while (head < tail) {
            int s = queue[head++];
            List<Integer> own = new ArrayList<>(out.get(s));
            for (int o : outputs[fail[s]] == null ? new int[0] : outputs[fail[s]]) {
                own.add(o);
            }
            outputs[s] = own.stream().mapToInt(Integer::intValue).toArray();
            for (int i = 0; i < gotoKeys[s].length; i++) {
                int c = gotoKeys[s][i];
                int t = gotoTargets[s][i];
                int f = fail[s];
                while (f != 0 && step(f, c) < 0) {
                    f = fail[f];
                }
                int g = step(f, c);
                fail[t] = g >= 0 && g != t ? g : 0;
                queue[tail++] = t;
            }
        }
    }

    /** Number of distinct folded names. */
    public int size() {
        return names.size();
    }

    private int step(int state, int c) {
        int i = Arrays.binarySearch(gotoKeys[state], c);
        return i >= 0 ? gotoTargets[state][i] : -1;
    }

    /**
     * Leftmost-longest, non-overlapping matches at word boundaries, in text order; a leading "the " does not count
     * towards leftmost.
     */
    public List<Match<T>> find(String text) {
        List<int[]> raw = new ArrayList<>();
        int state = 0;
        for (int i = 0; i < text.length(); i++) {
            int c = fold(text.charAt(i));
            int next;
            while ((next = step(state, c)) < 0 && state != 0) {
                state = fail[state];
            }
            state = Math.max(next, 0);
            for (int id : outputs[state]) {
                int end = i + 1;
                int start = end - names.get(id).length();
                if (boundaryBefore(text, start) && boundaryAfter(text, end)) {
                    raw.add(new int[] {start, end, id});
                }
            }
        }
        // a name written with its article ("the United Nations") never hides a longer name right after the article
        // ("the United Nations High Commissioner for Refugees"): matches are ordered by where the name itself starts
        raw.sort(Comparator.<int[]>comparingInt(m -> m[0] + (text.regionMatches(true, m[0], "the ", 0, 4) ? 4 : 0))
                .thenComparingInt(m -> -(m[1] - m[0])));
        List<Match<T>> result = new ArrayList<>();
        int covered = 0;
        for (int[] m : raw) {
            if (m[0] >= covered) {
                result.add(new Match<>(m[0], m[1], text.substring(m[0], m[1]), List.copyOf(values.get(m[2]))));
                covered = m[1];
            }
        }
        return result;
    }

    private static boolean boundaryBefore(String text, int start) {
        return start == 0 || !Character.isLetterOrDigit(text.charAt(start - 1));
    }

    private static boolean boundaryAfter(String text, int end) {
        if (end >= text.length()) {
            return true;
        }
        char c = text.charAt(end);
        if (c == '\'' || c == '’') {
            return end + 1 >= text.length() || !Character.isLetterOrDigit(text.charAt(end + 1))
                    || (text.charAt(end + 1) == 's' || text.charAt(end + 1) == 'S')
                    && (end + 2 >= text.length() || !Character.isLetterOrDigit(text.charAt(end + 2)));
        }
        return !Character.isLetterOrDigit(c);
    }

    /** Folds each character on its own, so offsets in the folded text equal offsets in the original. */
    static String foldText(String s) {
        char[] chars = s.toCharArray();
        for (int i = 0; i < chars.length; i++) {
            chars[i] = fold(chars[i]);
        }
        return new String(chars);
    }

    private static char fold(char c) {
        return FOLD[c];
    }

    private static char[] buildFoldTable() {
        char[] table = new char[Character.MAX_VALUE + 1];
        for (int c = 0; c <= Character.MAX_VALUE; c++) {
            char ch = (char) c;
            char folded = Character.toLowerCase(ch);
            if (c >= 0x80 && !Character.isSurrogate(ch)) {
                String d = Normalizer.normalize(String.valueOf(ch), Normalizer.Form.NFD);
                if (!d.isEmpty()) {
                    folded = Character.toLowerCase(d.charAt(0));
                }
            }
            if (ch == '’' || ch == '‘' || ch == 'ʼ') {
                folded = '\'';
            } else if (ch == '‐' || ch == '‑' || ch == '–') {
                folded = '-';
            } else if (Character.isWhitespace(ch) || ch == '\u00A0') {
                folded = ' ';
            }
            table[c] = folded;
        }
        return table;
    }
}
