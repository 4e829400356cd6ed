package io.newsflow.tools.eval;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.newsflow.enrich.Document;
import io.newsflow.enrich.Stage;
import io.newsflow.enrich.entity.EntityStage;
import io.newsflow.enrich.PipelineStages;
import io.newsflow.eval.GoldFormat;
import io.newsflow.ingest.ArticleReader;
import io.newsflow.ingest.ReadResult;
import io.newsflow.topology.Documents;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Consumer;
import java.util.stream.Stream;

/**
 * Runs the enrichment stages on article files without Kafka and renders each article in the gold format
 * ({@link GoldFormat}): what {@code annotate} prints and what {@code eval gold} scores when it is given no prediction
 * file. Stateless; thread-safe when the stages are.
 */
public final class Annotator {

    private Annotator() {
    }

    /**
     * Annotates every article read from {@code paths} (files or folders, as {@link ArticleReader} reads them), in
     * order.
     *
     * @param explain also render the rules behind each entity and each quote's and stance's cue, rule and confidence
     *     ({@code annotate --explain})
     * @param onArticle receives each article's gold-format object
     * @param onFailure receives one line per article that could not be read ({@code skipped LOCATION: why}) or
     *     enriched ({@code failed LOCATION: why})
     * @return the number of failures
     */
    public static int annotate(List<Path> paths, PipelineStages stages, boolean explain,
                               Consumer<ObjectNode> onArticle, Consumer<String> onFailure) {
        int failed = 0;
        try (Stream<ReadResult> items = new ArticleReader().read(paths)) {
            for (ReadResult item : (Iterable<ReadResult>) items::iterator) {
                if (!item.isOk()) {
                    onFailure.accept("skipped " + item.location() + ": " + item.error());
                    failed++;
                    continue;
                }
                try {
                    Document doc = stages.process(Documents.fromRaw(item.article()));
                    Map<String, List<String>> entityRules = Map.of();
                    if (explain) {
                        for (Stage stage : stages.enrichment().stages()) {
                            if (stage instanceof EntityStage entities) {
                                // deterministic: the same input gives the same entities, now with their rules
                                entityRules = entities.explain(doc).rules();
                            }
                        }
                    }
                    onArticle.accept(GoldFormat.toNode(doc, explain, entityRules));
                } catch (RuntimeException e) {
                    onFailure.accept("failed " + item.location() + ": " + e.getMessage());
                    failed++;
                }
            }
        }
        return failed;
    }

    /**
     * The {@code .txt} articles of a gold folder in file-name order, limited to {@code ids} (file name without
     * extension) unless that is null.
     */
    public static List<Path> texts(Path goldDir, Set<String> ids) throws IOException {
        try (Stream<Path> files = Files.list(goldDir)) {
            return files.filter(f -> f.getFileName().toString().endsWith(".txt") && Files.isRegularFile(f))
                    .filter(f -> ids == null || ids.contains(stem(f)))
                    .sorted()
                    .toList();
        }
    }

    private static String stem(Path file) {
        String name = file.getFileName().toString();
        return name.substring(0, name.length() - ".txt".length());
    }
}
