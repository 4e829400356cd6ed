package io.newsflow.it.browser;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.newsflow.alert.AlertEvaluator;
import io.newsflow.alert.Alerting;
import io.newsflow.alert.Watchlist;
import io.newsflow.alert.WatchlistSource;
import io.newsflow.app.NewsflowApp;
import io.newsflow.broker.TopicCreator;
import io.newsflow.config.PipelineConfig;
import io.newsflow.config.RuntimeConfig;
import io.newsflow.config.Topics;
import io.newsflow.enrich.PipelineStages;
import io.newsflow.enrich.kb.KnowledgeBase;
import io.newsflow.it.EmbeddedBrokerExtension;
import io.newsflow.schema.RawArticle;
import io.newsflow.serde.RecordCodec;
import io.newsflow.serde.SerdeFactory;
import io.newsflow.web.HttpOptions;
import java.net.URI;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * The live page behind a token, in headless Chromium, fed an article whose title and quote carry markup and script
 * (HTML-escaped in the source, so they survive normalisation as literal text): the page signs in through its form,
 * shows the hostile text as text, and nothing in it runs. The page's Content-Security-Policy blocks even markup that
 * a script injects on purpose.
 */
class HostileContentBrowserIT {

    private static final String TOKEN = "browser-test-token";

    @RegisterExtension
    static final EmbeddedBrokerExtension BROKER = new EmbeddedBrokerExtension();

    @TempDir
    Path tmp;

    @BeforeEach
    void needsChromium() {
        HeadlessChrome.assumeAvailable();
    }

    @Test
    void hostileTitleAndQuoteAreShownAsTextAndNothingRuns() throws Exception {
        Topics topics = new Topics("hostile-articles", "hostile-enriched", "hostile-dlq", "hostile-alerts",
                "hostile-mentions");
        TopicCreator.ensure(BROKER.bootstrapServers(), topics.all(), 1, (short) 1, Map.of());
        KnowledgeBase kb = KnowledgeBase.bundled();
        RuntimeConfig runtime = new RuntimeConfig(BROKER.bootstrapServers(), "hostile-it", tmp.resolve("state"),
                RuntimeConfig.DEFAULT_GUARANTEE, null, 1, 1, (short) 1, Map.of());
        Alerting alerting = Alerting.of(new AlertEvaluator(kb), WatchlistSource.fixed(Watchlist.defaults(kb)));
        PipelineStages stages = PipelineStages.named(List.of("language", "entities", "quotes"), kb);
        try (NewsflowApp app = NewsflowApp.start(new NewsflowApp.Settings(runtime, PipelineConfig.defaults(topics),
                stages, alerting, SerdeFactory.singleObject(), "127.0.0.1", 0, "127.0.0.1", Clock.systemUTC(),
                NewsflowApp.Role.ALL, HttpOptions.defaults().withAuthToken(TOKEN)));
             HeadlessChrome chrome = HeadlessChrome.start()) {
            URI page = URI.create("http://127.0.0.1:" + app.httpPort() + "/");
            chrome.open(page);
            assertThat(chrome.count("form[action='/login'] input#token")).isEqualTo(1);
            assertThat(chrome.count("#articles")).isZero();
            chrome.executeScript("document.getElementById('token').value = arguments[0];", TOKEN);
            chrome.click("#sign-in");
            await().atMost(30, TimeUnit.SECONDS).until(() -> chrome.count("#status[data-state='live']") == 1);
            Boolean cookieVisible = chrome.executeScriptAs(Boolean.class,
                    "return document.cookie.includes(arguments[0]);", TOKEN);
            assertThat(cookieVisible).as("the token cookie is HttpOnly").isFalse();

            RawArticle hostile = RawArticle.newBuilder().setId("hostile-1")
                    .setTitle("&lt;img src=x onerror=\"window.__pwned=1\"&gt; Lavrov talks "
                            + "&lt;script&gt;window.__pwned=2&lt;/script&gt;")
                    .setBody("<p>Russian Foreign Minister Sergei Lavrov spoke to reporters in Moscow on Tuesday.</p>"
                            + "<p>&#8220;We will not accept &lt;img src=y onerror=window.__pwned=3&gt; any new "
                            + "sanctions &lt;script&gt;window.__pwned=4&lt;/script&gt;,&#8221; Lavrov said.</p>")
                    .setIngestedAt(Instant.now()).build();
            RecordCodec<RawArticle> codec = new RecordCodec<>(SerdeFactory.singleObject(), RawArticle.class);
            Map<String, Object> p = Map.of(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, BROKER.bootstrapServers());
            try (KafkaProducer<String, byte[]> producer = new KafkaProducer<>(p, new StringSerializer(),
                    new ByteArraySerializer())) {
                producer.send(new ProducerRecord<>(topics.articles(), hostile.getId(),
                        codec.encode(topics.articles(), hostile))).get();
            }

            await().atMost(2, TimeUnit.MINUTES).until(() -> chrome.count("#articles li.article") == 1);
            await().atMost(30, TimeUnit.SECONDS).until(() -> chrome.count("#alerts li.alert") > 0);
            String title = chrome.text("#articles li.article[data-article-id='hostile-1'] h3");
            assertThat(title).contains("<img src=x onerror=\"window.__pwned=1\">", "<script>window.__pwned=2</script>");
            assertThat(chrome.text("#articles li.article .quotes")).contains("<img src=y onerror=window.__pwned=3>");
            assertThat(chrome.count("#articles img, #articles script, #alerts img, #alerts script")).isZero();
            Object pwned = chrome.executeScriptAs(Object.class, "return window.__pwned === undefined ? null : window.__pwned;");
            assertThat(pwned).as("no hostile script ran").isNull();
            // the sign-in form itself is served with status 401, which Chromium reports; nothing else may fail
            assertThat(chrome.consoleErrors()).allMatch(e -> e.startsWith(page + " - ") && e.contains("status of 401"));

            // defence in depth: markup injected by a script cannot run inline handlers under the page's policy
            chrome.executeScript("document.body.insertAdjacentHTML('beforeend',"
                    + " '<img id=\"probe\" src=\"data:,\" onerror=\"window.__inline=1\" onload=\"window.__inline=1\">');");
            await().atMost(10, TimeUnit.SECONDS).until(() -> chrome.count("#probe") == 1);
            Object inline = chrome.executeScriptAs(Object.class,
                    "return window.__inline === undefined ? null : window.__inline;");
            assertThat(inline).as("inline handler blocked by Content-Security-Policy").isNull();
        }
    }
}
