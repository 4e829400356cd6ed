package io.newsflow.enrich.lexicon;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.function.Function;

/**
 * Every word list and pattern table the enrichment stages use, loaded and validated once. Stages receive this object
 * (or the typed views they build from it); no stage keeps a word list in Java.
 *
 * <p><b>Registering a file.</b> Put {@code NAME.tsv} in {@code src/main/resources/lexicon/} and add a line
 * {@code NAME<TAB>description} to {@code lexicon/index.tsv}. A lexicon file is UTF-8 tab-separated text:
 * <ul>
 *   <li>lines starting with {@code #} are comments, blank lines are ignored;</li>
 *   <li>the first other line is the header naming the columns; a name ending in {@code ?} marks an optional column
 *       (rows may leave it out; its cell is then {@code ""}), every other column must be non-empty;</li>
 *   <li>a comment {@code #! COLUMN: V1 V2 …} restricts a column to the values listed (case-sensitive);</li>
 *   <li>every following line is one entry; entries are matched by lemma, in lower case, words separated by one
 *       space.</li>
 * </ul>
 * A malformed file fails {@link #load} with a {@link LexiconException} naming the file and line.
 *
 * <p>Immutable and thread-safe.
 */
public final class Lexicons {

    /** Classpath folder of the bundled lexicons. */
    public static final String RESOURCE_DIR = "lexicon/";
    private static final String INDEX = "index.tsv";

    private static final class Bundled {
        private static final Lexicons INSTANCE = load(name -> {
            InputStream in = Lexicons.class.getClassLoader().getResourceAsStream(RESOURCE_DIR + name);
            if (in == null) {
                throw new LexiconException(RESOURCE_DIR + name + ": not found on the classpath");
            }
            return in;
        }, RESOURCE_DIR);
    }

    private final Map<String, LexiconTable> tables;
    private final Map<String, String> descriptions;

    private Lexicons(Map<String, LexiconTable> tables, Map<String, String> descriptions) {
        this.tables = Collections.unmodifiableMap(new LinkedHashMap<>(tables));
        this.descriptions = Collections.unmodifiableMap(new LinkedHashMap<>(descriptions));
    }

    /** The lexicons bundled in the jar, loaded on first use and shared by every caller. */
    public static Lexicons bundled() {
        return Bundled.INSTANCE;
    }

    /** Loads the lexicons of a directory holding {@code index.tsv} and the files it lists. */
    public static Lexicons load(Path dir) {
        Objects.requireNonNull(dir, "dir");
        return load(name -> {
            try {
                return Files.newInputStream(dir.resolve(name));
            } catch (IOException e) {
                throw new LexiconException(dir.resolve(name) + ": cannot be read (" + e.getMessage() + ")", e);
            }
        }, dir + "/");
    }

    private static Lexicons load(Function<String, InputStream> open, String where) {
        LexiconTable index = parse(where + INDEX, open.apply(INDEX));
        if (!index.columns().containsAll(List.of("file", "description"))) {
            throw new LexiconException(where + INDEX + ": header must name the columns file and description");
        }
        Map<String, LexiconTable> tables = new LinkedHashMap<>();
        Map<String, String> descriptions = new LinkedHashMap<>();
        for (LexiconTable.Row row : index.rows()) {
            String name = row.get("file");
            if (tables.containsKey(name)) {
                throw new LexiconException(where + INDEX + ":" + row.line() + ": '" + name + "' listed twice");
            }
            tables.put(name, parse(where + name + ".tsv", open.apply(name + ".tsv")));
            descriptions.put(name, row.get("description"));
        }
        return new Lexicons(tables, descriptions);
    }

    /** Parses one lexicon file; {@code label} names it in error messages. */
    static LexiconTable parse(String label, InputStream in) {
        String base = label.substring(label.lastIndexOf('/') + 1);
        String name = base.endsWith(".tsv") ? base.substring(0, base.length() - 4) : base;
        List<String> columns = null;
        Set<String> optional = new LinkedHashSet<>();
        Map<String, Set<String>> allowed = new HashMap<>();
        List<LexiconTable.Row> rows = new ArrayList<>();
        try (BufferedReader r = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8))) {
            String line;
            int n = 0;
            while ((line = r.readLine()) != null) {
                n++;
                if (line.startsWith("#!")) {
                    int colon = line.indexOf(':');
                    if (colon < 0) {
                        throw new LexiconException(label + ":" + n + ": constraint must read '#! COLUMN: V1 V2 …'");
                    }
                    String column = line.substring(2, colon).strip();
                    Set<String> values = new LinkedHashSet<>(List.of(line.substring(colon + 1).strip().split("\\s+")));
                    allowed.put(column, values);
                    continue;
                }
                if (line.isBlank() || line.startsWith("#")) {
                    continue;
                }
                String[] cells = line.split("\t", -1);
                if (columns == null) {
                    columns = new ArrayList<>();
                    for (String c : cells) {
                        String col = c.strip();
                        if (col.endsWith("?")) {
                            col = col.substring(0, col.length() - 1);
                            optional.add(col);
                        } else if (!optional.isEmpty()) {
                            throw new LexiconException(label + ":" + n + ": required column '" + col
                                    + "' after an optional one");
                        }
                        if (col.isEmpty() || columns.contains(col)) {
                            throw new LexiconException(label + ":" + n + ": empty or repeated column name");
                        }
                        columns.add(col);
                    }
                    for (String c : allowed.keySet()) {
                        if (!columns.contains(c)) {
                            throw new LexiconException(label + ": constraint on unknown column '" + c + "'");
                        }
                    }
                    continue;
                }
                int required = columns.size() - optional.size();
                if (cells.length < required || cells.length > columns.size()) {
                    throw new LexiconException(label + ":" + n + ": expected " + (required == columns.size()
                            ? String.valueOf(required) : required + " to " + columns.size())
                            + " tab-separated columns " + columns + ", found " + cells.length);
                }
                Map<String, String> values = new LinkedHashMap<>();
                for (int i = 0; i < columns.size(); i++) {
                    String col = columns.get(i);
                    String v = i < cells.length ? cells[i].strip() : "";
                    if (v.isEmpty() && !optional.contains(col)) {
                        throw new LexiconException(label + ":" + n + ": column '" + col + "' is empty");
                    }
                    Set<String> ok = allowed.get(col);
                    if (ok != null && !v.isEmpty() && !ok.contains(v)) {
                        throw new LexiconException(label + ":" + n + ": column '" + col + "' is '" + v
                                + "', expected one of " + ok);
                    }
                    values.put(col, v);
                }
                rows.add(new LexiconTable.Row(n, values));
            }
        } catch (IOException e) {
            throw new UncheckedIOException(label + ": cannot be read", e);
        }
        if (columns == null) {
            throw new LexiconException(label + ": no header line");
        }
        return new LexiconTable(name, columns, rows);
    }

    /** The table of {@code NAME.tsv}; fails naming the known tables when it is not registered. */
    public LexiconTable table(String name) {
        LexiconTable t = tables.get(name);
        if (t == null) {
            throw new LexiconException("no lexicon '" + name + "' (registered: " + tables.keySet() + ")");
        }
        return t;
    }

    /** Names of the registered tables, in index order. */
    public Set<String> names() {
        return tables.keySet();
    }

    /** The one-line description of a table from the index. */
    public String description(String name) {
        table(name);
        return descriptions.get(name);
    }

    /** Convenience: the lower-cased values of the {@code column} of table {@code name}. */
    public Set<String> words(String name, String column) {
        return table(name).values(column);
    }
}
