package io.newsflow.bench;

import io.newsflow.enrich.Document;
import io.newsflow.enrich.PipelineStages;
import io.newsflow.enrich.Stage;
import io.newsflow.enrich.StageRunner;
import io.newsflow.enrich.kb.LeaderMatcher;
import io.newsflow.schema.RawArticle;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Single-thread throughput of each stage, without Kafka, on generated ~700-token articles: each stage runs on the
 * output of the stages before it, after a warm-up pass. Not thread-safe.
 */
public final class StageBenchmark {

    /** Articles per second per stage, in chain order, and for the whole chain. */
    public record Result(Map<String, Double> perStage, double chain, int articles) {
    }

    private StageBenchmark() {
    }

    /** Single-thread articles/s of the knowledge-base leader matcher (the alerting fast path) on raw text. */
    public static double leaderMatcher(LeaderMatcher matcher, int articles, int warmup) {
        CorpusGenerator corpus = new CorpusGenerator(11);
        List<String> texts = new ArrayList<>(articles);
        for (int i = 0; i < articles; i++) {
            RawArticle a = corpus.next("match");
            texts.add(a.getTitle() + "\n" + a.getBody());
        }
        long sink = 0;
        for (int i = 0; i < Math.min(warmup, articles); i++) {
            sink += matcher.find(texts.get(i), null).size();
        }
        long started = System.nanoTime();
        for (String t : texts) {
            sink += matcher.find(t, null).size();
        }
        long nanos = System.nanoTime() - started;
        if (sink < 0) {
            throw new IllegalStateException("unreachable");
        }
        return articles * 1e9 / Math.max(1, nanos);
    }

    public static Result run(PipelineStages stages, int articles, int warmup) {
        CorpusGenerator corpus = new CorpusGenerator(7);
        List<Document> docs = new ArrayList<>(articles);
        for (int i = 0; i < articles; i++) {
            RawArticle a = corpus.next("stage");
            docs.add(Document.of(a.getId(), a.getTitle(), a.getBody(), false, a.getLanguage(), a.getPublishedAt()));
        }
        List<Stage> chain = new ArrayList<>();
        chain.add(stages.normalizer());
        chain.addAll(stages.enrichment().stages());
        Map<String, Double> perStage = new LinkedHashMap<>();
        long totalNanos = 0;
        List<Document> current = docs;
        for (Stage stage : chain) {
            for (int i = 0; i < Math.min(warmup, current.size()); i++) {
                StageRunner.run(stage, current.get(i));
            }
            List<Document> next = new ArrayList<>(current.size());
            long started = System.nanoTime();
            for (Document d : current) {
                next.add(StageRunner.run(stage, d));
            }
            long nanos = System.nanoTime() - started;
            totalNanos += nanos;
            perStage.put(stage.name(), current.size() * 1e9 / Math.max(1, nanos));
            current = next;
        }
        return new Result(perStage, articles * 1e9 / Math.max(1, totalNanos), articles);
    }
}
