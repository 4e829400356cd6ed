package io.newsflow.ingest;

import io.newsflow.schema.RawArticle;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.Deque;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.NoSuchElementException;
import java.util.Set;
import java.util.Spliterator;
import java.util.Spliterators;
import java.util.stream.Stream;
import java.util.stream.StreamSupport;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Reads articles from files and folders into {@link ReadResult}s, choosing the format by file extension
 * (case-insensitive):
 * <ul>
 *   <li>{@code .jsonl}, {@code .ndjson}: one JSON object per line in the {@link ArticleJson} input format; blank
 *       lines skipped; results located as {@code file:LINE}; an id is derived when missing.</li>
 *   <li>{@code .txt}: one plain-text article: headline line, blank line, body; when the second line is not blank
 *       the whole file is the body and there is no headline. Id = file name without extension; content type
 *       {@code text/plain}.</li>
 *   <li>{@code .xml}, {@code .rss}, {@code .atom}: RSS 2.0 (and 1.0) items or Atom 1.0 entries, located as
 *       {@code file#item N} / {@code file#entry N}. RSS: id = guid, else link; body = {@code content:encoded}, else
 *       {@code description} ({@code text/html}); source = channel title; authors from {@code author} and
 *       {@code dc:creator}; keywords from {@code category}. Atom: id, alternate link, {@code published} else
 *       {@code updated}, author names, {@code content} else {@code summary} (type {@code html}/{@code xhtml}:
 *       {@code text/html}, {@code text}: {@code text/plain}), categories; source = feed title. DTDs are ignored and
 *       never fetched, so external entities are never resolved. A well-formedness error ends the file with one
 *       failure for the file; items completed before it are kept.</li>
 * </ul>
 * Folders are walked recursively, entries of each folder in name order, skipping hidden entries (names starting
 * with a dot) and files of other types; symbolic links are followed, cycles reported. A path given explicitly that
 * is missing or of an unsupported type yields a failed result. Bad input never throws: every problem becomes a
 * failed result and reading goes on. {@code ingestedAt} is always null (the publisher stamps it).
 *
 * <p>Results are produced lazily, one at a time, from both {@link Stream#forEach} and {@link Stream#iterator}:
 * at most one file is open and JSON Lines and feed files are never held in memory whole. The returned stream must
 * be closed to release an open file early. This class is stateless and thread-safe; each stream is single-threaded.
 */
public final class ArticleReader {

    /** Largest {@code .txt} article read, in bytes. */
    public static final long MAX_TEXT_BYTES = 32L * 1024 * 1024;

    private static final Logger LOG = LoggerFactory.getLogger(ArticleReader.class);
    private static final Set<String> JSON_LINES = Set.of("jsonl", "ndjson");
    private static final Set<String> FEEDS = Set.of("xml", "rss", "atom");
    private static final String TEXT = "txt";
    private static final String EXPECTED = "expected .jsonl, .ndjson, .txt, .xml, .rss or .atom";

    /** Creates a reader; it has no configuration. */
    public ArticleReader() {
    }

    /** Reads every supported file under {@code paths}, in the order given (see the class comment). */
    public Stream<ReadResult> read(List<Path> paths) {
        Results results = new Results(List.copyOf(paths));
        return StreamSupport.stream(Spliterators.spliteratorUnknownSize(results,
                Spliterator.ORDERED | Spliterator.NONNULL), false).onClose(results::close);
    }

    /** True when the file's extension names a supported format. */
    public static boolean isSupported(Path file) {
        String ext = extension(file);
        return JSON_LINES.contains(ext) || FEEDS.contains(ext) || TEXT.equals(ext);
    }

    static String describe(Exception e) {
        String message = e.getMessage();
        return message == null || message.isBlank() ? e.getClass().getSimpleName()
                : e.getClass().getSimpleName() + ": " + message;
    }

    private static String extension(Path file) {
        Path name = file.getFileName();
        String s = name == null ? "" : name.toString();
        int dot = s.lastIndexOf('.');
        return dot < 0 ? "" : s.substring(dot + 1).toLowerCase(Locale.ROOT);
    }

    /** Reads one plain-text article (see the class comment). */
    static ReadResult readText(Path file) {
        String label = file.toString();
        String text;
        try {
            long size = Files.size(file);
            if (size > MAX_TEXT_BYTES) {
                return ReadResult.failed(label, "text file larger than " + MAX_TEXT_BYTES + " bytes");
            }
            text = StandardCharsets.UTF_8.newDecoder()
                    .onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT)
                    .decode(ByteBuffer.wrap(Files.readAllBytes(file)))
                    .toString();
        } catch (CharacterCodingException e) {
            return ReadResult.failed(label, "not valid UTF-8 text");
        } catch (IOException e) {
            return ReadResult.failed(label, "cannot read: " + describe(e));
        }
        if (text.startsWith("\uFEFF")) {
            text = text.substring(1);
        }
        text = text.replace("\r\n", "\n").replace('\r', '\n');
        String title = null;
        String body = text;
        int firstEnd = text.indexOf('\n');
        if (firstEnd >= 0 && !text.substring(0, firstEnd).isBlank()) {
            int secondEnd = text.indexOf('\n', firstEnd + 1);
            String second = text.substring(firstEnd + 1, secondEnd < 0 ? text.length() : secondEnd);
            if (secondEnd >= 0 && second.isBlank()) {
                title = text.substring(0, firstEnd).strip();
                body = text.substring(secondEnd + 1);
            }
        }
        if (body.isBlank()) {
            return ReadResult.failed(label, title == null ? "empty text file" : "headline but no body");
        }
        String name = file.getFileName().toString();
        String id = name.substring(0, name.lastIndexOf('.'));
        return ReadResult.ok(label, RawArticle.newBuilder()
                .setId(id)
                .setTitle(title)
                .setBody(body.strip())
                .setContentType("text/plain")
                .setIngestedAt(null)
                .setAuthors(new ArrayList<>())
                .setKeywords(new ArrayList<>())
                .setAttributes(new LinkedHashMap<>())
                .build());
    }

    private record Pending(Path path, boolean explicit, List<Path> ancestors) {
    }

    /** Depth-first walk over the inputs; opens one file at a time. */
    private static final class Results implements Iterator<ReadResult> {

        private final Deque<Pending> pending = new ArrayDeque<>();
        private ItemSource current;
        private ReadResult next;
        private boolean closed;

        Results(List<Path> paths) {
            for (Path p : paths) {
                pending.addLast(new Pending(p, true, List.of()));
            }
        }

        @Override
        public boolean hasNext() {
            while (next == null && !closed) {
                if (current != null) {
                    pull();
                    continue;
                }
                Pending p = pending.pollFirst();
                if (p == null) {
                    break;
                }
                next = open(p);
            }
            return next != null;
        }

        @Override
        public ReadResult next() {
            if (!hasNext()) {
                throw new NoSuchElementException();
            }
            ReadResult result = next;
            next = null;
            return result;
        }

        private void pull() {
            try {
                if (current.hasNext()) {
                    next = current.next();
                } else {
                    closeCurrent();
                }
            } catch (RuntimeException e) {
                LOG.warn("{}: unexpected failure while reading", current.location(), e);
                next = ReadResult.failed(current.location(), "unexpected failure while reading: " + describe(e));
                closeCurrent();
            }
        }

        /** Returns a result for the path itself, or null after queueing folder entries or opening a file. */
        private ReadResult open(Pending p) {
            Path path = p.path();
            String label = path.toString();
            try {
                if (Files.isDirectory(path)) {
                    return expand(p);
                }
                if (!Files.exists(path)) {
                    return ReadResult.failed(label, "no such file or directory");
                }
                if (!Files.isRegularFile(path)) {
                    return p.explicit() ? ReadResult.failed(label, "not a regular file") : null;
                }
                String ext = extension(path);
                if (JSON_LINES.contains(ext)) {
                    current = new JsonLinesSource(path);
                } else if (FEEDS.contains(ext)) {
                    current = new FeedSource(path);
                } else if (TEXT.equals(ext)) {
                    return readText(path);
                } else if (p.explicit()) {
                    return ReadResult.failed(label, "unsupported file type (" + EXPECTED + ")");
                } else {
                    LOG.debug("{}: skipped, unsupported file type", label);
                }
                return null;
            } catch (IOException | RuntimeException e) {
                return ReadResult.failed(label, "cannot read: " + describe(e));
            }
        }

        private ReadResult expand(Pending p) throws IOException {
            Path dir = p.path();
            Path real = dir.toRealPath();
            if (p.ancestors().contains(real)) {
                return ReadResult.failed(dir.toString(), "directory cycle through a symbolic link, skipped");
            }
            List<Path> entries;
            try (Stream<Path> list = Files.list(dir)) {
                entries = list.filter(e -> !isHidden(e))
                        .sorted(Comparator.comparing(e -> e.getFileName().toString()))
                        .toList();
            }
            List<Path> ancestors = new ArrayList<>(p.ancestors());
            ancestors.add(real);
            List<Path> chain = List.copyOf(ancestors);
            for (int i = entries.size() - 1; i >= 0; i--) {
                pending.addFirst(new Pending(entries.get(i), false, chain));
            }
            return null;
        }

        private static boolean isHidden(Path entry) {
            if (entry.getFileName().toString().startsWith(".")) {
                return true;
            }
            try {
                return Files.isHidden(entry);
            } catch (IOException e) {
                return false;
            }
        }

        private void closeCurrent() {
            if (current != null) {
                current.close();
                current = null;
            }
        }

        void close() {
            closed = true;
            next = null;
            pending.clear();
            closeCurrent();
        }
    }
}
