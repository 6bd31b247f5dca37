package io.tagledger.domain.lifecycle;

import io.tagledger.domain.Wildcard;

import java.time.Duration;
import java.time.Instant;
import java.util.List;

/**
 * One rule of a lifecycle policy, as ECR's rule language has it: which images it selects by their tags
 * ({@code tagStatus}, with {@code tagPrefixList} or {@code tagPatternList}), and which of those it
 * expires, by count ({@code imageCountMoreThan}) or by age ({@code sinceImagePushed}, in days).
 *
 * @param prefixes empty unless the rule selects tagged images by prefixes
 * @param patterns empty unless the rule selects tagged images by wildcard patterns
 */
public record LifecycleRule(int priority, String description, TagStatus tagStatus, List<String> prefixes, List<String> patterns,
                            CountType countType, int countNumber) {

    public enum TagStatus { TAGGED, UNTAGGED, ANY }

    public enum CountType { IMAGE_COUNT_MORE_THAN, SINCE_IMAGE_PUSHED }

    public LifecycleRule {
        prefixes = List.copyOf(prefixes);
        patterns = List.copyOf(patterns);
    }

    /**
     * Whether the rule selects the image by its tags. With a list, every prefix (or pattern) of it must
     * match one of the image's tags, as ECR has it: {@code ["prod", "v2"]} selects an image tagged both
     * {@code prod-1} and {@code v2.0}.
     */
    public boolean selects(LifecycleImage image) {
        return switch (tagStatus) {
            case ANY -> true;
            case UNTAGGED -> image.tags().isEmpty();
            case TAGGED -> !image.tags().isEmpty()
                    && prefixes.stream().allMatch(prefix -> image.tags().stream().anyMatch(tag -> tag.startsWith(prefix)))
                    && patterns.stream().allMatch(pattern -> image.tags().stream().anyMatch(tag -> Wildcard.matches(pattern, tag)));
        };
    }

    /**
     * Whether the rule expires the image, given its place among the images the rule selects, newest
     * first (0 for the newest), and why.
     *
     * @return the reason, or {@code null} when the rule keeps the image
     */
    public String expiryReason(LifecycleImage image, int newestFirstIndex, int selected, Instant now) {
        return switch (countType) {
            case IMAGE_COUNT_MORE_THAN -> newestFirstIndex < countNumber ? null
                    : "imageCountMoreThan " + countNumber + ": the " + ordinal(newestFirstIndex + 1) + " newest of " + selected
                    + " images " + selection();
            case SINCE_IMAGE_PUSHED -> now.isBefore(image.pushedAt().plus(Duration.ofDays(countNumber))) ? null
                    : "sinceImagePushed " + countNumber + " days: pushed at " + image.pushedAt() + ", "
                    + Duration.between(image.pushedAt(), now).toDays() + " days before " + now;
        };
    }

    private String selection() {
        return switch (tagStatus) {
            case ANY -> "in the repository";
            case UNTAGGED -> "untagged";
            case TAGGED -> prefixes.isEmpty() ? "tagged " + String.join(" and ", patterns)
                    : "tagged with the prefixes " + String.join(" and ", prefixes);
        };
    }

    private static String ordinal(int number) {
        int lastTwo = number % 100;
        String suffix = lastTwo >= 11 && lastTwo <= 13 ? "th" : switch (number % 10) {
            case 1 -> "st";
            case 2 -> "nd";
            case 3 -> "rd";
            default -> "th";
        };
        return number + suffix;
    }
}
