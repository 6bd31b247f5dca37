package io.tagledger.query.view;


import java.time.Instant;

/**
 * Where the registry views are kept: the database for the views as they are now, memory for a
 * repository as it was at an instant. {@link RegistryFold} changes either one the same way, through
 * these operations only.
 */
public interface ViewStore {

    void addRepository(RepositoryEntry repository);

    /** Changes a live repository's rules; a repository that is not there is left so. */
    void setRules(String name, RepositoryRules rules);

    /** Removes the repository with its images and tags. */
    void removeRepository(String name);

    boolean hasImage(String repositoryName, String digest);

    void addImage(ImageEntry image);

    void removeImage(String repositoryName, String digest);

    /** Points the tag at the digest, creating the tag if it is not there. */
    void pointTag(String repositoryName, String tag, String digest, Instant at);

    void removeTag(String repositoryName, String tag);
}
