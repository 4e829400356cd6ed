package io.newsflow.enrich.kb;

import java.time.LocalDate;
import java.util.Objects;

/**
 * An office held for a period. Immutable.
 *
 * @param kind kind of office
 * @param title title as used in news copy, e.g. "President", "Foreign Secretary"
 * @param jurisdiction ISO 3166-1 alpha-2 country code, or an organisation key such as "NATO", "UN", "EU"
 * @param start first day in office, or null when unknown
 * @param end first day out of office, or null while in office at the data date
 * @param source where the fact comes from
 */
public record Office(OfficeKind kind, String title, String jurisdiction, LocalDate start, LocalDate end,
                     String source) {

    public Office {
        Objects.requireNonNull(kind, "kind");
        Objects.requireNonNull(title, "title");
        Objects.requireNonNull(jurisdiction, "jurisdiction");
    }

    /** True when the office was held on {@code date}; a null date means "now" (open-ended offices). */
    public boolean heldOn(LocalDate date) {
        if (date == null) {
            return end == null;
        }
        return (start == null || !date.isBefore(start)) && (end == null || date.isBefore(end));
    }
}
