package io.newsflow.enrich.sentiment;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.text.Normalizer;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.Iterator;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * BERT uncased WordPiece tokenizer (the Hugging Face {@code BertNormalizer} + {@code BertPreTokenizer} + WordPiece
 * pipeline: clean text, lowercase, strip accents, split on whitespace, punctuation and CJK characters, greedy longest
 * match with {@code ##} continuations) that keeps the character span of every token in the original text. Immutable
 * and thread-safe.
 */
public final class WordPieceTokenizer {

    static final int CLS = 101;
    static final int SEP = 102;
    private static final int MAX_WORD_CHARS = 100;

    private final Map<String, Integer> vocab;
    private final int unknownId;

    /** Token ids with the original character span {@code [start, end)} of each; special tokens have -1. */
    public record Tokens(int[] ids, int[] starts, int[] ends) {

        /** Number of tokens including {@code [CLS]} and {@code [SEP]}. */
        public int size() {
            return ids.length;
        }
    }

    WordPieceTokenizer(Map<String, Integer> vocab) {
        this.vocab = Map.copyOf(vocab);
        this.unknownId = vocab.getOrDefault("[UNK]", 100);
    }

    /** Reads {@code model.vocab} of a Hugging Face {@code tokenizer.json} on the class path. */
    public static WordPieceTokenizer fromTokenizerJson(String resource) {
        try (InputStream in = WordPieceTokenizer.class.getClassLoader().getResourceAsStream(resource)) {
            if (in == null) {
                throw new IllegalStateException("tokenizer resource not found: " + resource);
            }
            JsonNode vocabNode = new ObjectMapper().readTree(in).path("model").path("vocab");
            Map<String, Integer> vocab = new HashMap<>();
            for (Iterator<Map.Entry<String, JsonNode>> it = vocabNode.fields(); it.hasNext(); ) {
                Map.Entry<String, JsonNode> e = it.next();
                vocab.put(e.getKey(), e.getValue().asInt());
            }
            return new WordPieceTokenizer(vocab);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Tokenizes {@code text} into {@code [CLS] pieces... [SEP]}, keeping at most {@code maxTokens} tokens in all. */
    public Tokens tokenize(String text, int maxTokens) {
        List<int[]> out = new ArrayList<>();
        out.add(new int[] {CLS, -1, -1});
        StringBuilder word = new StringBuilder();
        int wordStart = -1;
        int i = 0;
        while (i < text.length()) {
            int cp = text.codePointAt(i);
            int len = Character.charCount(cp);
            if (cp == 0 || cp == 0xFFFD || isControl(cp)) {
                i += len;
                continue;
            }
            if (isWhitespace(cp)) {
                flush(word, wordStart, i, out);
                wordStart = -1;
            } else if (isPunctuation(cp) || isCjk(cp)) {
                flush(word, wordStart, i, out);
                wordStart = -1;
                word.append(normalize(cp));
                flush(word, i, i + len, out);
            } else {
                if (wordStart < 0) {
                    wordStart = i;
                }
                word.append(normalize(cp));
            }
            i += len;
        }
        flush(word, wordStart, text.length(), out);
        int n = Math.min(out.size(), maxTokens - 1);
        int[] ids = new int[n + 1];
        int[] starts = new int[n + 1];
        int[] ends = new int[n + 1];
        for (int k = 0; k < n; k++) {
            ids[k] = out.get(k)[0];
            starts[k] = out.get(k)[1];
            ends[k] = out.get(k)[2];
        }
        ids[n] = SEP;
        starts[n] = -1;
        ends[n] = -1;
        return new Tokens(ids, starts, ends);
    }

    private void flush(StringBuilder word, int start, int end, List<int[]> out) {
        if (word.length() == 0) {
            return;
        }
        String w = word.toString();
        word.setLength(0);
        if (w.length() > MAX_WORD_CHARS) {
            out.add(new int[] {unknownId, start, end});
            return;
        }
        List<int[]> pieces = new ArrayList<>();
        int pos = 0;
        while (pos < w.length()) {
            int stop = w.length();
            Integer id = null;
            while (stop > pos) {
                String piece = (pos == 0 ? "" : "##") + w.substring(pos, stop);
                id = vocab.get(piece);
                if (id != null) {
                    break;
                }
                stop--;
            }
            if (id == null) {
                out.add(new int[] {unknownId, start, end});
                return;
            }
            pieces.add(new int[] {id, start, end});
            pos = stop;
        }
        out.addAll(pieces);
    }

    private static String normalize(int cp) {
        String lower = new String(Character.toChars(cp)).toLowerCase(Locale.ROOT);
        String nfd = Normalizer.normalize(lower, Normalizer.Form.NFD);
        StringBuilder s = new StringBuilder(nfd.length());
        for (int k = 0; k < nfd.length(); k++) {
            char c = nfd.charAt(k);
            if (Character.getType(c) != Character.NON_SPACING_MARK) {
                s.append(c);
            }
        }
        return s.toString();
    }

    private static boolean isWhitespace(int cp) {
        return cp == ' ' || cp == '\t' || cp == '\n' || cp == '\r' || Character.getType(cp) == Character.SPACE_SEPARATOR;
    }

    private static boolean isControl(int cp) {
        if (cp == '\t' || cp == '\n' || cp == '\r') {
            return false;
        }
        int type = Character.getType(cp);
        return type == Character.CONTROL || type == Character.FORMAT;
    }

    private static boolean isPunctuation(int cp) {
        if ((cp >= 33 && cp <= 47) || (cp >= 58 && cp <= 64) || (cp >= 91 && cp <= 96) || (cp >= 123 && cp <= 126)) {
            return true;
        }
        return switch (Character.getType(cp)) {
            case Character.CONNECTOR_PUNCTUATION, Character.DASH_PUNCTUATION, Character.START_PUNCTUATION,
                    Character.END_PUNCTUATION, Character.INITIAL_QUOTE_PUNCTUATION, Character.FINAL_QUOTE_PUNCTUATION,
                    Character.OTHER_PUNCTUATION -> true;
            default -> false;
        };
    }

    private static boolean isCjk(int cp) {
        return (cp >= 0x4E00 && cp <= 0x9FFF) || (cp >= 0x3400 && cp <= 0x4DBF) || (cp >= 0x20000 && cp <= 0x2A6DF)
                || (cp >= 0x2A700 && cp <= 0x2B73F) || (cp >= 0x2B740 && cp <= 0x2B81F)
                || (cp >= 0x2B820 && cp <= 0x2CEAF) || (cp >= 0xF900 && cp <= 0xFAFF)
                || (cp >= 0x2F800 && cp <= 0x2FA1F);
    }
}
