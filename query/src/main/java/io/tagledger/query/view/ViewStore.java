package io.tagledger.query.view;

import java.util.Optional;

/**
 * Where the registry views are kept: the database for the views as they are now, memory for a
 * repository as it was at an instant. {@link RegistryFold} changes either one the same way.
 */
public interface ViewStore {

    Optional<RepositoryEntry> repository(String name);

    void addRepository(RepositoryEntry repository);

    /** Removes the repository with its images and tags. */
    void removeRepository(String name);

    boolean hasImage(String repositoryName, String digest);

    void addImage(ImageEntry image);

    void removeImage(String repositoryName, String digest);

    Optional<TagEntry> tag(String repositoryName, String tag);

    void addTag(TagEntry tag);

    void removeTag(String repositoryName, String tag);
}
