package io.tagledger.domain.lifecycle;

import io.tagledger.domain.RegistryException;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class LifecyclePolicyTest {

    private static final Instant NOW = Instant.parse("2026-12-03T08:00:00Z");

    /** A rule in ECR's language; {@code selection} is the members of its selection, as JSON. */
    static String rule(int priority, String selection) {
        return "{\"rulePriority\":" + priority + ",\"description\":\"rule " + priority + "\",\"selection\":{" + selection
                + "},\"action\":{\"type\":\"expire\"}}";
    }

    static String policy(String... rules) {
        return "{\"rules\":[" + String.join(",", rules) + "]}";
    }

    private static LifecycleImage image(String digest, int daysAgo, String... tags) {
        return new LifecycleImage(digest, Set.of(tags), NOW.minus(Duration.ofDays(daysAgo)), null);
    }

    private static List<String> expired(String policy, List<LifecycleImage> images) {
        return LifecyclePolicy.parse(policy).evaluate(images, NOW).stream().map(LifecycleExpiry::digest).toList();
    }

    @Test
    void anImageThatAHigherPriorityRuleSelectsIsCountedButNeverExpiredByALowerOne() {
        // ECR's user guide, "Filtering on multiple rules", example A: rule 1 expires A; B is prod too, so rule 2 cannot expire it.
        List<LifecycleImage> images = List.of(image("A", 10, "beta-1", "prod-1"), image("B", 9, "beta-2", "prod-2"),
                image("C", 8, "beta-3"));
        String text = policy(rule(1, "\"tagStatus\":\"tagged\",\"tagPrefixList\":[\"prod\"],\"countType\":\"imageCountMoreThan\",\"countNumber\":1"),
                rule(2, "\"tagStatus\":\"tagged\",\"tagPrefixList\":[\"beta\"],\"countType\":\"imageCountMoreThan\",\"countNumber\":1"));
        assertThat(expired(text, images)).containsExactly("A");
        List<LifecycleExpiry> expiries = LifecyclePolicy.parse(text).evaluate(images, NOW);
        assertThat(expiries.get(0).rulePriority()).isEqualTo(1);
        assertThat(expiries.get(0).reason()).isEqualTo("imageCountMoreThan 1: the 2nd newest of 2 images tagged with the prefixes prod");
    }

    @Test
    void aListSelectsAnImageOnlyWhenEachOfItsEntriesMatchesOneOfTheImagesTags() {
        // ECR's example B: both prefixes must match; the newest such image is kept.
        List<LifecycleImage> images = List.of(image("A", 10, "beta-1", "prod-1"), image("B", 9, "beta-2", "prod-2"),
                image("C", 8, "beta-3", "prod-3"), image("D", 7, "beta-4"));
        String prefixes = policy(rule(1, "\"tagStatus\":\"tagged\",\"tagPrefixList\":[\"alpha\",\"beta\"],\"countType\":\"imageCountMoreThan\",\"countNumber\":1"),
                rule(2, "\"tagStatus\":\"tagged\",\"tagPrefixList\":[\"beta\",\"prod\"],\"countType\":\"imageCountMoreThan\",\"countNumber\":1"));
        assertThat(expired(prefixes, images)).containsExactly("A", "B");
        String patterns = policy(rule(1, "\"tagStatus\":\"tagged\",\"tagPatternList\":[\"*-4\"],\"countType\":\"imageCountMoreThan\",\"countNumber\":1"),
                rule(2, "\"tagStatus\":\"tagged\",\"tagPatternList\":[\"prod-*\",\"beta-*\"],\"countType\":\"sinceImagePushed\",\"countUnit\":\"days\",\"countNumber\":9"));
        assertThat(expired(patterns, images)).containsExactly("A", "B");
    }

    @Test
    void untaggedAndAnyRulesCountTheirOwnImagesAndAgesCountFromThePush() {
        List<LifecycleImage> images = List.of(image("old", 30), image("older", 31), image("new", 1), image("t1", 40, "dev-1"),
                image("t2", 2, "dev-2"));
        String text = policy(rule(1, "\"tagStatus\":\"untagged\",\"countType\":\"imageCountMoreThan\",\"countNumber\":2"),
                rule(2, "\"tagStatus\":\"any\",\"countType\":\"sinceImagePushed\",\"countUnit\":\"days\",\"countNumber\":14"));
        assertThat(expired(text, images)).containsExactly("t1", "older");
        assertThat(LifecyclePolicy.parse(text).evaluate(images, NOW).get(0).reason())
                .isEqualTo("sinceImagePushed 14 days: pushed at 2026-10-24T08:00:00Z, 40 days before 2026-12-03T08:00:00Z");
    }

    @Test
    void anImageWithATagKeptForEverIsCountedAndNeverExpired() {
        List<LifecycleImage> images = List.of(new LifecycleImage("kept", Set.of("v1"), NOW.minus(Duration.ofDays(9)), "v1"),
                image("A", 8, "v2"), image("B", 7, "v3"));
        String text = policy(rule(1, "\"tagStatus\":\"tagged\",\"tagPatternList\":[\"v*\"],\"countType\":\"imageCountMoreThan\",\"countNumber\":1"));
        assertThat(expired(text, images)).containsExactly("A");
    }

    @Test
    void aPolicyThatCouldSelectOtherImagesThanItsAuthorMeantIsRefused() {
        String tagged = "\"tagStatus\":\"tagged\",\"tagPrefixList\":[\"dev\"],\"countType\":\"imageCountMoreThan\",\"countNumber\":3";
        assertRefused(policy(rule(1, "\"tagStatus\":\"tagged\",\"tagPrefixlist\":[\"dev\"],\"countType\":\"imageCountMoreThan\",\"countNumber\":3")),
                "unknown member 'tagPrefixlist'");
        assertRefused(policy(rule(1, tagged), rule(1, "\"tagStatus\":\"untagged\",\"countType\":\"imageCountMoreThan\",\"countNumber\":3")),
                "'rulePriority' 1 is given to more than one rule");
        assertRefused(policy(rule(1, "\"tagStatus\":\"any\",\"countType\":\"imageCountMoreThan\",\"countNumber\":3"), rule(2, tagged)),
                "'any' must have the highest 'rulePriority'");
        assertRefused(policy(rule(1, "\"tagStatus\":\"tagged\",\"countType\":\"imageCountMoreThan\",\"countNumber\":3")),
                "needs a 'tagPrefixList' or a 'tagPatternList'");
        assertRefused(policy(rule(1, "\"tagStatus\":\"untagged\",\"tagPrefixList\":[\"x\"],\"countType\":\"imageCountMoreThan\",\"countNumber\":3")),
                "only for 'tagStatus' 'tagged'");
        assertRefused(policy(rule(1, "\"tagStatus\":\"tagged\",\"tagPrefixList\":[\"dev\"],\"tagPatternList\":[\"d*\"],\"countType\":\"imageCountMoreThan\",\"countNumber\":3")),
                "not both");
        assertRefused(policy(rule(1, "\"tagStatus\":\"untagged\",\"countType\":\"sinceImagePushed\",\"countNumber\":3")),
                "needs 'countUnit' 'days'");
        assertRefused(policy(rule(1, "\"tagStatus\":\"untagged\",\"countType\":\"imageCountMoreThan\",\"countUnit\":\"days\",\"countNumber\":3")),
                "takes no 'countUnit'");
        assertRefused(policy(rule(1, "\"tagStatus\":\"untagged\",\"countType\":\"imageCountMoreThan\",\"countNumber\":0")),
                "'countNumber' must be an integer of at least 1");
        assertRefused(policy(rule(1, "\"tagStatus\":\"untagged\",\"countType\":\"sinceImagePulled\",\"countUnit\":\"days\",\"countNumber\":3")),
                "'sinceImagePulled' is not supported");
        assertRefused(policy(rule(1, "\"tagStatus\":\"untagged\",\"countType\":\"imageCountMoreThan\",\"countNumber\":3"),
                rule(2, "\"tagStatus\":\"untagged\",\"countType\":\"imageCountMoreThan\",\"countNumber\":5")), "only one rule may select untagged images");
        assertRefused(policy(rule(1, tagged), rule(2, tagged.replace("3", "5"))), "repeats another's list");
        assertRefused(policy(rule(1, "\"tagStatus\":\"tagged\",\"tagPatternList\":[\"*a*b*c*d*e\"],\"countType\":\"imageCountMoreThan\",\"countNumber\":3")),
                "more than 4 wildcards");
        assertRefused(policy(rule(1, tagged)).replace("expire", "transition"), "the one action is 'expire'");
        assertRefused("{\"rules\":[]}" + " ".repeat(100), "'rules' must be a non-empty array");
        assertRefused("{\"rules\":[" + " ".repeat(100), "not valid JSON");
        assertThatThrownBy(() -> LifecyclePolicy.parse("{\"rules\":[]}"))
                .hasMessageContaining("Member must have length greater than or equal to 100");
    }

    private static void assertRefused(String text, String why) {
        assertThatThrownBy(() -> LifecyclePolicy.parse(text))
                .isInstanceOf(RegistryException.class)
                .hasMessageStartingWith("Invalid parameter at 'lifecyclePolicyText' failed to satisfy constraint: "
                        + "'Lifecycle policy validation failure: ")
                .hasMessageContaining(why);
    }
}
