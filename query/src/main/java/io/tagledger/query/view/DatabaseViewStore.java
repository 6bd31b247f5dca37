package io.tagledger.query.view;

import org.springframework.stereotype.Component;

import java.util.Optional;

/** The registry views in the database, as the projection keeps them. */
@Component
class DatabaseViewStore implements ViewStore {

    private final RepositoryEntries repositories;
    private final ImageEntries images;
    private final TagEntries tags;

    DatabaseViewStore(RepositoryEntries repositories, ImageEntries images, TagEntries tags) {
        this.repositories = repositories;
        this.images = images;
        this.tags = tags;
    }

    @Override
    public Optional<RepositoryEntry> repository(String name) {
        return repositories.findById(name);
    }

    @Override
    public void addRepository(RepositoryEntry repository) {
        repositories.save(repository);
    }

    @Override
    public void removeRepository(String name) {
        // Entity by entity rather than a bulk delete: the batch's persistence context stays true to the tables.
        tags.deleteAll(tags.findByRepositoryName(name));
        images.deleteAll(images.findByRepositoryName(name));
        repositories.findById(name).ifPresent(repositories::delete);
    }

    @Override
    public boolean hasImage(String repositoryName, String digest) {
        return images.existsById(new ImageKey(repositoryName, digest));
    }

    @Override
    public void addImage(ImageEntry image) {
        images.save(image);
    }

    @Override
    public void removeImage(String repositoryName, String digest) {
        images.findById(new ImageKey(repositoryName, digest)).ifPresent(images::delete);
    }

    @Override
    public Optional<TagEntry> tag(String repositoryName, String tag) {
        return tags.findById(new TagKey(repositoryName, tag));
    }

    @Override
    public void addTag(TagEntry tag) {
        tags.save(tag);
    }

    @Override
    public void removeTag(String repositoryName, String tag) {
        tags.findById(new TagKey(repositoryName, tag)).ifPresent(tags::delete);
    }

    void clear() {
        tags.deleteAllInBatch();
        images.deleteAllInBatch();
        repositories.deleteAllInBatch();
    }
}
