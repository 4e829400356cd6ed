package io.newsflow.enrich.lexicon;

import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * One parsed lexicon file: named columns and rows in file order. Immutable and thread-safe.
 *
 * @param name file name without {@code .tsv} (for example {@code stance-predicates})
 * @param columns column names from the file's header line
 * @param rows rows in file order
 */
public record LexiconTable(String name, List<String> columns, List<Row> rows) {

    public LexiconTable {
        columns = List.copyOf(columns);
        rows = List.copyOf(rows);
    }

    /**
     * One entry. Cells of absent trailing optional columns are {@code ""}.
     *
     * @param line 1-based line number in the file, for messages
     * @param cells column name → value, in column order
     */
    public record Row(int line, Map<String, String> cells) {

        public Row {
            cells = Collections.unmodifiableMap(new java.util.LinkedHashMap<>(cells));
        }

        /** The value of {@code column}; fails on a column the file does not declare. */
        public String get(String column) {
            String v = cells.get(column);
            if (v == null) {
                throw new IllegalArgumentException("no column '" + column + "' (have " + cells.keySet() + ")");
            }
            return v;
        }
    }

    /** The distinct values of {@code column}, lower-cased with {@link Locale#ROOT}, in file order. */
    public Set<String> values(String column) {
        Set<String> out = new LinkedHashSet<>();
        for (Row r : rows) {
            String v = r.get(column);
            if (!v.isEmpty()) {
                out.add(v.toLowerCase(Locale.ROOT));
            }
        }
        return Collections.unmodifiableSet(out);
    }

    /** The rows whose {@code column} equals {@code value} (case-insensitive). */
    public List<Row> where(String column, String value) {
        List<Row> out = new ArrayList<>();
        for (Row r : rows) {
            if (r.get(column).equalsIgnoreCase(value)) {
                out.add(r);
            }
        }
        return List.copyOf(out);
    }
}
