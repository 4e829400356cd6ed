package io.newsflow.enrich.text;

import edu.stanford.nlp.parser.nndep.DependencyParser;
import edu.stanford.nlp.tagger.maxent.MaxentTagger;
import java.util.Properties;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The statistical models of the text layer, each loaded once per JVM on first use: CoreNLP's part-of-speech tagger
 * ({@code english-left3words-distsim}, Penn Treebank tags) and its neural transition-based dependency parser
 * ({@code nndep/english_UD}, Universal Dependencies). Both are GPL-3.0-or-later, shipped in CoreNLP's models jar.
 * Thread-safe: the tagger and the parser are read-only after loading and may be called from several threads.
 */
public final class NlpModels {

    private static final Logger LOG = LoggerFactory.getLogger(NlpModels.class);
    /** Classpath location of the tagger model. */
    public static final String TAGGER = "edu/stanford/nlp/models/pos-tagger/english-left3words-distsim.tagger";
    /** Classpath location of the dependency parser model. */
    public static final String PARSER = "edu/stanford/nlp/models/parser/nndep/english_UD.gz";

    private NlpModels() {
    }

    private static final class Tagger {
        private static final MaxentTagger INSTANCE = loadTagger();
    }

    private static final class Parser {
        private static final DependencyParser INSTANCE = loadParser();
    }

    /** The shared part-of-speech tagger. */
    public static MaxentTagger tagger() {
        return Tagger.INSTANCE;
    }

    /** The shared dependency parser. */
    public static DependencyParser parser() {
        return Parser.INSTANCE;
    }

    private static MaxentTagger loadTagger() {
        long t0 = System.nanoTime();
        Properties props = new Properties();
        props.setProperty("model", TAGGER);
        MaxentTagger tagger = new MaxentTagger(TAGGER, props, false);
        LOG.info("Loaded part-of-speech tagger {} in {} ms", TAGGER, (System.nanoTime() - t0) / 1_000_000);
        return tagger;
    }

    private static DependencyParser loadParser() {
        long t0 = System.nanoTime();
        Properties props = new Properties();
        props.setProperty("model", PARSER);
        DependencyParser parser = DependencyParser.loadFromModelFile(PARSER, props);
        LOG.info("Loaded dependency parser {} in {} ms", PARSER, (System.nanoTime() - t0) / 1_000_000);
        return parser;
    }
}
