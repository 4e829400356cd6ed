package io.newsflow.enrich.entity;

import com.sun.management.HotSpotDiagnosticMXBean;
import edu.stanford.nlp.ie.crf.CRFClassifier;
import edu.stanford.nlp.ling.CoreAnnotations;
import edu.stanford.nlp.ling.CoreLabel;
import io.newsflow.enrich.Deadline;
import io.newsflow.enrich.Document;
import io.newsflow.enrich.text.Sentence;
import io.newsflow.enrich.text.TextLayer;
import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Named-entity recognition with Stanford CoreNLP's CRF classifier ({@code english.conll.4class.distsim}, trained on
 * CoNLL-2003 English; GPL-3.0-or-later), called directly on PTB tokens: no POS tagging, no other annotators. The
 * model is loaded once per JVM ({@link #shared()}); classification is thread-safe.
 *
 * <p>CoreNLP's feature extractor ({@code NERFeatureFactory.featuresC}, about 10 KB of bytecode) and its tokenizer
 * ({@code PTBLexer.next}) exceed HotSpot's huge-method limit (8,000 bytes), so by default they are never
 * JIT-compiled and run in the interpreter. Start the JVM with {@value #JIT_FLAG} for about 40% more throughput;
 * the model logs a warning when it loads without it.
 */
public final class CrfEntityRecognizer implements EntityRecognizer {

    /** The JVM option that lets HotSpot compile CoreNLP's huge methods. */
    public static final String JIT_FLAG = "-XX:-DontCompileHugeMethods";

    private static final Logger LOG = LoggerFactory.getLogger(CrfEntityRecognizer.class);

    static final String MODEL = "edu/stanford/nlp/models/ner/english.conll.4class.distsim.crf.ser.gz";
    private final CRFClassifier<CoreLabel> classifier;

    private CrfEntityRecognizer(CRFClassifier<CoreLabel> classifier) {
        this.classifier = classifier;
    }

    /** The per-JVM instance (model load about 1.5 s, about 200 MB of heap). */
    public static CrfEntityRecognizer shared() {
        return Holder.INSTANCE;
    }

    private static final class Holder {
        static final CrfEntityRecognizer INSTANCE = load();
    }

    /**
     * Whether this JVM JIT-compiles huge methods ({@value #JIT_FLAG}); empty where the JVM does not say (not HotSpot).
     */
    public static Optional<Boolean> compilesHugeMethods() {
        try {
            HotSpotDiagnosticMXBean hotSpot = ManagementFactory.getPlatformMXBean(HotSpotDiagnosticMXBean.class);
            if (hotSpot == null) {
                return Optional.empty();
            }
            return Optional.of(!Boolean.parseBoolean(hotSpot.getVMOption("DontCompileHugeMethods").getValue()));
        } catch (IllegalArgumentException | LinkageError | SecurityException e) {
            return Optional.empty();
        }
    }

    private static CrfEntityRecognizer load() {
        if (compilesHugeMethods().map(compiled -> !compiled).orElse(false)) {
            LOG.warn("CoreNLP's NER feature extractor and tokenizer run interpreted in this JVM: start newsflow with "
                    + "bin/newsflow (or java {}) for about 40% more entity throughput", JIT_FLAG);
        }
        try {
            return new CrfEntityRecognizer(CRFClassifier.getClassifier(MODEL));
        } catch (IOException | ClassNotFoundException e) {
            throw new IllegalStateException("cannot load NER model " + MODEL, e);
        }
    }

    @Override
    public String name() {
        return "corenlp-crf-conll4";
    }

    @Override
    public List<NamedSpan> recognize(Document document) {
        List<NamedSpan> spans = new ArrayList<>();
        recognize(document, Document.Field.TITLE, spans);
        recognize(document, Document.Field.BODY, spans);
        return spans;
    }

    private void recognize(Document document, Document.Field field, List<NamedSpan> out) {
        TextLayer layer = document.layer(field);
        for (Sentence sentence : layer.sentences()) {
            Deadline.check();
            tagged(classifier.classifySentence(layer.coreLabels(sentence)), layer.text(), field, out);
        }
    }

    /** Labels for pre-tokenised sentences (CoNLL evaluation); one label per token: PER, ORG, LOC, MISC or O. */
    public List<String> label(List<String> words) {
        List<CoreLabel> sentence = new ArrayList<>(words.size());
        for (String w : words) {
            CoreLabel l = new CoreLabel();
            l.setWord(w);
            l.setValue(w);
            l.setOriginalText(w);
            sentence.add(l);
        }
        List<String> labels = new ArrayList<>(words.size());
        for (CoreLabel l : classifier.classifySentence(sentence)) {
            labels.add(shortType(l.get(CoreAnnotations.AnswerAnnotation.class)));
        }
        return labels;
    }

    private static void tagged(List<CoreLabel> labels, String text, Document.Field field, List<NamedSpan> out) {
        int i = 0;
        while (i < labels.size()) {
            String type = labels.get(i).get(CoreAnnotations.AnswerAnnotation.class);
            if (type == null || type.equals("O")) {
                i++;
                continue;
            }
            int j = i + 1;
            while (j < labels.size() && type.equals(labels.get(j).get(CoreAnnotations.AnswerAnnotation.class))) {
                j++;
            }
            int start = labels.get(i).beginPosition();
            int end = labels.get(j - 1).endPosition();
            out.add(new NamedSpan(field, start, end, text.substring(start, end), entityType(type)));
            i = j;
        }
    }

    private static Document.EntityType entityType(String label) {
        return switch (label) {
            case "PERSON" -> Document.EntityType.PERSON;
            case "ORGANIZATION" -> Document.EntityType.ORGANIZATION;
            case "LOCATION" -> Document.EntityType.LOCATION;
            default -> Document.EntityType.MISC;
        };
    }

    private static String shortType(String label) {
        return switch (label == null ? "O" : label) {
            case "PERSON" -> "PER";
            case "ORGANIZATION" -> "ORG";
            case "LOCATION" -> "LOC";
            case "MISC" -> "MISC";
            default -> "O";
        };
    }
}
