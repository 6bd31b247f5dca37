package io.tagledger.query.view;

import java.time.Instant;

/** A live repository, as the repository view holds it. */
public class RepositoryEntry {

    private final String name;
    private RepositoryRules rules;
    private final Instant createdAt;

    public RepositoryEntry(String name, RepositoryRules rules, Instant createdAt) {
        this.name = name;
        this.rules = rules;
        this.createdAt = createdAt;
    }

    public void setRules(RepositoryRules rules) {
        this.rules = rules;
    }

    public String getName() {
        return name;
    }

    public RepositoryRules getRules() {
        return rules;
    }

    public Instant getCreatedAt() {
        return createdAt;
    }
}
