package io.newsflow.bench;

import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.streams.StreamsBuilder;
import org.apache.kafka.streams.Topology;
import org.apache.kafka.streams.kstream.Consumed;
import org.apache.kafka.streams.kstream.Produced;

/** Baseline for benchmarks: copies bytes from one topic to another, with no processing. */
public final class PassthroughTopology {

    private PassthroughTopology() {
    }

    public static Topology build(String input, String output) {
        StreamsBuilder builder = new StreamsBuilder();
        builder.stream(input, Consumed.with(Serdes.String(), Serdes.ByteArray()).withName("read-passthrough"))
                .to(output, Produced.with(Serdes.String(), Serdes.ByteArray()).withName("write-passthrough"));
        return builder.build();
    }
}
