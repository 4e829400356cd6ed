package io.newsflow.ingest;

import java.util.Iterator;

/** Results of one input file, produced lazily; closing releases the file. Not thread-safe. */
interface ItemSource extends Iterator<ReadResult>, AutoCloseable {

    /** Location of the whole file, for reporting unexpected failures. */
    String location();

    @Override
    void close();
}
