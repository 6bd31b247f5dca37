package io.tagledger.query.view;

import io.tagledger.domain.TagMutabilityMode;
import io.tagledger.domain.TagProtection;

import java.time.Instant;
import java.util.Arrays;
import java.util.List;

/** A live repository, as the repository view holds it. */
public class RepositoryEntry {

    private String name;

    private TagMutabilityMode tagMutability;

    /** Filters joined by commas: ECR's filter grammar has no comma. */
    private String exclusionFilters;

    private TagProtection tagProtection;

    private Instant createdAt;

    public RepositoryEntry(String name, TagMutabilityMode tagMutability, List<String> exclusionFilters,
                           TagProtection tagProtection, Instant createdAt) {
        this.name = name;
        this.createdAt = createdAt;
        setTagMutability(tagMutability, exclusionFilters, tagProtection);
    }

    public void setTagMutability(TagMutabilityMode tagMutability, List<String> exclusionFilters, TagProtection tagProtection) {
        this.tagMutability = tagMutability;
        this.exclusionFilters = String.join(",", exclusionFilters == null ? List.of() : exclusionFilters);
        this.tagProtection = tagProtection;
    }

    public String getName() {
        return name;
    }

    public TagMutabilityMode getTagMutability() {
        return tagMutability;
    }

    public List<String> getExclusionFilters() {
        return exclusionFilters.isEmpty() ? List.of() : Arrays.asList(exclusionFilters.split(","));
    }

    public TagProtection getTagProtection() {
        return tagProtection;
    }

    public Instant getCreatedAt() {
        return createdAt;
    }
}
