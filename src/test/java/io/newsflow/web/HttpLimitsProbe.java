package io.newsflow.web;

import com.sun.net.httpserver.HttpServer;
import io.newsflow.config.KafkaClients;
import io.newsflow.schema.EnrichedArticle;
import io.newsflow.schema.LeaderAlert;
import java.time.Duration;
import java.util.Map;

/**
 * Runs the HTTP API alone in its own JVM for {@link HttpLimitsTest}: the JDK server reads its connection limit and
 * timeouts once per JVM, so they are tested in a fresh one. Prints {@code PORT n}, serves until stdin closes.
 */
public final class HttpLimitsProbe {

    private HttpLimitsProbe() {
    }

    public static void main(String[] args) throws Exception {
        HttpOptions options = new HttpOptions(null, null, 2, Integer.parseInt(args[0]), 4, 2, Duration.ofSeconds(1),
                Duration.ofSeconds(2));
        try (TopicFeed<LeaderAlert> alerts = new TopicFeed<>(KafkaClients.plain("127.0.0.1:9"), "a", b -> null, 1, null);
             TopicFeed<EnrichedArticle> articles = new TopicFeed<>(KafkaClients.plain("127.0.0.1:9"), "b", b -> null, 1,
                     null)) {
            HttpServer server = HttpApi.bind("127.0.0.1", 0, options);
            try (HttpApi api = HttpApi.start(server, null, alerts, articles, null, new HttpApi.Health() {
                @Override
                public Map<String, String> states() {
                    return Map.of();
                }

                @Override
                public boolean ready() {
                    return true;
                }
            }, options)) {
                System.out.println("PORT " + api.port());
                System.out.flush();
                while (System.in.read() >= 0) {
                    // serve until the test closes our stdin
                }
            }
        }
    }
}
