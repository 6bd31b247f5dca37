package io.tagledger.query.view;

import io.tagledger.domain.TagMutabilityMode;
import io.tagledger.domain.TagProtection;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

import java.time.Instant;
import java.util.Arrays;
import java.util.List;

/** A live repository, as the repository view holds it. */
@Entity
@Table(name = "repository_view")
public class RepositoryEntry {

    @Id
    @Column(length = 256)
    private String name;

    @Enumerated(EnumType.STRING)
    @Column(nullable = false, length = 32)
    private TagMutabilityMode tagMutability;

    /** Filters joined by commas: ECR's filter grammar has no comma. */
    @Column(nullable = false, length = 700)
    private String exclusionFilters;

    @Enumerated(EnumType.STRING)
    @Column(nullable = false, length = 16)
    private TagProtection tagProtection;

    @Column(nullable = false)
    private Instant createdAt;

    protected RepositoryEntry() {
    }

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
