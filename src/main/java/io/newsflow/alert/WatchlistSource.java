package io.newsflow.alert;

import io.newsflow.enrich.kb.KnowledgeBase;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Objects;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The watchlist in force. A file-backed source re-reads its file when the file's modification time changes (checked
 * at most once per {@code checkEvery}); a file that fails to parse is logged and the previous rules stay in force.
 * Rules hold no alerting state (de-duplication and counts live in the pipeline's state stores), so a reload loses
 * nothing. Thread-safe.
 */
public final class WatchlistSource implements Supplier<Watchlist> {

    private static final Logger LOG = LoggerFactory.getLogger(WatchlistSource.class);

    private final Path file;
    private final KnowledgeBase kb;
    private final Duration checkEvery;
    private final Clock clock;
    private volatile Watchlist current;
    private volatile Instant nextCheck;
    private FileTime loadedModified;

    private WatchlistSource(Watchlist initial, Path file, KnowledgeBase kb, Duration checkEvery, Clock clock,
                            FileTime modified) {
        this.current = Objects.requireNonNull(initial, "initial");
        this.file = file;
        this.kb = kb;
        this.checkEvery = checkEvery;
        this.clock = clock;
        this.loadedModified = modified;
        this.nextCheck = clock.instant().plus(checkEvery == null ? Duration.ZERO : checkEvery);
    }

    /** Fixed rules that never change. */
    public static WatchlistSource fixed(Watchlist watchlist) {
        return new WatchlistSource(watchlist, null, null, null, Clock.systemUTC(), null);
    }

    /** Rules from {@code file}, reloaded when it changes. Fails fast when the file is missing or invalid. */
    public static WatchlistSource watching(Path file, KnowledgeBase kb, Duration checkEvery, Clock clock) {
        FileTime modified = modified(file);
        return new WatchlistSource(Watchlist.load(file, kb), file, kb, checkEvery, clock, modified);
    }

    @Override
    public Watchlist get() {
        if (file != null && !clock.instant().isBefore(nextCheck)) {
            reloadIfChanged();
        }
        return current;
    }

    /** Re-reads the file now if it changed; returns true when new rules were loaded. */
    public synchronized boolean reloadIfChanged() {
        if (file == null) {
            return false;
        }
        nextCheck = clock.instant().plus(checkEvery);
        try {
            FileTime modified = modified(file);
            if (modified.equals(loadedModified)) {
                return false;
            }
            Watchlist next = Watchlist.load(file, kb);
            loadedModified = modified;
            current = next;
            LOG.info("watchlist reloaded from {}: {} rules", file, next.rules().size());
            return true;
        } catch (RuntimeException e) {
            LOG.error("watchlist {} not reloaded, keeping the previous {} rules: {}", file, current.rules().size(),
                    e.getMessage());
            return false;
        }
    }

    private static FileTime modified(Path file) {
        try {
            return Files.getLastModifiedTime(file);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read watchlist " + file, e);
        }
    }
}
