package io.newsflow.it.browser;

import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;
import org.opentest4j.AssertionFailedError;
import org.opentest4j.TestAbortedException;

/** The skip-or-fail contract of {@link HeadlessChrome#assumeAvailable()}, without a browser. */
final class HeadlessChromeGateTest {

    @Test
    void presentBrowserPassesTheGateEitherWay() {
        assertThatCode(() -> HeadlessChrome.assumeAvailable(true, false)).doesNotThrowAnyException();
        assertThatCode(() -> HeadlessChrome.assumeAvailable(true, true)).doesNotThrowAnyException();
    }

    @Test
    void missingBrowserSkipsByDefault() {
        assertThatThrownBy(() -> HeadlessChrome.assumeAvailable(false, false))
                .isInstanceOf(TestAbortedException.class)
                .hasMessageContaining("/usr/bin/chromedriver");
    }

    @Test
    void missingBrowserFailsWhenRequired() {
        assertThatThrownBy(() -> HeadlessChrome.assumeAvailable(false, true))
                .isInstanceOf(AssertionFailedError.class)
                .hasMessageContaining(HeadlessChrome.REQUIRE_BROWSER_ENV + "=true");
    }
}
