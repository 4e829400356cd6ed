package io.newsflow.ingest;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.NullAndEmptySource;
import org.junit.jupiter.params.provider.ValueSource;

class FeedDatesTest {

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
        "Mon, 10 Mar 2031 09:30:00 GMT      | 2031-03-10T09:30:00Z",
        "Mon, 10 Mar 2031 09:30:00 +0000    | 2031-03-10T09:30:00Z",
        "10 Mar 2031 09:30:00 +0100         | 2031-03-10T08:30:00Z",
        "Mon, 3 Mar 2031 09:30 EST          | 2031-03-03T14:30:00Z",
        "Monday, 10 March 2031 09:30:00 PDT | 2031-03-10T16:30:00Z",
        "Fri, 10 Mar 2031 09:30:00 GMT      | 2031-03-10T09:30:00Z",
        "mon, 10 MAR 31 09:30:00 ut         | 2031-03-10T09:30:00Z",
        "Mon, 10 Mar 2031 09:30:00 +05:30   | 2031-03-10T04:00:00Z",
        "Mon, 10 Mar 2031 09:30:00 GMT+2    | 2031-03-10T07:30:00Z",
        "Mon, 10 Mar 2031 09:30:00          | 2031-03-10T09:30:00Z",
        "Mon, 10 Mar 2031 09:30:00 -0700 (PDT) | 2031-03-10T16:30:00Z",
        "  Mon,  10  Sept 2031  09:30:00 Z  | 2031-09-10T09:30:00Z",
        "2031-03-10T09:30:00Z               | 2031-03-10T09:30:00Z",
        "2031-03-10T09:30:00.123456+02:00   | 2031-03-10T07:30:00.123Z",
        "2031-03-10 09:30:00+0200           | 2031-03-10T07:30:00Z",
        "2031-03-10T09:30:00                | 2031-03-10T09:30:00Z",
        "2031-03-10                         | 2031-03-10T00:00:00Z",
    })
    void parsesRssAndIsoDates(String text, String expected) {
        assertThat(FeedDates.parseFeedDate(text)).isEqualTo(Instant.parse(expected));
    }

    @ParameterizedTest
    @NullAndEmptySource
    @ValueSource(strings = {"   ", "yesterday", "Mon, 32 Mar 2031 09:30:00 GMT", "Mon, 10 Foo 2031 09:30:00 GMT",
        "Mon, 10 Mar 2031 09:30:00 Mars/Olympus", "2031-13-01"})
    void returnsNullForUnusableDates(String text) {
        assertThat(FeedDates.parseFeedDate(text)).isNull();
    }

    @ParameterizedTest
    @ValueSource(strings = {"Mon, 10 Mar 2031 09:30:00 GMT", "10 March 2031"})
    void isoParserRejectsRssDates(String text) {
        assertThat(FeedDates.parseIso(text)).isNull();
    }
}
