package io.newsflow.story;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.time.Instant;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** The story decision on hand-written article pairs, with the people and places given as the entity stage would. */
class StoryClustererTest {

    private static final Set<String> STOP = StoryClusterer.stopWords();
    private static final StoryClusterer CLUSTERER =
            new StoryClusterer(StoryClusterer.DEFAULT_WINDOW, StoryClusterer.DEFAULT_SIMILARITY);
    private static final Instant T0 = Instant.parse("2026-02-02T08:00:00Z");

    private static StoryFeatures article(String id, Instant time, Set<String> persons, Set<String> places,
                                         String title, String body) {
        return new StoryFeatures(id, time.toEpochMilli(), persons, places, TermVector.of(title, body, STOP));
    }

    private static final StoryFeatures BRIDGE_FIRST = article("bridge-1", T0, Set.of("p:ilse-moreau"),
            Set.of("loc:lyon", "loc:france"), "Lyon closes Rhone bridge after cracks found in pillars",
            "Mayor Ilse Moreau closed the Wilson bridge over the Rhone in Lyon on Monday after engineers found cracks "
                    + "in two of its stone pillars. Buses and trams will be diverted while divers inspect the "
                    + "foundations, and the bridge could stay shut for several weeks, Moreau said.");
    private static final StoryFeatures BRIDGE_SECOND = article("bridge-2", T0.plus(Duration.ofHours(9)),
            Set.of("p:ilse-moreau"), Set.of("loc:lyon"), "Cracked pillars shut historic bridge in Lyon",
            "Traffic across the Rhone in central Lyon was diverted after the city shut the Wilson bridge, where "
                    + "inspectors discovered cracks in the stone pillars. Ilse Moreau, the mayor, said divers would "
                    + "examine the foundations and that buses and trams would take other routes for weeks.");
    private static final StoryFeatures LYON_BUDGET = article("budget", T0.plus(Duration.ofHours(20)),
            Set.of("p:ilse-moreau"), Set.of("loc:lyon"), "Lyon council approves budget with more money for schools",
            "The city council of Lyon approved next year's budget on Monday evening, with higher spending on school "
                    + "canteens and nurseries. Mayor Ilse Moreau said the plan kept local taxes unchanged, while the "
                    + "opposition criticised cuts to sports clubs and cultural festivals.");

    @Test
    void twoIndependentReportsOfOneEventAreOneStory() {
        StoryClusterer.Decision d = CLUSTERER.decide(BRIDGE_FIRST, BRIDGE_SECOND);
        assertThat(d.sameStory()).as(d.toString()).isTrue();
        assertThat(d.sharedPersons()).isEqualTo(1);
        assertThat(d.sharedPlaces()).isEqualTo(1);
        assertThat(d.similarity()).isGreaterThanOrEqualTo(CLUSTERER.threshold());
        assertThat(CLUSTERER.decide(BRIDGE_SECOND, BRIDGE_FIRST)).as("symmetric").isEqualTo(d);
    }

    @Test
    void theSamePeopleAtAnotherEventTheSameDayAreAnotherStory() {
        StoryClusterer.Decision d = CLUSTERER.decide(BRIDGE_FIRST, LYON_BUDGET);
        assertThat(d.sameStory()).as(d.toString()).isFalse();
        assertThat(d.reason()).isEqualTo("text-not-similar");
    }

    @Test
    void theSameTopicElsewhereSharesNoPeopleAndIsAnotherStory() {
        StoryFeatures porto = article("porto", T0.plus(Duration.ofHours(3)), Set.of("p:rui-serrano"),
                Set.of("loc:porto", "loc:portugal"), "Porto shuts Douro bridge after cracks found in pillars",
                "Porto closed a bridge over the Douro on Monday after engineers found cracks in its pillars. Buses "
                        + "will be diverted while divers inspect the foundations, Mayor Rui Serrano said.");
        StoryClusterer.Decision d = CLUSTERER.decide(BRIDGE_FIRST, porto);
        assertThat(d.similarity()).as("the wording is close").isGreaterThanOrEqualTo(CLUSTERER.threshold());
        assertThat(d.sameStory()).isFalse();
        assertThat(d.reason()).isEqualTo("too-few-shared-entities");
    }

    @Test
    void theSamePeopleOnTheSameSubjectWeeksLaterAreANewStory() {
        StoryFeatures reopened = article("bridge-reopens", T0.plus(Duration.ofDays(20)), Set.of("p:ilse-moreau"),
                Set.of("loc:lyon"), "Rhone bridge in Lyon reopens after pillar repairs",
                "The Wilson bridge over the Rhone in Lyon reopened to buses and trams on Friday after divers and "
                        + "engineers repaired the cracks in its stone pillars, Mayor Ilse Moreau said.");
        StoryClusterer.Decision d = CLUSTERER.decide(BRIDGE_FIRST, reopened);
        assertThat(d.similarity()).isGreaterThanOrEqualTo(CLUSTERER.threshold());
        assertThat(d.sameStory()).isFalse();
        assertThat(d.reason()).isEqualTo("outside-window");
        StoryClusterer wide = new StoryClusterer(Duration.ofDays(30), StoryClusterer.DEFAULT_SIMILARITY);
        assertThat(wide.decide(BRIDGE_FIRST, reopened).sameStory()).as("a wider window joins them").isTrue();
    }

    @Test
    void onlyASharedPlaceIsNotEnough() {
        StoryFeatures noPerson = new StoryFeatures("x", BRIDGE_SECOND.time(), Set.of(), BRIDGE_SECOND.places(),
                BRIDGE_SECOND.terms());
        assertThat(CLUSTERER.decide(BRIDGE_FIRST, noPerson).reason()).isEqualTo("too-few-shared-entities");
    }

    @Test
    void assignNamesTheStoryByItsFirstArticleAndJoinsTheBestMatch() {
        InMemoryStoryIndex index = new InMemoryStoryIndex();
        assertThat(CLUSTERER.assign(BRIDGE_FIRST, index)).isEmpty();
        assertThat(CLUSTERER.assign(LYON_BUDGET, index)).isEmpty();
        StoryClusterer.Match m = CLUSTERER.assign(BRIDGE_SECOND, index).orElseThrow();
        assertThat(m.storyId()).isEqualTo("bridge-1");
        assertThat(m.memberId()).isEqualTo("bridge-1");
        assertThat(index.member("bridge-2").storyId()).isEqualTo("bridge-1");
        assertThat(index.member("budget").storyId()).isEqualTo("budget");
        assertThat(index.bucket("p:ilse-moreau")).containsExactly("bridge-1", "budget", "bridge-2");
    }

    @Test
    void aChainOfArticlesThatDriftsFromTheFirstOneStartsANewStory() {
        Set<String> people = Set.of("p:ilse-moreau");
        Set<String> places = Set.of("loc:lyon");
        StoryFeatures opening = article("a", T0, people, places, "Bridge shut", "bridge pillars cracks divers "
                + "engineers closure traffic trams diverted");
        StoryFeatures middle = article("b", T0.plus(Duration.ofHours(1)), people, places, "Bridge repair costs",
                "bridge pillars cracks divers repair costs budget council insurance contractor");
        StoryFeatures drifted = article("c", T0.plus(Duration.ofHours(2)), people, places, "Council budget vote",
                "repair costs budget council insurance contractor taxes vote opposition schools");
        assertThat(CLUSTERER.decide(middle, opening).sameStory()).isTrue();
        assertThat(CLUSTERER.decide(drifted, middle).sameStory()).isTrue();
        assertThat(CLUSTERER.decide(drifted, opening).sameStory()).isFalse();

        InMemoryStoryIndex index = new InMemoryStoryIndex();
        CLUSTERER.assign(opening, index);
        assertThat(CLUSTERER.assign(middle, index)).map(StoryClusterer.Match::storyId).contains("a");
        assertThat(CLUSTERER.assign(drifted, index)).as("like b, but not like the story's first article").isEmpty();
        assertThat(index.member("c").storyId()).isEqualTo("c");
    }

    @Test
    void termVectorsIgnoreStopWordsAndCompareByCosine() {
        TermVector a = TermVector.of("Bridge closed", "The bridge was closed and the pillars were cracked.", STOP);
        TermVector same = TermVector.of(null, "Bridge bridge closed; pillars cracked, closed.", STOP);
        TermVector other = TermVector.of(null, "The orchestra played a new symphony in the opera house.", STOP);
        assertThat(a.cosine(a)).isCloseTo(1.0, org.assertj.core.data.Offset.offset(1e-6));
        assertThat(a.cosine(same)).isGreaterThan(0.9);
        assertThat(a.cosine(other)).isZero();
        assertThat(a.jaccard(same)).isEqualTo(1.0);
        assertThat(TermVector.of(null, "the and of was were", STOP).hashes()).isEmpty();
        assertThat(STOP).contains("said", "the", "monday");
    }

    @Test
    void rejectsBadSettings() {
        assertThatThrownBy(() -> new StoryClusterer(Duration.ZERO, 0.3)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new StoryClusterer(Duration.ofHours(1), 0)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new StoryClusterer(Duration.ofHours(1), 1.5))
                .isInstanceOf(IllegalArgumentException.class);
    }
}
