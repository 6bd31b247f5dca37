package io.tagledger.query.messages;

import java.util.List;

/** A repository at an instant: its settings, its tags (by name) and its images (by digest). */
public record RepositoryAsOf(RepositorySummary repository, List<TagSummary> tags, List<ImageSummary> images) {
}
