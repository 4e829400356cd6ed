package io.newsflow.ingest;

import java.util.Iterator;
import java.util.NoSuchElementException;

/**
 * Results of one input file, produced lazily with one result of look-ahead; closing releases the file. Subclasses
 * supply {@link #advance()}. Not thread-safe.
 */
abstract class ItemSource implements Iterator<ReadResult>, AutoCloseable {

    private final String location;
    /** Set when the file is exhausted or closed; {@link #advance()} is not called again. */
    protected boolean done;
    private ReadResult next;

    ItemSource(String location) {
        this.location = location;
    }

    /** Location of the whole file, for reporting unexpected failures. */
    String location() {
        return location;
    }

    /** The next result, or null at the end of the file. */
    protected abstract ReadResult advance();

    @Override
    public final boolean hasNext() {
        if (next == null && !done) {
            next = advance();
            if (next == null) {
                close();
            }
        }
        return next != null;
    }

    @Override
    public final ReadResult next() {
        if (!hasNext()) {
            throw new NoSuchElementException();
        }
        ReadResult result = next;
        next = null;
        return result;
    }

    @Override
    public abstract void close();
}
