package io.tagledger.api.registry;

import com.fasterxml.jackson.core.type.TypeReference;
import io.tagledger.api.blobs.BlobStore;
import io.tagledger.api.security.Action;
import io.tagledger.api.settings.TagledgerProperties;
import io.tagledger.domain.BlobDigest;
import io.tagledger.domain.ImageDigest;
import io.tagledger.domain.ImageTag;
import io.tagledger.domain.Manifest;
import io.tagledger.domain.Refusal;
import io.tagledger.domain.RegistryException;
import io.tagledger.domain.RepositoryName;
import io.tagledger.domain.command.DeleteImage;
import io.tagledger.domain.command.PushImage;
import io.tagledger.domain.command.ReleaseTag;
import io.tagledger.domain.command.UntagImage;
import io.tagledger.query.messages.FindReferrers;
import io.tagledger.query.messages.ImageId;
import io.tagledger.query.messages.ImageIdPage;
import io.tagledger.query.messages.ImagePage;
import io.tagledger.query.messages.ImageSummary;
import io.tagledger.query.messages.ListImageIds;
import io.tagledger.query.messages.ListImages;
import io.tagledger.query.messages.ListImagesAsOf;
import io.tagledger.query.messages.Referrers;
import io.tagledger.query.messages.TagStatus;
import org.springframework.stereotype.Component;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.locks.Lock;

import static io.tagledger.api.registry.RegistryQueries.notFound;
import static io.tagledger.api.registry.RegistryQueries.past;

/**
 * What users do with a repository's images, for every API: push, untag, delete, list, and find referrers.
 * A push to a name that does not exist may create it ({@link Repositories#forPush}).
 */
@Component
public class Images {

    private static final TypeReference<PushImage.Outcome> OUTCOME = new TypeReference<>() {
    };

    private final RegistryCommands commands;
    private final RegistryQueries queries;
    private final Repositories repositories;
    private final PageTokens tokens;
    private final Access access;
    private final BlobStore blobs;
    private final ReferenceLocks referenceLocks;
    private final Signatures signatures;
    private final boolean requireReferenced;

    Images(RegistryCommands commands, RegistryQueries queries, Repositories repositories, PageTokens tokens, Access access,
           BlobStore blobs, ReferenceLocks referenceLocks, Signatures signatures, TagledgerProperties properties) {
        this.commands = commands;
        this.queries = queries;
        this.repositories = repositories;
        this.tokens = tokens;
        this.access = access;
        this.blobs = blobs;
        this.referenceLocks = referenceLocks;
        this.signatures = signatures;
        this.requireReferenced = properties.blobs().requireReferenced();
    }

    /**
     * A push of the ECR and REST APIs: their blobs need not be in the repository unless
     * {@code tagledger.blobs.require-referenced} says so.
     *
     * @param tag {@code null} for an untagged push; @param expectedDigest the digest the client gave, if any
     * @param repeat what a push of what is already there does, as the API promises
     */
    public void push(RepositoryName name, Manifest manifest, ImageTag tag, ImageDigest expectedDigest, PushImage.Repeat repeat) {
        requirePush(name, tag);
        repositories.forPush(name);
        PushImage push = new PushImage(name, manifest, tag, expectedDigest, repeat);
        if (!requireReferenced) {
            send(name, push);
            return;
        }
        sendReferencing(name, manifest, push);
    }

    /**
     * A registry's push (the OCI API): every blob and child manifest the manifest names must be in the
     * repository already, and pushing again what is there changes nothing (except onto an immutable
     * tag, which is refused, as ECR's registry refuses it).
     *
     * @param tag {@code null} for a push by digest; @param digest the digest in the request, if any
     */
    public void putManifest(RepositoryName name, Manifest manifest, ImageTag tag, ImageDigest digest) {
        requirePush(name, tag);
        repositories.forPush(name);
        sendReferencing(name, manifest, new PushImage(name, manifest, tag, digest, PushImage.Repeat.REPEATABLE));
    }

    private void requirePush(RepositoryName name, ImageTag tag) {
        access.require(Action.PUT_IMAGE, name);
        if (tag != null) {
            access.requireTag(Action.PUT_IMAGE, name, tag.value());
        }
    }

    /** Sends the push while no collection can remove what the manifest names ({@link BlobCollector}). */
    private void sendReferencing(RepositoryName name, Manifest manifest, PushImage push) {
        Lock lock = referenceLocks.of(name.value()).readLock();
        lock.lock();
        try {
            requireReferences(name, manifest);
            send(name, push);
        } finally {
            lock.unlock();
        }
    }

    /**
     * Sends the push; when the repository's trust policy asks for the image's signatures (the tag's move
     * needs a verdict), sends it again with those found. The repository judges them.
     */
    private void send(RepositoryName name, PushImage push) {
        PushImage.Outcome outcome = commands.send(name, push, OUTCOME);
        if (outcome == PushImage.Outcome.SIGNATURES_NEEDED) {
            commands.send(name, push.withSignatures(signatures.of(name, push.manifest().digest().value())), OUTCOME);
        }
    }

    /**
     * What a manifest names must be in the repository: its blobs, and an index's child manifests. Its blobs
     * are named first, so that a collection keeps them ({@link BlobCollector}).
     */
    private void requireReferences(RepositoryName name, Manifest manifest) {
        Manifest.References references = manifest.references();
        for (String blob : references.blobs()) {
            if (BlobDigest.isDigest(blob)) {
                touch(name, blob);
            }
        }
        List<String> missingBlobs = references.blobs().stream().distinct()
                .filter(blob -> !BlobDigest.isDigest(blob) || !blobs.isLinked(name.value(), blob)).toList();
        if (!missingBlobs.isEmpty()) {
            throw RegistryException.of(Refusal.MANIFEST_BLOBS_MISSING, "repository", name.value(), "digests", missingBlobs.toString());
        }
        if (!references.manifests().isEmpty()) {
            Set<String> present = new LinkedHashSet<>();
            queries.images(name, references.manifests()).forEach(image -> present.add(image.digest()));
            List<String> missing = references.manifests().stream().distinct().filter(child -> !present.contains(child)).toList();
            if (!missing.isEmpty()) {
                throw RegistryException.of(Refusal.MANIFEST_CHILDREN_MISSING, "repository", name.value(), "digests", missing.toString());
            }
        }
    }

    private void touch(RepositoryName name, String blob) {
        try {
            blobs.touch(name.value(), blob);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** @param digest the digest the tag must point to, or {@code null}; @return the digest it pointed to */
    public String untag(RepositoryName name, ImageTag tag, ImageDigest digest) {
        access.require(Action.BATCH_DELETE_IMAGE, name);
        access.requireTag(Action.BATCH_DELETE_IMAGE, name, tag.value());
        return commands.send(name, new UntagImage(name, tag, digest));
    }

    /**
     * Breaks the glass on one immutable tag, on the record: its next change is allowed once, within
     * {@code validFor}. @return when the release ends
     */
    public Instant release(RepositoryName name, ImageTag tag, String reason, Duration validFor) {
        access.require(Action.RELEASE_TAG, name);
        access.requireTag(Action.RELEASE_TAG, name, tag.value());
        return commands.send(name, new ReleaseTag(name, tag, reason, validFor), new TypeReference<Instant>() {
        });
    }

    /** @return the tags the image had, each of which the caller must be allowed to remove */
    public List<String> delete(RepositoryName name, ImageDigest digest) {
        access.require(Action.BATCH_DELETE_IMAGE, name);
        for (ImageSummary image : queries.images(name, List.of(digest.value()))) {
            image.tags().forEach(tag -> access.requireTag(Action.BATCH_DELETE_IMAGE, name, tag));
        }
        return commands.send(name, new DeleteImage(name, digest));
    }

    /** Images by digest, with their tags: now, or as they were at {@code asOf}. */
    public Page<ImageSummary> images(RepositoryName name, TagStatus status, PageRequest request, Instant asOf) {
        access.require(Action.DESCRIBE_IMAGES, name);
        String listing = "images " + name.value() + " " + status + " " + asOf;
        String after = tokens.afterKey(listing, request);
        Object query = asOf == null ? new ListImages(name.value(), status, request.limit(), after)
                : new ListImagesAsOf(name.value(), status, request.limit(), after, past("asOf", asOf));
        ImagePage page = queries.find(query, ImagePage.class).orElseThrow(() -> notFound(name));
        return new Page<>(page.items(), tokens.next(listing, page.nextAfter()));
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

    /** The manifests whose subject is the digest, optionally of one artifact type. */
    public Referrers referrers(RepositoryName name, ImageDigest digest, String artifactType) {
        access.require(Action.LIST_IMAGES, name);
        return queries.find(new FindReferrers(name.value(), digest.value(), artifactType), Referrers.class).orElseThrow(() -> notFound(name));
    }
}
