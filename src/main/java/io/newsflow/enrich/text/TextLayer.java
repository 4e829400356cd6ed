package io.newsflow.enrich.text;

import edu.stanford.nlp.ling.CoreLabel;
import edu.stanford.nlp.ling.TaggedWord;
import edu.stanford.nlp.process.CoreLabelTokenFactory;
import edu.stanford.nlp.process.PTBTokenizer;
import edu.stanford.nlp.process.WordToSentenceProcessor;
import edu.stanford.nlp.semgraph.SemanticGraph;
import edu.stanford.nlp.trees.GrammaticalStructure;
import edu.stanford.nlp.trees.TypedDependency;
import io.newsflow.enrich.Deadline;
import java.io.StringReader;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.atomic.AtomicReferenceArray;

/**
 * The shared text layer of one text (a headline or a normalised body), built once and read by every stage: tokens
 * with offsets, sentences (CoreNLP's PTB tokenizer and sentence splitter, which know abbreviations such as "U.S.",
 * "Gen." or "Jan."; a sentence never crosses a paragraph break), paragraphs, quotation regions, and, computed
 * lazily per sentence and cached, part-of-speech tags, lemmas and a Universal Dependencies parse. A stage that never
 * asks for tags or a parse pays nothing for them.
 *
 * <p>Thread-safe: the eager layers are immutable; the lazy ones are computed at most a few times under a race and
 * published through atomic arrays (the results are deterministic, so any copy is the same).
 */
public final class TextLayer {

    /** The tokenizer's options: offsets kept, no PTB escaping of brackets or quotes, hyphenated words kept whole. */
    public static final String TOKENIZER_OPTIONS = "invertible=true,untokenizable=noneKeep,ptb3Escaping=false,"
            + "normalizeParentheses=false,normalizeOtherBrackets=false,splitHyphenated=false";
    /** Sentences longer than this many tokens are not tagged by the model nor parsed (cost bound). */
    public static final int MAX_ANALYSED_TOKENS = 150;
    /**
     * A sentence of the splitter longer than this many tokens is cut into pieces of at most this many (cost bound:
     * the entity model's features are quadratic in the sentence length). No sentence of the 55 real-news articles
     * comes near it.
     */
    public static final int MAX_SENTENCE_TOKENS = 200;
    /**
     * A paragraph longer than this is tokenised in pieces of at most this many characters, cut after a sentence end
     * or a space where possible: the tokenizer's cost grows faster than linearly on long runs without spaces (CJK).
     * The longest paragraph of the 55 real-news articles has under 1,000 characters.
     */
    public static final int MAX_TOKENIZED_CHARS = 4_000;
    static final int CHUNK_WINDOW = 1_000;
    /** Tokens longer than this many characters reach the statistical models cut to this length (cost bound). */
    public static final int MAX_MODEL_TOKEN_CHARS = 64;
    /**
     * What the English tagger reads in place of a word written in another script: such words are all unknown to it,
     * and a run of unknown words makes its exact best-sequence search costly. A proper noun it knows.
     */
    static final String FOREIGN_WORD_PROXY = "Smith";

    private final String text;
    private final List<Paragraph> paragraphs;
    private final List<Sentence> sentences;
    private final List<Token> tokens;
    private final List<CoreLabel> labels;
    private final List<QuoteRegion> quotes;
    private final AtomicReferenceArray<String[][]> tagged;
    private final AtomicReferenceArray<DependencyParse> parses;

    private TextLayer(String text) {
        this.text = text;
        List<Paragraph> ps = new ArrayList<>();
        List<Sentence> ss = new ArrayList<>();
        List<Token> ts = new ArrayList<>();
        List<CoreLabel> ls = new ArrayList<>();
        int start = 0;
        while (start <= text.length()) {
            int nl = text.indexOf('\n', start);
            int end = nl < 0 ? text.length() : nl;
            Deadline.check();
            if (end > start && !text.substring(start, end).isBlank()) {
                int p = ps.size();
                ps.add(new Paragraph(p, start, end));
                for (int cs = start; cs < end; ) {
                    int ce = chunkEnd(text, cs, end);
                    Deadline.check();
                    List<CoreLabel> chunkTokens = new PTBTokenizer<>(new StringReader(text.substring(cs, ce)),
                            new CoreLabelTokenFactory(), TOKENIZER_OPTIONS).tokenize();
                    for (List<CoreLabel> sentence : bounded(new WordToSentenceProcessor<CoreLabel>()
                            .process(chunkTokens))) {
                        if (sentence.isEmpty()) {
                            continue;
                        }
                        int s = ss.size();
                        int first = ts.size();
                        for (CoreLabel l : sentence) {
                            int b = cs + l.beginPosition();
                            int e = cs + l.endPosition();
                            l.setBeginPosition(b);
                            l.setEndPosition(e);
                            ts.add(new Token(ts.size(), b, e, text.substring(b, e), s));
                            ls.add(l);
                        }
                        ss.add(new Sentence(s, ts.get(first).start(), ts.get(ts.size() - 1).end(), first,
                                ts.size(), p));
                    }
                    cs = ce;
                }
            }
            if (nl < 0) {
                break;
            }
            start = nl + 1;
        }
        this.paragraphs = List.copyOf(ps);
        this.sentences = List.copyOf(ss);
        this.tokens = List.copyOf(ts);
        this.labels = Collections.unmodifiableList(ls);
        this.quotes = List.copyOf(QuoteMarks.find(text));
        this.tagged = new AtomicReferenceArray<>(ss.size());
        this.parses = new AtomicReferenceArray<>(ss.size());
    }

    /**
     * End of the next piece of a paragraph to tokenise, at most {@link #MAX_TOKENIZED_CHARS} after {@code from}:
     * after a sentence end in the last {@link #CHUNK_WINDOW} characters if there is one, else after a space, else
     * (text without spaces) at the limit.
     */
    static int chunkEnd(String text, int from, int end) {
        if (end - from <= MAX_TOKENIZED_CHARS) {
            return end;
        }
        int limit = from + MAX_TOKENIZED_CHARS;
        int low = Math.max(from + 1, limit - CHUNK_WINDOW);
        for (int i = limit; i >= low; i--) {
            char c = text.charAt(i);
            char before = text.charAt(i - 1);
            if (before == '。' || before == '！' || before == '？') {
                return i;
            }
            if (Character.isWhitespace(c) && i >= 2 && (before == '?' || before == '!'
                    || before == '.' && Character.isLowerCase(text.charAt(i - 2)))) {
                return i + 1;
            }
        }
        for (int i = limit; i >= low; i--) {
            if (Character.isWhitespace(text.charAt(i))) {
                return i + 1;
            }
        }
        return Character.isHighSurrogate(text.charAt(limit - 1)) ? limit - 1 : limit;
    }

    /** The splitter's sentences, those over {@link #MAX_SENTENCE_TOKENS} cut into consecutive pieces. */
    private static List<List<CoreLabel>> bounded(List<List<CoreLabel>> sentences) {
        List<List<CoreLabel>> out = new ArrayList<>(sentences.size());
        for (List<CoreLabel> s : sentences) {
            for (int from = 0; from < s.size(); from += MAX_SENTENCE_TOKENS) {
                out.add(s.subList(from, Math.min(s.size(), from + MAX_SENTENCE_TOKENS)));
            }
        }
        return out;
    }

    /** Builds the eager layers of {@code text} (tokens, sentences, paragraphs, quotation regions). */
    public static TextLayer of(String text) {
        return new TextLayer(text == null ? "" : text);
    }

    /** The text the offsets refer to. */
    public String text() {
        return text;
    }

    public List<Paragraph> paragraphs() {
        return paragraphs;
    }

    public List<Sentence> sentences() {
        return sentences;
    }

    public List<Token> tokens() {
        return tokens;
    }

    /** Outer quotation regions in text order. */
    public List<QuoteRegion> quotes() {
        return quotes;
    }

    /** The tokens of one sentence. */
    public List<Token> tokens(Sentence s) {
        return tokens.subList(s.firstToken(), s.endToken());
    }

    /** The sentence holding {@code offset}, or the nearest one before it; null when the text has none. */
    public Sentence sentenceAt(int offset) {
        int lo = 0;
        int hi = sentences.size();
        while (lo < hi) {
            int mid = (lo + hi) >>> 1;
            if (sentences.get(mid).start() <= offset) {
                lo = mid + 1;
            } else {
                hi = mid;
            }
        }
        return lo == 0 ? null : sentences.get(lo - 1);
    }

    /** Index of the first token ending after {@code offset}, or the token count. */
    public int tokenAt(int offset) {
        int lo = 0;
        int hi = tokens.size();
        while (lo < hi) {
            int mid = (lo + hi) >>> 1;
            if (tokens.get(mid).end() <= offset) {
                lo = mid + 1;
            } else {
                hi = mid;
            }
        }
        return lo;
    }

    /** The quotation region covering {@code offset}, or null. */
    public QuoteRegion quoteAt(int offset) {
        for (QuoteRegion q : quotes) {
            if (q.covers(offset)) {
                return q;
            }
            if (q.open() > offset) {
                break;
            }
        }
        return null;
    }

    /**
     * Fresh CoreNLP labels of one sentence (word, offsets into {@link #text()}, whitespace), for models that take
     * them; the caller may modify the copies.
     */
    public List<CoreLabel> coreLabels(Sentence s) {
        List<CoreLabel> out = new ArrayList<>(s.size());
        for (int i = s.firstToken(); i < s.endToken(); i++) {
            CoreLabel l = new CoreLabel(labels.get(i));
            if (l.word() != null && l.word().length() > MAX_MODEL_TOKEN_CHARS) {
                setWord(l, cut(l.word()));
            }
            out.add(l);
        }
        return out;
    }

    private static String cut(String word) {
        int end = MAX_MODEL_TOKEN_CHARS;
        if (Character.isHighSurrogate(word.charAt(end - 1))) {
            end--;
        }
        return word.substring(0, end);
    }

    private static void setWord(CoreLabel l, String word) {
        l.setWord(word);
        l.setValue(word);
        l.setOriginalText(word);
    }

    /** True when {@code word} has letters and none of them is Latin (Cyrillic, Han, Arabic, Greek...). */
    static boolean foreignScript(String word) {
        boolean letters = false;
        for (int i = 0; i < word.length(); ) {
            int cp = word.codePointAt(i);
            if (Character.isLetter(cp)) {
                if (Character.UnicodeScript.of(cp) == Character.UnicodeScript.LATIN) {
                    return false;
                }
                letters = true;
            }
            i += Character.charCount(cp);
        }
        return letters;
    }

    /** Penn Treebank part-of-speech tag of a token (tags its sentence on first use). */
    public String pos(int token) {
        Token t = tokens.get(token);
        return tagging(t.sentence())[0][token - sentences.get(t.sentence()).firstToken()];
    }

    /** Lower-case lemma of a token (tags its sentence on first use). */
    public String lemma(int token) {
        Token t = tokens.get(token);
        return tagging(t.sentence())[1][token - sentences.get(t.sentence()).firstToken()];
    }

    /**
     * The dependency parse of a sentence, computed on first use and cached; null for a sentence longer than
     * {@link #MAX_ANALYSED_TOKENS}.
     */
    public DependencyParse parse(Sentence s) {
        if (s.size() > MAX_ANALYSED_TOKENS) {
            return null;
        }
        DependencyParse p = parses.get(s.index());
        if (p == null) {
            p = computeParse(s);
            parses.compareAndSet(s.index(), null, p);
            p = parses.get(s.index());
        }
        return p;
    }

    private String[][] tagging(int sentence) {
        String[][] t = tagged.get(sentence);
        if (t == null) {
            t = computeTags(sentences.get(sentence));
            tagged.compareAndSet(sentence, null, t);
            t = tagged.get(sentence);
        }
        return t;
    }

    private String[][] computeTags(Sentence s) {
        Deadline.check();
        String[] pos = new String[s.size()];
        String[] lemma = new String[s.size()];
        if (s.size() > MAX_ANALYSED_TOKENS) {
            for (int i = 0; i < s.size(); i++) {
                String w = tokens.get(s.firstToken() + i).text();
                pos[i] = Character.isLetter(w.charAt(0)) ? "NN" : "SYM";
                lemma[i] = w.toLowerCase(Locale.ROOT);
            }
            return new String[][] {pos, lemma};
        }
        List<CoreLabel> words = coreLabels(s);
        for (CoreLabel l : words) {
            if (foreignScript(l.word())) {
                setWord(l, FOREIGN_WORD_PROXY);
            }
        }
        List<TaggedWord> tags = NlpModels.tagger().tagSentence(words);
        for (int i = 0; i < s.size(); i++) {
            String w = tokens.get(s.firstToken() + i).text();
            pos[i] = tags.get(i).tag();
            lemma[i] = Lemmas.lemma(w, pos[i], true).toLowerCase(Locale.ROOT);
        }
        return new String[][] {pos, lemma};
    }

    private DependencyParse computeParse(Sentence s) {
        Deadline.check();
        String[][] t = tagging(s.index());
        List<CoreLabel> words = coreLabels(s);
        for (int i = 0; i < words.size(); i++) {
            words.get(i).setTag(t[0][i]);
            words.get(i).setLemma(t[1][i]);
            words.get(i).setIndex(i + 1);
        }
        GrammaticalStructure gs = NlpModels.parser().predict(words);
        int[] heads = new int[s.size()];
        String[] rels = new String[s.size()];
        java.util.Arrays.fill(heads, -1);
        java.util.Arrays.fill(rels, "dep");
        for (TypedDependency d : gs.typedDependencies()) {
            int dep = d.dep().index() - 1;
            if (dep < 0 || dep >= heads.length) {
                continue;
            }
            heads[dep] = d.gov().index() - 1;
            rels[dep] = d.reln().toString();
        }
        return new DependencyParse(heads, rels, new SemanticGraph(gs.typedDependencies()));
    }
}
