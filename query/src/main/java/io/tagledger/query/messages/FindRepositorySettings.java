package io.tagledger.query.messages;

import java.util.List;

/** Finds the settings of the live repositories among these names. Answers {@link RepositorySettingsList}; a name with no repository is left out. */
public record FindRepositorySettings(List<String> repositoryNames) {

    public static FindRepositorySettings of(String repositoryName) {
        return new FindRepositorySettings(List.of(repositoryName));
    }
}
