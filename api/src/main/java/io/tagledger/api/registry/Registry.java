package io.tagledger.api.registry;

import io.tagledger.api.blobs.BlobStore;
import io.tagledger.api.settings.TagledgerProperties;
import io.tagledger.api.security.Action;
import io.tagledger.domain.ImageDigest;
import io.tagledger.domain.ImageTag;
import io.tagledger.domain.Manifest;
import io.tagledger.domain.Refusal;
import io.tagledger.domain.RegistryException;
import io.tagledger.domain.RepositoryName;
import io.tagledger.domain.TagMutability;
import io.tagledger.domain.TagProtection;
import io.tagledger.domain.command.CreateRepository;
import io.tagledger.domain.command.DeleteImage;
import io.tagledger.domain.command.DeleteRepository;
import io.tagledger.domain.command.PushImage;
import io.tagledger.domain.command.SetTagMutability;
import io.tagledger.domain.command.UntagImage;
import io.tagledger.query.messages.AuditPage;
import io.tagledger.query.messages.AuditRecord;
import io.tagledger.query.messages.ChainVerification;
import io.tagledger.query.messages.FindImages;
import io.tagledger.query.messages.FindManifest;
import io.tagledger.query.messages.FindReferrers;
import io.tagledger.query.messages.FindRepository;
import io.tagledger.query.messages.FindRepositoryAsOf;
import io.tagledger.query.messages.ListImagesAsOf;
import io.tagledger.query.messages.ListTagsAsOf;
import io.tagledger.query.messages.FindTagHistory;
import io.tagledger.query.messages.FindTags;
import io.tagledger.query.messages.ImageId;
import io.tagledger.query.messages.ImageIdPage;
import io.tagledger.query.messages.ImagePage;
import io.tagledger.query.messages.ImageSummary;
import io.tagledger.query.messages.ListImageIds;
import io.tagledger.query.messages.ListImages;
import io.tagledger.query.messages.ListRepositories;
import io.tagledger.query.messages.ListRepositoryEvents;
import io.tagledger.query.messages.ListTags;
import io.tagledger.query.messages.ManifestContent;
import io.tagledger.query.view.ManifestCache;
import io.tagledger.query.messages.Referrers;
import io.tagledger.query.messages.RepositoryEvents;
import io.tagledger.query.messages.RepositoryPage;
import io.tagledger.query.messages.RepositorySummary;
import io.tagledger.query.messages.TagHistory;
import io.tagledger.query.messages.TagPage;
import io.tagledger.query.messages.TagStatus;
import io.tagledger.query.messages.TagSummary;
import io.tagledger.query.messages.VerifyChain;
import org.springframework.stereotype.Component;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.locks.Lock;

/**
 * The operations users perform on the registry, for every API: each adapter parses its request into
 * domain values, calls one of these, and maps the answer. Writes answer once the views show them
 * (read-your-writes, in {@link RegistryCommands}); a missing repository is one refusal, raised here.
 * Each operation first asks whether the caller may perform it ({@link Access}).
 */
@Component
public class Registry {

    private final RegistryCommands commands;
    private final RegistryQueries queries;
    private final PageTokens tokens;
    private final Access access;
    private final BlobStore blobs;
    private final ReferenceLocks referenceLocks;
    private final boolean requireReferenced;
    private final ManifestCache manifests;

    Registry(RegistryCommands commands, RegistryQueries queries, PageTokens tokens, Access access, BlobStore blobs,
             ReferenceLocks referenceLocks, TagledgerProperties properties, ManifestCache manifests) {
        this.manifests = manifests;
        this.referenceLocks = referenceLocks;
        this.commands = commands;
        this.queries = queries;
        this.tokens = tokens;
        this.access = access;
        this.blobs = blobs;
        this.requireReferenced = properties.blobs().requireReferenced();
    }

    public RepositorySummary create(RepositoryName name, TagMutability mutability, TagProtection protection) {
        access.require(Action.CREATE_REPOSITORY, name);
        commands.send(name, new CreateRepository(name, mutability, protection));
        return afterWrite(name);
    }

    /** @param protection the new protection, or {@code null} to keep it */
    public RepositorySummary setTagMutability(RepositoryName name, TagMutability mutability, TagProtection protection) {
        access.require(Action.PUT_IMAGE_TAG_MUTABILITY, name);
        commands.send(name, new SetTagMutability(name, mutability, protection));
        return afterWrite(name);
    }

    /**
     * @return the repository as it was just before its deletion. The command decides, so that a refused
     * deletion (a repository that does not exist, or is not empty) is in the audit trail like any refusal.
     */
    public RepositorySummary delete(RepositoryName name, boolean force) {
        access.require(Action.DELETE_REPOSITORY, name);
        Optional<RepositorySummary> before = queries.find(new FindRepository(name.value()), RepositorySummary.class);
        commands.send(name, new DeleteRepository(name, force));
        return before.orElseThrow(() -> notFound(name));
    }

    /** @param tag {@code null} for an untagged push; @param expectedDigest the digest the client gave, if any */
    public void push(RepositoryName name, Manifest manifest, ImageTag tag, ImageDigest expectedDigest) {
        access.require(Action.PUT_IMAGE, name);
        if (!requireReferenced) {
            commands.send(name, new PushImage(name, manifest, tag, expectedDigest));
            return;
        }
        requireRepository(name);
        Lock lock = referenceLocks.of(name.value()).readLock();
        lock.lock();
        try {
            requireReferences(name, manifest);
            commands.send(name, new PushImage(name, manifest, tag, expectedDigest));
        } finally {
            lock.unlock();
        }
    }

    /**
     * A registry's push (the OCI API): every blob and child manifest the manifest names must be in the
     * repository already, and pushing again what is there changes nothing (except onto an immutable
     * tag, which is refused, as ECR's registry refuses it).
     *
     * @param tag {@code null} for a push by digest; @param digest the digest in the request, if any
     */
    public void putManifest(RepositoryName name, Manifest manifest, ImageTag tag, ImageDigest digest) {
        access.require(Action.PUT_IMAGE, name);
        requireRepository(name);
        Lock lock = referenceLocks.of(name.value()).readLock();
        lock.lock();
        try {
            requireReferences(name, manifest);
            commands.send(name, new PushImage(name, manifest, tag, digest, true));
        } finally {
            lock.unlock();
        }
    }

    /**
     * What a manifest names must be in the repository: its blobs, and an index's child manifests. Its blobs
     * are named first, so that a collection keeps them ({@link BlobCollector}).
     */
    private void requireReferences(RepositoryName name, Manifest manifest) {
        Manifest.References references = manifest.references();
        for (String blob : references.blobs()) {
            if (ImageDigest.isDigest(blob)) {
                touch(name, blob);
            }
        }
        List<String> missingBlobs = references.blobs().stream().distinct()
                .filter(blob -> !ImageDigest.isDigest(blob) || !blobs.isLinked(name.value(), blob)).toList();
        if (!missingBlobs.isEmpty()) {
            throw RegistryException.of(Refusal.MANIFEST_BLOBS_MISSING, "repository", name.value(), "digests", missingBlobs.toString());
        }
        if (!references.manifests().isEmpty()) {
            Set<String> present = new LinkedHashSet<>();
            findImages(name, references.manifests()).forEach(image -> present.add(image.digest()));
            List<String> missing = references.manifests().stream().distinct().filter(child -> !present.contains(child)).toList();
            if (!missing.isEmpty()) {
                throw RegistryException.of(Refusal.MANIFEST_CHILDREN_MISSING, "repository", name.value(), "digests", missing.toString());
            }
        }
    }

    /** The tags of a repository by name, after {@code last}, as the registry API lists them. */
    public Names tagNames(RepositoryName name, int limit, String last) {
        access.require(Action.LIST_IMAGES, name);
        TagPage page = queries.find(new ListTags(name.value(), limit, last), TagPage.class).orElseThrow(() -> notFound(name));
        return new Names(page.items().stream().map(TagSummary::tag).toList(), page.nextAfter() != null);
    }

    /** The repositories the caller may describe, by name, after {@code last}: the registry API's catalog. */
    public Names repositoryNames(int limit, String last) {
        access.requireSomewhere(Action.DESCRIBE_REPOSITORIES);
        RepositoryPage page = queries.ask(new ListRepositories(limit, last), RepositoryPage.class);
        return new Names(page.items().stream().map(RepositorySummary::name)
                .filter(repository -> access.allows(Action.DESCRIBE_REPOSITORIES, repository)).toList(), page.nextAfter() != null);
    }

    /** The manifests whose subject is the digest, optionally of one artifact type. */
    public Referrers referrers(RepositoryName name, ImageDigest digest, String artifactType) {
        access.require(Action.LIST_IMAGES, name);
        return queries.find(new FindReferrers(name.value(), digest.value(), artifactType), Referrers.class).orElseThrow(() -> notFound(name));
    }

    private void touch(RepositoryName name, String blob) {
        try {
            blobs.touch(name.value(), blob);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** @param more whether names follow the last one */
    public record Names(List<String> names, boolean more) {
    }

    /** @param digest the digest the tag must point to, or {@code null}; @return the digest it pointed to */
    public String untag(RepositoryName name, ImageTag tag, ImageDigest digest) {
        access.require(Action.BATCH_DELETE_IMAGE, name);
        return commands.send(name, new UntagImage(name, tag, digest));
    }

    /** @return the tags the image had */
    public List<String> deleteImage(RepositoryName name, ImageDigest digest) {
        access.require(Action.BATCH_DELETE_IMAGE, name);
        return commands.send(name, new DeleteImage(name, digest));
    }

    /** The repository now, or as it was at {@code asOf}. */
    public RepositorySummary repository(RepositoryName name, Instant asOf) {
        access.require(Action.DESCRIBE_REPOSITORIES, name);
        if (asOf != null) {
            return repositoryAsOf(name, asOf);
        }
        return requireRepository(name);
    }

    public Page<RepositorySummary> repositories(PageRequest request) {
        return repositories(null, request);
    }

    /** The repositories the caller may describe whose name contains {@code nameContains}, ignoring case (all without it). */
    public Page<RepositorySummary> repositories(String nameContains, PageRequest request) {
        access.requireSomewhere(Action.DESCRIBE_REPOSITORIES);
        String part = nameContains == null || nameContains.isEmpty() ? null : nameContains;
        if (part != null && part.length() > RepositoryName.MAX_LENGTH) {
            throw RegistryException.invalidParameter("nameContains",
                    "Member must have length less than or equal to " + RepositoryName.MAX_LENGTH);
        }
        String listing = part == null ? "repositories" : "repositories containing " + part;
        RepositoryPage page = queries.ask(new ListRepositories(request.limit(), first(tokens.after(listing, request, 1)), part),
                RepositoryPage.class);
        return new Page<>(page.items().stream().filter(repository -> access.allows(Action.DESCRIBE_REPOSITORIES, repository.name()))
                .toList(), tokens.next(listing, page.nextAfter()));
    }

    /** Images by digest, with their tags: now, or as they were at {@code asOf}. */
    public Page<ImageSummary> images(RepositoryName name, TagStatus status, PageRequest request, Instant asOf) {
        access.require(Action.DESCRIBE_IMAGES, name);
        String listing = "images " + name.value() + " " + status + " " + asOf;
        String after = first(tokens.after(listing, request, 1));
        Object query = asOf == null ? new ListImages(name.value(), status, request.limit(), after)
                : new ListImagesAsOf(name.value(), status, request.limit(), after, past("asOf", asOf));
        ImagePage page = queries.find(query, ImagePage.class).orElseThrow(() -> notFound(name));
        return new Page<>(page.items(), tokens.next(listing, page.nextAfter()));
    }

    /** Tags by name, each with whether it is immutable: now, or as they were at {@code asOf}. */
    public Page<TagState> tags(RepositoryName name, PageRequest request, Instant asOf) {
        access.require(Action.LIST_IMAGES, name);
        String listing = "tags " + name.value() + " " + asOf;
        String after = first(tokens.after(listing, request, 1));
        Object query = asOf == null ? new ListTags(name.value(), request.limit(), after)
                : new ListTagsAsOf(name.value(), request.limit(), after, past("asOf", asOf));
        TagPage page = queries.find(query, TagPage.class).orElseThrow(() -> notFound(name));
        RepositorySummary repository = asOf == null ? requireRepository(name) : repositoryAsOf(name, asOf);
        return new Page<>(page.items().stream().map(tag -> TagState.of(tag, repository)).toList(), tokens.next(listing, page.nextAfter()));
    }

    /** One tag, the digest it points to, and whether it is immutable. */
    public TagState tag(RepositoryName name, ImageTag tag) {
        access.require(Action.LIST_IMAGES, name);
        TagSummary found = findTags(name, List.of(tag.value())).stream().findFirst()
                .orElseThrow(() -> RegistryException.tagNotFound(name.value(), tag.value()));
        return TagState.of(found, requireRepository(name));
    }

    /** The tags among {@code tags} that exist. */
    private List<TagSummary> findTags(RepositoryName name, Collection<String> tags) {
        return queries.find(new FindTags(name.value(), tags), TagPage.class).orElseThrow(() -> notFound(name)).items();
    }

    /** The images among {@code digests} that exist. */
    private List<ImageSummary> findImages(RepositoryName name, Collection<String> digests) {
        return queries.find(new FindImages(name.value(), digests), ImagePage.class).orElseThrow(() -> notFound(name)).items();
    }

    /** Image ids as ECR's ListImages lists them: one per (digest, tag) pair, an untagged image once. */
    public Page<ImageId> imageIds(RepositoryName name, TagStatus status, PageRequest request) {
        access.require(Action.LIST_IMAGES, name);
        String listing = "image ids " + name.value() + " " + status;
        List<String> after = tokens.after(listing, request, 2);
        ImageIdPage page = queries.find(new ListImageIds(name.value(), status, request.limit(),
                        after == null ? "" : after.get(0), after == null ? "" : after.get(1)), ImageIdPage.class)
                .orElseThrow(() -> notFound(name));
        ImageId next = page.next();
        return new Page<>(page.items(), next == null ? null : tokens.next(listing, next.digest(), next.tag() == null ? "" : next.tag()));
    }

    /**
     * The manifest a tag or a digest names when it is held in memory and the caller may read it, with no
     * other effect: the pull fast path answers it, and anything else (a miss, a caller refused) takes
     * {@link #manifest}, which records the refusal.
     */
    public Optional<ManifestContent> heldManifest(RepositoryName name, ImageReference reference) {
        return access.allows(Action.BATCH_GET_IMAGE, name.value()) ? manifests.get(name.value(), reference.text()) : Optional.empty();
    }

    /** The manifest a tag or a digest names, byte for byte as pushed. */
    public ManifestContent manifest(RepositoryName name, ImageReference reference) {
        access.require(Action.BATCH_GET_IMAGE, name);
        // Held in memory, it needs neither the query bus nor the views (a fifth of a pull's time, profiled).
        Optional<ManifestContent> held = manifests.get(name.value(), reference.text());
        if (held.isPresent()) {
            return held.get();
        }
        return queries.find(new FindManifest(name.value(), reference.text()), ManifestContent.class).orElseThrow(() -> {
            requireRepository(name);
            return reference.isDigest()
                    ? RegistryException.imageNotFound(name.value(), reference.text())
                    : RegistryException.tagNotFound(name.value(), reference.text());
        });
    }

    /** A repository's own events, from the event store: kept after the repository is deleted. @param after -1 for the first */
    public RepositoryEvents events(RepositoryName name, long after, int limit) {
        access.require(Action.READ_AUDIT, name);
        return queries.find(new ListRepositoryEvents(name.value(), after, limit), RepositoryEvents.class).orElseThrow(() -> notFound(name));
    }

    /** A page of the audit trail, of the entries that the filter matches. */
    public Page<AuditRecord> auditTrail(AuditFilter filter, PageRequest request) {
        if (filter.repository() != null) {
            access.require(Action.READ_AUDIT, RepositoryName.parse(filter.repository()));
        } else {
            access.requireEverywhere(Action.READ_AUDIT);
        }
        String listing = filter.listing();
        String after = first(tokens.after(listing, request, 1));
        AuditPage page = queries.ask(filter.query(request.limit(), after == null ? null : position(after, request)), AuditPage.class);
        return new Page<>(page.items(), page.nextAfter() == null ? null : tokens.next(listing, page.nextAfter().toString()));
    }

    /** Every period of a tag's life; a tag that never was, in a repository that was, is not found. */
    public TagHistory tagHistory(RepositoryName name, ImageTag tag) {
        access.require(Action.READ_AUDIT, name);
        TagHistory history = queries.ask(new FindTagHistory(name.value(), tag.value()), TagHistory.class);
        if (history.periods().isEmpty()) {
            events(name, -1, 1);
            throw RegistryException.tagNotFound(name.value(), tag.value());
        }
        return history;
    }

    /** Whether the repository's history is still the one that was written; a name that never had one is not found. */
    public ChainVerification verify(RepositoryName name) {
        access.require(Action.VERIFY_CHAIN, name);
        ChainVerification verification = queries.ask(new VerifyChain(name.value()), ChainVerification.class);
        if (verification.events() == 0) {
            throw notFound(name);
        }
        return verification;
    }

    /**
     * Each entry's images with their manifests: by tag one, by digest the image once per tag (or alone).
     * An entry that names nothing, or names it wrongly, fails alone.
     */
    public Batch<Batch.Found> batchGet(RepositoryName name, List<ImageSelector> selectors) {
        access.require(Action.BATCH_GET_IMAGE, name);
        requireRepository(name);
        Set<Batch.ImageRef> found = new LinkedHashSet<>();
        List<BatchFailure> failures = new ArrayList<>();
        for (ImageSelector selector : selectors) {
            try {
                found.addAll(resolve(name, selector));
            } catch (RegistryException failed) {
                failures.add(BatchFailure.of(selector, failed));
            }
        }
        List<Batch.Found> images = new ArrayList<>();
        for (Batch.ImageRef id : found) {
            queries.find(new FindManifest(name.value(), id.digest()), ManifestContent.class)
                    .ifPresent(content -> images.add(new Batch.Found(id, content.manifest(), content.mediaType())));
        }
        return new Batch<>(images, failures);
    }

    /**
     * Removes what each entry names, in order, each entry a command of its own: by tag the tag (and its
     * image with its last tag, as ECR does), by digest the image with all its tags. An entry that a
     * previous one already removed is done; one that fails does not undo the others.
     */
    public Batch<Batch.ImageRef> batchDelete(RepositoryName name, List<ImageSelector> selectors) {
        access.require(Action.BATCH_DELETE_IMAGE, name);
        requireRepository(name);
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
                    deleted.add(new Batch.ImageRef(untag(name, tag, digest), tag.value()));
                    removedTags.add(tag.value());
                } else {
                    List<String> tags = deleteImage(name, digest);
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
        requireRepository(name);
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
        findImages(name, digests).forEach(image -> byDigest.put(image.digest(), image));
        return digests.stream().map(byDigest::get).filter(Objects::nonNull).filter(image -> status.matches(image.tags())).toList();
    }

    /** The (digest, tag) pairs an entry names: by tag one pair, by digest one per tag (or the digest alone). */
    private List<Batch.ImageRef> resolve(RepositoryName name, ImageSelector selector) {
        ImageDigest digest = digestOf(selector);
        ImageTag tag = tagOf(selector);
        if (tag != null) {
            TagSummary found = findTags(name, List.of(tag.value())).stream().findFirst()
                    .orElseThrow(() -> RegistryException.of(Refusal.BATCH_IMAGE_NOT_FOUND));
            if (digest != null && !digest.value().equals(found.digest())) {
                throw RegistryException.of(Refusal.BATCH_TAG_DOES_NOT_MATCH_DIGEST);
            }
            return List.of(new Batch.ImageRef(found.digest(), found.tag()));
        }
        if (digest == null) {
            throw RegistryException.of(Refusal.BATCH_MISSING_DIGEST_AND_TAG);
        }
        ImageSummary image = findImages(name, List.of(digest.value())).stream().findFirst()
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

    RepositorySummary requireRepository(RepositoryName name) {
        return queries.find(new FindRepository(name.value()), RepositorySummary.class).orElseThrow(() -> notFound(name));
    }

    /** The repository as the answer to a write shows it: the views already hold the write. */
    private RepositorySummary afterWrite(RepositoryName name) {
        return requireRepository(name);
    }

    private RepositorySummary repositoryAsOf(RepositoryName name, Instant at) {
        return queries.find(new FindRepositoryAsOf(name.value(), past("asOf", at)), RepositorySummary.class)
                .orElseThrow(() -> notFound(name));
    }

    /** A point-in-time read: an instant that has not come yet has no answer, so it is refused rather than guessed. */
    private static Instant past(String parameter, Instant at) {
        if (at.isAfter(Instant.now())) {
            throw RegistryException.invalidParameter(parameter, "Member must not be in the future");
        }
        return at;
    }

    private static RegistryException notFound(RepositoryName name) {
        return RegistryException.repositoryNotFound(name.value());
    }

    private static String first(List<String> keys) {
        return keys == null ? null : keys.get(0);
    }

    private static long position(String key, PageRequest request) {
        try {
            return Long.parseLong(key);
        } catch (NumberFormatException e) {
            throw PageTokens.foreign(request);
        }
    }
}
