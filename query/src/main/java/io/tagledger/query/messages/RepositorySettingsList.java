package io.tagledger.query.messages;

import java.util.List;

/** Repositories' settings, by name. */
public record RepositorySettingsList(List<RepositorySettings> items) {
}
