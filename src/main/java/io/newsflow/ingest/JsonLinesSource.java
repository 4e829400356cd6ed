package io.newsflow.ingest;

import io.newsflow.schema.RawArticle;
import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CharsetDecoder;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Reads a JSON Lines file one line at a time: one {@link ReadResult} per non-blank line, located as
 * {@code file:LINE}. Lines end at LF, CR or CRLF; a UTF-8 byte order mark is ignored. A line that is not valid UTF-8
 * or longer than {@link #MAX_LINE_BYTES} fails on its own and reading goes on. Not thread-safe.
 */
final class JsonLinesSource extends ItemSource {

    static final int MAX_LINE_BYTES = 32 * 1024 * 1024;

    private static final Logger LOG = LoggerFactory.getLogger(JsonLinesSource.class);
    private static final int EOF = -1;
    private static final int LINE = 0;
    private static final int TOO_LONG = 1;

    private final Path file;
    private final CharsetDecoder decoder = StandardCharsets.UTF_8.newDecoder()
            .onMalformedInput(CodingErrorAction.REPORT)
            .onUnmappableCharacter(CodingErrorAction.REPORT);
    private final byte[] buffer = new byte[65536];
    private byte[] line = new byte[1024];
    private int lineLength;
    private InputStream in;
    private int pos;
    private int len;
    private boolean skipLineFeed;
    private int lineNo;

    JsonLinesSource(Path file) {
        super(file.toString());
        this.file = file;
    }

    @Override
    protected ReadResult advance() {
        try {
            if (in == null) {
                in = Files.newInputStream(file);
            }
            while (true) {
                int status = readLine();
                if (status == EOF) {
                    done = true;
                    return null;
                }
                lineNo++;
                String location = location() + ":" + lineNo;
                if (status == TOO_LONG) {
                    return ReadResult.failed(location, "line longer than " + MAX_LINE_BYTES + " bytes, skipped");
                }
                String text;
                try {
                    text = decoder.reset().decode(ByteBuffer.wrap(line, 0, lineLength)).toString();
                } catch (CharacterCodingException e) {
                    return ReadResult.failed(location, "not valid UTF-8 text");
                }
                if (lineNo == 1 && text.startsWith("\uFEFF")) {
                    text = text.substring(1);
                }
                if (!text.isBlank()) {
                    return parse(location, text);
                }
            }
        } catch (IOException e) {
            done = true;
            return ReadResult.failed(lineNo == 0 ? location() : location() + ":" + (lineNo + 1),
                    "cannot read: " + ArticleReader.describe(e));
        }
    }

    private static ReadResult parse(String location, String text) {
        try {
            RawArticle article = ArticleJson.parseArticle(text, null);
            article.setIngestedAt(null);
            return ReadResult.ok(location, article);
        } catch (IllegalArgumentException e) {
            return ReadResult.failed(location, e.getMessage());
        }
    }

    /** Reads the bytes up to the next CR, LF or CRLF into {@code line}; drops the content of over-long lines. */
    private int readLine() throws IOException {
        lineLength = 0;
        boolean any = false;
        boolean tooLong = false;
        while (true) {
            if (pos == len) {
                len = in.read(buffer);
                pos = 0;
                if (len <= 0) {
                    len = 0;
                    return !any ? EOF : tooLong ? TOO_LONG : LINE;
                }
            }
            if (skipLineFeed) {
                skipLineFeed = false;
                if (buffer[pos] == '\n') {
                    pos++;
                    continue;
                }
            }
            any = true;
            int start = pos;
            while (pos < len && buffer[pos] != '\n' && buffer[pos] != '\r') {
                pos++;
            }
            int n = pos - start;
            if (!tooLong) {
                if (lineLength + n > MAX_LINE_BYTES) {
                    tooLong = true;
                    lineLength = 0;
                } else {
                    if (lineLength + n > line.length) {
                        line = Arrays.copyOf(line, Math.min(MAX_LINE_BYTES, Math.max(lineLength + n, line.length * 2)));
                    }
                    System.arraycopy(buffer, start, line, lineLength, n);
                    lineLength += n;
                }
            }
            if (pos < len) {
                skipLineFeed = buffer[pos] == '\r';
                pos++;
                return tooLong ? TOO_LONG : LINE;
            }
        }
    }

    @Override
    public void close() {
        done = true;
        if (in != null) {
            try {
                in.close();
            } catch (IOException e) {
                LOG.debug("{}: closing the file failed", location(), e);
            }
            in = null;
        }
    }
}
