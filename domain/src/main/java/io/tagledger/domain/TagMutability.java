package io.tagledger.domain;

import java.util.List;

/**
 * A repository's tag mutability: the mode and, for the {@code _WITH_EXCLUSION} modes, 1 to 5 filters.
 * Which tags may never move is decided here and nowhere else.
 */
public record TagMutability(TagMutabilityMode mode, List<ExclusionFilter> exclusionFilters) {

    public static final int MAX_FILTERS = 5;
    public static final TagMutability MUTABLE = new TagMutability(TagMutabilityMode.MUTABLE, List.of());

    public TagMutability {
        if (mode == null) {
            throw RegistryException.invalidParameter("imageTagMutability", "Member must not be null");
        }
        exclusionFilters = exclusionFilters == null ? List.of() : List.copyOf(exclusionFilters);
        if (mode.takesExclusionFilters() && exclusionFilters.isEmpty()) {
            throw RegistryException.invalidParameter("imageTagMutabilityExclusionFilters",
                    "ImageTagMutabilityExclusionFilters can't be null when imageTagMutability is set as " + mode);
        }
        if (!mode.takesExclusionFilters() && !exclusionFilters.isEmpty()) {
            throw RegistryException.invalidParameter("imageTagMutabilityExclusionFilters",
                    "ImageTagMutabilityExclusionFilters can only be used when imageTagMutability is set as "
                            + TagMutabilityMode.IMMUTABLE_WITH_EXCLUSION + " or " + TagMutabilityMode.MUTABLE_WITH_EXCLUSION);
        }
        if (exclusionFilters.size() > MAX_FILTERS) {
            throw RegistryException.invalidParameter("imageTagMutabilityExclusionFilters",
                    "Member must have length less than or equal to " + MAX_FILTERS);
        }
    }

    /** As a request gives it: the mode's name, which must be given, and the filters' patterns, if any. */
    public static TagMutability parse(String mode, List<String> filters) {
        if (mode == null) {
            throw RegistryException.invalidParameter("imageTagMutability", "Member must not be null");
        }
        return of(TagMutabilityMode.parse("imageTagMutability", mode), filters);
    }

    /** For a new repository: without a mode, MUTABLE, as in ECR. */
    public static TagMutability onCreation(String mode, List<String> filters) {
        return parse(mode == null ? TagMutabilityMode.MUTABLE.name() : mode, filters);
    }

    public static TagMutability of(TagMutabilityMode mode, List<String> filters) {
        return new TagMutability(mode, filters == null ? List.of() : filters.stream().map(ExclusionFilter::parse).toList());
    }

    public boolean isImmutable(String tag) {
        return switch (mode) {
            case MUTABLE -> false;
            case IMMUTABLE -> true;
            case IMMUTABLE_WITH_EXCLUSION -> !matchesAnyFilter(tag);
            case MUTABLE_WITH_EXCLUSION -> matchesAnyFilter(tag);
        };
    }

    public List<String> filterPatterns() {
        return exclusionFilters.stream().map(ExclusionFilter::pattern).toList();
    }

    private boolean matchesAnyFilter(String tag) {
        return exclusionFilters.stream().anyMatch(filter -> filter.matches(tag));
    }
}
