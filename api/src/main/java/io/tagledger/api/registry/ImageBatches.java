package io.tagledger.api.registry;

import io.tagledger.api.security.Action;
import io.tagledger.domain.ImageDigest;
import io.tagledger.domain.ImageTag;
import io.tagledger.domain.Refusal;
import io.tagledger.domain.RegistryException;
import io.tagledger.domain.RepositoryName;
import io.tagledger.query.messages.FindManifest;
import io.tagledger.query.messages.ImageSummary;
import io.tagledger.query.messages.ManifestContent;
import io.tagledger.query.messages.TagStatus;
import io.tagledger.query.messages.TagSummary;
import org.springframework.stereotype.Component;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

/**
 * ECR's batch operations on images, each entry an image id (a tag, a digest, or both): an entry that
 * names nothing, or names it wrongly, fails alone with its {@link BatchFailure}.
 */
@Component
public class ImageBatches {

    private final RegistryQueries queries;
    private final Access access;
    private final Images images;

    ImageBatches(RegistryQueries queries, Access access, Images images) {
        this.queries = queries;
        this.access = access;
        this.images = images;
    }

    /** Each entry's images with their manifests: by tag one, by digest the image once per tag (or alone). */
    public Batch<Batch.Found> get(RepositoryName name, List<ImageSelector> selectors) {
        access.require(Action.BATCH_GET_IMAGE, name);
        queries.requireExists(name);
        Set<Batch.ImageRef> found = new LinkedHashSet<>();
        List<BatchFailure> failures = new ArrayList<>();
        for (ImageSelector selector : selectors) {
            try {
                found.addAll(resolve(name, selector));
            } catch (RegistryException failed) {
                failures.add(BatchFailure.of(selector, failed));
            }
        }
        List<Batch.Found> manifests = new ArrayList<>();
        for (Batch.ImageRef id : found) {
            queries.find(new FindManifest(name.value(), id.digest()), ManifestContent.class)
                    .ifPresent(content -> manifests.add(new Batch.Found(id, content.manifest(), content.mediaType())));
        }
        return new Batch<>(manifests, failures);
    }

    /**
     * Removes what each entry names, in order, each entry a command of its own: by tag the tag (and its
     * image with its last tag, as ECR does), by digest the image with all its tags. An entry that a
     * previous one already removed is done; one that fails does not undo the others.
     */
    public Batch<Batch.ImageRef> delete(RepositoryName name, List<ImageSelector> selectors) {
        access.require(Action.BATCH_DELETE_IMAGE, name);
        queries.requireExists(name);
        List<Batch.ImageRef> deleted = new ArrayList<>();
        Set<String> deletedDigests = new LinkedHashSet<>();
        Set<String> removedTags = new LinkedHashSet<>();
        List<BatchFailure> failures = new ArrayList<>();
        for (ImageSelector selector : selectors) {
            try {
                ImageDigest digest = digestOf(selector);
                ImageTag tag = tagOf(selector);
                if (digest == null && tag == null) {
                    throw RegistryException.of(Refusal.BATCH_MISSING_DIGEST_AND_TAG);
                }
                if (tag != null ? removedTags.contains(tag.value()) : deletedDigests.contains(digest.value())) {
                    continue;
                }
                if (tag != null) {
                    deleted.add(new Batch.ImageRef(images.untag(name, tag, digest), tag.value()));
                    removedTags.add(tag.value());
                } else {
                    List<String> tags = images.delete(name, digest);
                    deletedDigests.add(digest.value());
                    removedTags.addAll(tags);
                    if (tags.isEmpty()) {
                        deleted.add(new Batch.ImageRef(digest.value(), null));
                    }
                    tags.forEach(removed -> deleted.add(new Batch.ImageRef(digest.value(), removed)));
                }
            } catch (RegistryException refusal) {
                failures.add(BatchFailure.of(selector, refusal));
            }
        }
        return new Batch<>(deleted, failures);
    }

    /** The images the entries name, each once, in the entries' order; an entry that names nothing fails the request. */
    public List<ImageSummary> describe(RepositoryName name, List<ImageSelector> selectors, TagStatus status) {
        access.require(Action.DESCRIBE_IMAGES, name);
        queries.requireExists(name);
        Set<String> digests = new LinkedHashSet<>();
        for (ImageSelector selector : selectors) {
            try {
                resolve(name, selector).forEach(found -> digests.add(found.digest()));
            } catch (RegistryException failed) {
                if (!BatchFailure.failsOneEntry(failed)) {
                    throw failed;
                }
                throw selector.tag() != null
                        ? RegistryException.tagNotFound(name.value(), selector.tag())
                        : RegistryException.imageNotFound(name.value(), selector.digest());
            }
        }
        Map<String, ImageSummary> byDigest = new LinkedHashMap<>();
        queries.images(name, digests).forEach(image -> byDigest.put(image.digest(), image));
        return digests.stream().map(byDigest::get).filter(Objects::nonNull).filter(image -> status.matches(image.tags())).toList();
    }

    /** The (digest, tag) pairs an entry names: by tag one pair, by digest one per tag (or the digest alone). */
    private List<Batch.ImageRef> resolve(RepositoryName name, ImageSelector selector) {
        ImageDigest digest = digestOf(selector);
        ImageTag tag = tagOf(selector);
        if (tag != null) {
            TagSummary found = queries.tags(name, List.of(tag.value())).stream().findFirst()
                    .orElseThrow(() -> RegistryException.of(Refusal.BATCH_IMAGE_NOT_FOUND));
            if (digest != null && !digest.value().equals(found.digest())) {
                throw RegistryException.of(Refusal.BATCH_TAG_DOES_NOT_MATCH_DIGEST);
            }
            return List.of(new Batch.ImageRef(found.digest(), found.tag()));
        }
        if (digest == null) {
            throw RegistryException.of(Refusal.BATCH_MISSING_DIGEST_AND_TAG);
        }
        ImageSummary image = queries.images(name, List.of(digest.value())).stream().findFirst()
                .orElseThrow(() -> RegistryException.of(Refusal.BATCH_IMAGE_NOT_FOUND));
        if (image.tags().isEmpty()) {
            return List.of(new Batch.ImageRef(image.digest(), null));
        }
        return image.tags().stream().map(found -> new Batch.ImageRef(image.digest(), found)).toList();
    }

    private static ImageDigest digestOf(ImageSelector selector) {
        if (selector.digest() == null) {
            return null;
        }
        if (!ImageDigest.isDigest(selector.digest())) {
            throw RegistryException.of(Refusal.BATCH_INVALID_IMAGE_DIGEST);
        }
        return ImageDigest.parse(selector.digest());
    }

    private static ImageTag tagOf(ImageSelector selector) {
        if (selector.tag() == null) {
            return null;
        }
        try {
            return ImageTag.parse(selector.tag());
        } catch (RegistryException invalid) {
            throw RegistryException.of(Refusal.BATCH_INVALID_IMAGE_TAG, "constraint", invalid.subject("constraint"));
        }
    }
}
