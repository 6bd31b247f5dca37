package io.tagledger.domain;

import com.fasterxml.jackson.annotation.JsonAutoDetect.Visibility;
import com.fasterxml.jackson.annotation.JsonAutoDetect;
import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonIgnore;
import com.fasterxml.jackson.annotation.JsonProperty;
import io.tagledger.domain.command.ApplyLifecyclePolicy;
import io.tagledger.domain.command.CreateRepository;
import io.tagledger.domain.command.CreateRepositoryOnPush;
import io.tagledger.domain.command.DeleteImage;
import io.tagledger.domain.command.DeleteLifecyclePolicy;
import io.tagledger.domain.command.DeleteRepository;
import io.tagledger.domain.command.DeleteRepositoryPolicy;
import io.tagledger.domain.command.PreviewLifecyclePolicy;
import io.tagledger.domain.command.PushImage;
import io.tagledger.domain.command.PutLifecyclePolicy;
import io.tagledger.domain.command.ReleaseTag;
import io.tagledger.domain.command.SetImageScanning;
import io.tagledger.domain.command.SetRepositoryPolicy;
import io.tagledger.domain.command.SetTagMutability;
import io.tagledger.domain.command.SetTrustPolicy;
import io.tagledger.domain.command.TagRepository;
import io.tagledger.domain.command.UntagImage;
import io.tagledger.domain.command.UntagRepository;
import io.tagledger.domain.event.EncryptionConfigured;
import io.tagledger.domain.event.ImageDeleted;
import io.tagledger.domain.event.ImageExpired;
import io.tagledger.domain.event.ImagePushed;
import io.tagledger.domain.event.ImageScanningSet;
import io.tagledger.domain.event.ImageUntagged;
import io.tagledger.domain.event.LifecyclePolicyDeleted;
import io.tagledger.domain.event.LifecyclePolicySet;
import io.tagledger.domain.event.RepositoryCreated;
import io.tagledger.domain.event.RepositoryDeleted;
import io.tagledger.domain.event.RepositoryPolicyDeleted;
import io.tagledger.domain.event.RepositoryPolicySet;
import io.tagledger.domain.event.ResourceTagsAdded;
import io.tagledger.domain.event.ResourceTagsRemoved;
import io.tagledger.domain.event.TagMutabilitySet;
import io.tagledger.domain.event.TagReleased;
import io.tagledger.domain.event.TagSignatureChecked;
import io.tagledger.domain.event.TrustPolicySet;
import io.tagledger.domain.lifecycle.LifecycleExpiry;
import io.tagledger.domain.lifecycle.LifecycleImage;
import io.tagledger.domain.lifecycle.LifecyclePolicy;
import io.tagledger.domain.trust.SignatureVerifier;
import io.tagledger.domain.trust.TrustMode;
import io.tagledger.domain.trust.TrustPolicy;
import io.tagledger.domain.trust.TrustVerdict;
import org.axonframework.commandhandling.CommandHandler;
import org.axonframework.eventhandling.GenericEventMessage;
import org.axonframework.eventhandling.Timestamp;
import org.axonframework.eventsourcing.EventSourcingHandler;
import org.axonframework.modelling.command.AggregateCreationPolicy;
import org.axonframework.modelling.command.AggregateIdentifier;
import org.axonframework.modelling.command.CreationPolicy;
import org.axonframework.serialization.Revision;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

import static org.axonframework.modelling.command.AggregateLifecycle.apply;

/**
 * One container image repository, identified by its name. It owns every rule about tags and images:
 * all writes to a repository go through it, one at a time, so that a tag can never be claimed twice.
 *
 * <p>Every handler is {@code CREATE_IF_MISSING}: a name that was never created and a name whose
 * repository was deleted both answer {@code RepositoryNotFound}, and a deleted name can be created
 * again on top of its kept history.
 *
 * <p>The state is kept to what the rules need (the tags of each digest) and is Jackson-serializable for snapshots.
 * Its revision is its snapshots': one taken of an earlier form is passed over, and the repository is loaded from its events.
 */
/* Revision 2: the lifecycle policy, and when each image was pushed. Revision 3: the trust policy. */
@Revision("3")
@JsonAutoDetect(fieldVisibility = Visibility.ANY, getterVisibility = Visibility.NONE, isGetterVisibility = Visibility.NONE)
public class ImageRepository {

    /** The longest a release may last: the glass is broken for a change, not for good. */
    public static final Duration MAX_RELEASE = Duration.ofHours(24);
    public static final int MAX_REASON = 1024;

    @AggregateIdentifier
    private String name;
    private boolean live;
    private TagMutability tagMutability;
    private TagProtection tagProtection;
    private TagRepush tagRepush;
    private final Map<String, Set<String>> tagsByDigest;
    /** Under STRICT protection: each tag published as immutable, and the digest it was published with. */
    private final Map<String, String> protectedTags;
    /** Each tag sealed under SEALED protection, and its digest: kept for ever, through deletions of the repository. */
    private final Map<String, String> sealedTags;
    /** Each released tag, and until when (an ISO-8601 instant) its next change is allowed. */
    private final Map<String, String> releases;
    /** Each image's first push, an ISO-8601 instant: what a lifecycle policy counts by. */
    private final Map<String, String> pushedAt;
    /** The repository's resource tags: kept here for their limit. */
    private ResourceTags resourceTags;
    /** The repository policy's text, or {@code null}. */
    private String repositoryPolicy;
    /** The lifecycle policy's text, or {@code null}. */
    private String lifecyclePolicy;
    /** Which tags may move only onto images a trusted key signed. */
    private TrustPolicy trustPolicy;
    @JsonIgnore
    private final Map<String, String> digestByTag;

    /** Required by Axon: the instance that events are applied to. */
    public ImageRepository() {
        this.tagsByDigest = new LinkedHashMap<>();
        this.protectedTags = new HashMap<>();
        this.sealedTags = new HashMap<>();
        this.releases = new HashMap<>();
        this.pushedAt = new HashMap<>();
        this.digestByTag = new HashMap<>();
        this.resourceTags = ResourceTags.NONE;
        this.trustPolicy = TrustPolicy.OFF;
    }

    @JsonCreator
    ImageRepository(@JsonProperty("name") String name,
                    @JsonProperty("live") boolean live,
                    @JsonProperty("tagMutability") TagMutability tagMutability,
                    @JsonProperty("tagProtection") TagProtection tagProtection,
                    @JsonProperty("tagRepush") TagRepush tagRepush,
                    @JsonProperty("tagsByDigest") Map<String, List<String>> tagsByDigest,
                    @JsonProperty("protectedTags") Map<String, String> protectedTags,
                    @JsonProperty("sealedTags") Map<String, String> sealedTags,
                    @JsonProperty("releases") Map<String, String> releases,
                    @JsonProperty("pushedAt") Map<String, String> pushedAt,
                    @JsonProperty("lifecyclePolicy") String lifecyclePolicy,
                    @JsonProperty("resourceTags") ResourceTags resourceTags,
                    @JsonProperty("repositoryPolicy") String repositoryPolicy,
                    @JsonProperty("trustPolicy") TrustPolicy trustPolicy) {
        this();
        this.name = name;
        this.live = live;
        this.tagMutability = tagMutability;
        // Snapshots are not upcast: one taken before tag protection existed has none, which meant NONE.
        this.tagProtection = tagProtection == null ? TagProtection.NONE : tagProtection;
        // Nor had one before repushes were accepted: REFUSE, as every repository did.
        this.tagRepush = tagRepush == null ? TagRepush.REFUSE : tagRepush;
        if (protectedTags != null) {
            this.protectedTags.putAll(protectedTags);
        }
        if (sealedTags != null) {
            this.sealedTags.putAll(sealedTags);
        }
        if (releases != null) {
            this.releases.putAll(releases);
        }
        this.pushedAt.putAll(pushedAt);
        this.lifecyclePolicy = lifecyclePolicy;
        this.resourceTags = resourceTags;
        this.repositoryPolicy = repositoryPolicy;
        this.trustPolicy = trustPolicy == null ? TrustPolicy.OFF : trustPolicy;
        if (tagsByDigest != null) {
            tagsByDigest.forEach((digest, tags) -> {
                this.tagsByDigest.put(digest, new LinkedHashSet<>(tags));
                tags.forEach(tag -> digestByTag.put(tag, digest));
            });
        }
    }

    @CommandHandler
    @CreationPolicy(AggregateCreationPolicy.CREATE_IF_MISSING)
    public void handle(CreateRepository command) {
        if (live) {
            throw RegistryException.repositoryAlreadyExists(command.name().value());
        }
        TagMutability mutability = command.tagMutability();
        apply(new RepositoryCreated(command.name().value(), mutability.mode(), mutability.filterPatterns(), command.tagProtection(),
                command.tagRepush(), null));
        if (!command.tags().isEmpty()) {
            apply(new ResourceTagsAdded(name, command.tags().tags()));
        }
        if (command.scanOnPush()) {
            apply(new ImageScanningSet(name, true));
        }
        if (!command.encryption().isDefault()) {
            apply(new EncryptionConfigured(name, command.encryption().encryptionType(), command.encryption().kmsKey()));
        }
    }

    @CommandHandler
    @CreationPolicy(AggregateCreationPolicy.CREATE_IF_MISSING)
    public void handle(TagRepository command) {
        requireLive(command.name());
        resourceTags.with(command.tags());
        apply(new ResourceTagsAdded(name, command.tags().tags()));
    }

    @CommandHandler
    @CreationPolicy(AggregateCreationPolicy.CREATE_IF_MISSING)
    public void handle(UntagRepository command) {
        requireLive(command.name());
        List<String> keys = command.keys().stream().filter(resourceTags.tags()::containsKey).distinct().sorted().toList();
        if (!keys.isEmpty()) {
            apply(new ResourceTagsRemoved(name, keys));
        }
    }

    @CommandHandler
    @CreationPolicy(AggregateCreationPolicy.CREATE_IF_MISSING)
    public void handle(SetRepositoryPolicy command) {
        requireLive(command.name());
        apply(new RepositoryPolicySet(name, command.policyText()));
    }

    /** @return the text the policy had */
    @CommandHandler
    @CreationPolicy(AggregateCreationPolicy.CREATE_IF_MISSING)
    public String handle(DeleteRepositoryPolicy command) {
        requireLive(command.name());
        if (repositoryPolicy == null) {
            throw RegistryException.of(Refusal.REPOSITORY_POLICY_NOT_FOUND, "repository", name);
        }
        String text = repositoryPolicy;
        apply(new RepositoryPolicyDeleted(name, text));
        return text;
    }

    @CommandHandler
    @CreationPolicy(AggregateCreationPolicy.CREATE_IF_MISSING)
    public void handle(SetImageScanning command) {
        requireLive(command.name());
        apply(new ImageScanningSet(name, command.scanOnPush()));
    }

    /** A name that exists already is left as it is: the push that raced to create it goes on into it. */
    @CommandHandler
    @CreationPolicy(AggregateCreationPolicy.CREATE_IF_MISSING)
    public void handle(CreateRepositoryOnPush command) {
        if (live) {
            return;
        }
        TagMutability mutability = command.tagMutability();
        apply(new RepositoryCreated(command.name().value(), mutability.mode(), mutability.filterPatterns(), TagProtection.NONE,
                TagRepush.REFUSE, command.template().value()));
        if (command.trustPolicy() != null && command.trustPolicy().mode() != TrustMode.OFF) {
            applyTrustPolicy(command.trustPolicy().reread());
        }
    }

    @CommandHandler
    @CreationPolicy(AggregateCreationPolicy.CREATE_IF_MISSING)
    public void handle(SetTagMutability command) {
        requireLive(command.name());
        TagProtection protection = command.tagProtection() == null ? tagProtection : command.tagProtection();
        if (tagProtection == TagProtection.STRICT && protection != TagProtection.STRICT) {
            throw RegistryException.strictProtectionIsFinal(name);
        }
        TagMutability mutability = command.tagMutability();
        apply(new TagMutabilitySet(name, mutability.mode(), mutability.filterPatterns(), protection,
                command.tagRepush() == null ? tagRepush : command.tagRepush()));
    }

    @CommandHandler
    @CreationPolicy(AggregateCreationPolicy.CREATE_IF_MISSING)
    public PushImage.Outcome handle(PushImage command) {
        requireLive(command.name());
        Manifest manifest = command.manifest();
        String digest = manifest.digest().value();
        if (command.expectedDigest() != null && !command.expectedDigest().value().equals(digest)) {
            throw RegistryException.imageDigestDoesNotMatch(name, command.expectedDigest().value(), digest);
        }
        String tag = command.tag() == null ? null : command.tag().value();
        String current = tag == null ? null : digestByTag.get(tag);
        if (tag == null ? tagsByDigest.containsKey(digest) : digest.equals(current)) {
            pushAgain(command.repeat(), digest, tag);
            return PushImage.Outcome.DONE;
        }
        if (tag != null && sealedTags.containsKey(tag) && !sealedTags.get(tag).equals(digest)) {
            throw RegistryException.tagSealed(name, tag, sealedTags.get(tag));
        }
        boolean released = tag != null && isReleased(tag);
        if (current != null && tagMutability.isImmutable(tag) && !released) {
            throw RegistryException.imageTagAlreadyExists(name, tag);
        }
        if (tag != null && protectedTags.containsKey(tag) && !protectedTags.get(tag).equals(digest) && !released) {
            throw RegistryException.tagPublishedAsImmutable(name, tag);
        }
        if (manifest.isLegacy()) {
            throw RegistryException.of(Refusal.UNSUPPORTED_MANIFEST, "repository", name, "mediaType", manifest.mediaType());
        }
        if (tag != null && trustPolicy.appliesTo(tag)) {
            if (command.signatures() == null) {
                return PushImage.Outcome.SIGNATURES_NEEDED;
            }
            checkSignatures(tag, digest, command);
        }
        apply(new ImagePushed(name, digest, manifest.mediaType(), manifest.sizeBytes(), manifest.content(), tag, current));
        return PushImage.Outcome.DONE;
    }

    /** The tag's move onto the image, checked against the trust policy: refused in ENFORCE mode unless a trusted key signed it, recorded either way. */
    private void checkSignatures(String tag, String digest, PushImage command) {
        TrustVerdict verdict = SignatureVerifier.verify(trustPolicy, digest, command.signatures(), GenericEventMessage.clock.instant());
        if (!verdict.verified() && trustPolicy.mode() == TrustMode.ENFORCE) {
            throw RegistryException.of(Refusal.TAG_NOT_SIGNED, "repository", name, "tag", tag, "digest", digest,
                    "policy", trustPolicy.describe(), "verdict", verdict.reason());
        }
        apply(new TagSignatureChecked(name, tag, digest, trustPolicy.mode().name(), verdict.verified(), verdict.signer(),
                verdict.signature(), verdict.reason()));
    }

    @CommandHandler
    @CreationPolicy(AggregateCreationPolicy.CREATE_IF_MISSING)
    public void handle(SetTrustPolicy command) {
        requireLive(command.name());
        applyTrustPolicy(TrustPolicy.of(command.mode(), command.tags(), command.cosignKeys(), command.notationCertificates()));
    }

    private void applyTrustPolicy(TrustPolicy policy) {
        apply(new TrustPolicySet(name, policy.mode().name(), policy.tags(), policy.cosignKeys(), policy.notationCertificates()));
    }

    @CommandHandler
    @CreationPolicy(AggregateCreationPolicy.CREATE_IF_MISSING)
    /** @return the digest the tag pointed to */
    public String handle(UntagImage command) {
        requireLive(command.name());
        String tag = command.tag().value();
        String digest = digestByTag.get(tag);
        if (digest == null) {
            throw RegistryException.tagNotFound(name, tag);
        }
        if (command.expectedDigest() != null && !command.expectedDigest().value().equals(digest)) {
            throw RegistryException.tagDoesNotMatchDigest(name, tag, command.expectedDigest().value());
        }
        if (isProtected(tag)) {
            throw RegistryException.tagProtected(name, tag, "untagged");
        }
        apply(new ImageUntagged(name, tag, digest));
        if (tagsByDigest.get(digest).isEmpty()) {
            apply(new ImageDeleted(name, digest, List.of()));
        }
        return digest;
    }

    @CommandHandler
    @CreationPolicy(AggregateCreationPolicy.CREATE_IF_MISSING)
    /** @return the tags the image had, which are gone with it */
    public List<String> handle(DeleteImage command) {
        requireLive(command.name());
        String digest = command.digest().value();
        Set<String> tags = tagsByDigest.get(digest);
        if (tags == null) {
            throw RegistryException.imageNotFound(name, digest);
        }
        for (String tag : tags) {
            if (isProtected(tag)) {
                throw RegistryException.tagProtected(name, tag, "deleted");
            }
        }
        List<String> removedTags = new ArrayList<>(tags);
        apply(new ImageDeleted(name, digest, removedTags));
        return removedTags;
    }

    @CommandHandler
    @CreationPolicy(AggregateCreationPolicy.CREATE_IF_MISSING)
    public void handle(DeleteRepository command) {
        requireLive(command.name());
        if (!tagsByDigest.isEmpty() && !command.force()) {
            throw RegistryException.repositoryNotEmpty(name);
        }
        if (!protectedTags.isEmpty()) {
            throw RegistryException.protectedRepository(name);
        }
        apply(new RepositoryDeleted(name, command.force(), tagsByDigest.size()));
    }

    /**
     * A push of what is already there changes nothing, or is refused, as the pushing API promises: ECR's
     * {@code PutImage} always refuses it; the REST API refuses it unless the repository accepts a tag's
     * digest again; a registry's push accepts it but onto an immutable tag, unless the repository accepts it.
     */
    private void pushAgain(PushImage.Repeat repeat, String digest, String tag) {
        boolean accepted = tag != null && tagRepush == TagRepush.ACCEPT_SAME_DIGEST;
        switch (repeat) {
            case REFUSED -> throw RegistryException.imageAlreadyExists(name, digest, tag);
            case REFUSED_UNLESS_ACCEPTED -> {
                if (!accepted) {
                    throw RegistryException.imageAlreadyExists(name, digest, tag);
                }
            }
            case REPEATABLE -> {
                if (tag != null && !accepted && tagMutability.isImmutable(tag)) {
                    throw RegistryException.imageTagAlreadyExists(name, tag);
                }
            }
        }
    }

    private boolean isProtected(String tag) {
        return tagProtection.protects(tagMutability, tag) && !isReleased(tag);
    }

    /** @return the release's end */
    @CommandHandler
    @CreationPolicy(AggregateCreationPolicy.CREATE_IF_MISSING)
    public Instant handle(ReleaseTag command) {
        requireLive(command.name());
        String tag = command.tag().value();
        if (command.reason() == null || command.reason().isBlank() || command.reason().length() > MAX_REASON) {
            throw RegistryException.invalidParameter("reason", "Member must be a reason of 1 to " + MAX_REASON + " characters");
        }
        Duration validFor = command.validFor();
        if (validFor == null || validFor.isNegative() || validFor.isZero() || validFor.compareTo(MAX_RELEASE) > 0) {
            throw RegistryException.invalidParameter("validFor", "Member must be a duration of more than 0 and at most " + MAX_RELEASE);
        }
        if (sealedTags.containsKey(tag)) {
            throw RegistryException.sealedTagRelease(name, tag);
        }
        String digest = digestByTag.get(tag);
        if (digest == null) {
            throw RegistryException.tagNotFound(name, tag);
        }
        if (!tagMutability.isImmutable(tag) && !protectedTags.containsKey(tag)) {
            throw RegistryException.releaseNotNeeded(name, tag);
        }
        Instant until = GenericEventMessage.clock.instant().plus(validFor);
        apply(new TagReleased(name, tag, digest, command.reason(), until.toString()));
        return until;
    }

    @CommandHandler
    @CreationPolicy(AggregateCreationPolicy.CREATE_IF_MISSING)
    public void handle(PutLifecyclePolicy command) {
        requireLive(command.name());
        apply(new LifecyclePolicySet(name, LifecyclePolicy.parse(command.lifecyclePolicyText()).text()));
    }

    /** @return the text the policy had */
    @CommandHandler
    @CreationPolicy(AggregateCreationPolicy.CREATE_IF_MISSING)
    public String handle(DeleteLifecyclePolicy command) {
        requireLive(command.name());
        String text = requireLifecyclePolicy().text();
        apply(new LifecyclePolicyDeleted(name, text));
        return text;
    }

    /** @return the images expired, oldest first */
    @CommandHandler
    @CreationPolicy(AggregateCreationPolicy.CREATE_IF_MISSING)
    public List<LifecycleExpiry> handle(ApplyLifecyclePolicy command) {
        requireLive(command.name());
        LifecyclePolicy policy = requireLifecyclePolicy();
        List<LifecycleExpiry> expiries = evaluate(policy);
        for (LifecycleExpiry expiry : expiries) {
            List<String> tags = new ArrayList<>(tagsByDigest.get(expiry.digest()));
            apply(new ImageExpired(name, expiry.digest(), tags, policy.digest(), expiry.rulePriority(), expiry.ruleDescription(),
                    expiry.reason()));
            apply(new ImageDeleted(name, expiry.digest(), tags));
        }
        return expiries;
    }

    /** @return what the policy would expire now, oldest first */
    @CommandHandler
    @CreationPolicy(AggregateCreationPolicy.CREATE_IF_MISSING)
    public List<LifecycleExpiry> handle(PreviewLifecyclePolicy command) {
        requireLive(command.name());
        return evaluate(command.lifecyclePolicyText() != null ? LifecyclePolicy.parse(command.lifecyclePolicyText())
                : requireLifecyclePolicy());
    }

    private LifecyclePolicy requireLifecyclePolicy() {
        if (lifecyclePolicy == null) {
            throw RegistryException.lifecyclePolicyNotFound(name);
        }
        return LifecyclePolicy.parse(lifecyclePolicy);
    }

    /** The policy over the images as they are: no release counts, since a release is for a person's change, not for a policy's. */
    private List<LifecycleExpiry> evaluate(LifecyclePolicy policy) {
        List<LifecycleImage> images = new ArrayList<>();
        tagsByDigest.forEach((digest, tags) -> images.add(new LifecycleImage(digest, tags, Instant.parse(pushedAt.get(digest)),
                tags.stream().filter(tag -> keepsForEver(tag, digest)).findFirst().orElse(null))));
        return policy.evaluate(images, GenericEventMessage.clock.instant());
    }

    private boolean keepsForEver(String tag, String digest) {
        return tagProtection.protects(tagMutability, tag) || digest.equals(protectedTags.get(tag)) || digest.equals(sealedTags.get(tag));
    }

    /** Whether the tag's next change is released: by a release that has not ended. */
    private boolean isReleased(String tag) {
        String until = releases.get(tag);
        return until != null && Instant.parse(until).isAfter(GenericEventMessage.clock.instant());
    }

    private void requireLive(RepositoryName target) {
        if (!live) {
            throw RegistryException.repositoryNotFound(target.value());
        }
    }

    @EventSourcingHandler
    void on(RepositoryCreated event) {
        name = event.repositoryName();
        live = true;
        tagMutability = TagMutability.of(event.imageTagMutability(), event.exclusionFilters());
        tagProtection = event.tagProtection();
        tagRepush = event.imageTagRepush();
        tagsByDigest.clear();
        digestByTag.clear();
        protectedTags.clear();
        pushedAt.clear();
        lifecyclePolicy = null;
        resourceTags = ResourceTags.NONE;
        repositoryPolicy = null;
        trustPolicy = TrustPolicy.OFF;
    }

    @EventSourcingHandler
    void on(RepositoryPolicySet event) {
        repositoryPolicy = event.policyText();
    }

    @EventSourcingHandler
    void on(TrustPolicySet event) {
        trustPolicy = new TrustPolicy(TrustMode.valueOf(event.mode()), event.tags(), event.cosignKeys(), event.notationCertificates());
    }

    @EventSourcingHandler
    void on(RepositoryPolicyDeleted event) {
        repositoryPolicy = null;
    }

    @EventSourcingHandler
    void on(ResourceTagsAdded event) {
        resourceTags = resourceTags.with(new ResourceTags(event.tags()));
    }

    @EventSourcingHandler
    void on(ResourceTagsRemoved event) {
        resourceTags = resourceTags.without(event.keys());
    }

    @EventSourcingHandler
    void on(TagMutabilitySet event) {
        tagMutability = TagMutability.of(event.imageTagMutability(), event.exclusionFilters());
        tagProtection = event.tagProtection();
        tagRepush = event.imageTagRepush();
        // From the moment STRICT (or SEALED) applies, every tag that is immutable now is published as immutable (or sealed).
        digestByTag.forEach(this::protectIfImmutable);
    }

    private void protectIfImmutable(String tag, String digest) {
        if (tagProtection.protects(tagMutability, tag)) {
            protectedTags.putIfAbsent(tag, digest);
        }
        if (tagProtection.seals(tagMutability, tag)) {
            sealedTags.putIfAbsent(tag, digest);
        }
    }

    @EventSourcingHandler
    void on(TagReleased event) {
        releases.put(event.tag(), event.validUntil());
    }

    /** A released tag's change uses its release up; one that moved it binds a STRICT tag to its new digest. */
    private void useRelease(String tag) {
        if (releases.remove(tag) != null) {
            protectedTags.remove(tag);
        }
    }

    @EventSourcingHandler
    void on(LifecyclePolicySet event) {
        lifecyclePolicy = event.lifecyclePolicyText();
    }

    @EventSourcingHandler
    void on(LifecyclePolicyDeleted event) {
        lifecyclePolicy = null;
    }

    @EventSourcingHandler
    void on(ImagePushed event, @Timestamp Instant at) {
        pushedAt.putIfAbsent(event.imageDigest(), at.toString());
        Set<String> tags = tagsByDigest.computeIfAbsent(event.imageDigest(), digest -> new LinkedHashSet<>());
        if (event.tag() != null) {
            useRelease(event.tag());
            if (event.previousDigest() != null) {
                tagsByDigest.get(event.previousDigest()).remove(event.tag());
            }
            tags.add(event.tag());
            digestByTag.put(event.tag(), event.imageDigest());
            protectIfImmutable(event.tag(), event.imageDigest());
        }
    }

    @EventSourcingHandler
    void on(ImageUntagged event) {
        useRelease(event.tag());
        tagsByDigest.get(event.imageDigest()).remove(event.tag());
        digestByTag.remove(event.tag());
    }

    @EventSourcingHandler
    void on(ImageDeleted event) {
        Set<String> tags = tagsByDigest.remove(event.imageDigest());
        pushedAt.remove(event.imageDigest());
        tags.forEach(digestByTag::remove);
        tags.forEach(this::useRelease);
    }

    @EventSourcingHandler
    void on(RepositoryDeleted event) {
        live = false;
        tagMutability = null;
        tagProtection = TagProtection.NONE;
        tagRepush = TagRepush.REFUSE;
        protectedTags.clear();
        releases.clear();
        tagsByDigest.clear();
        digestByTag.clear();
        pushedAt.clear();
        lifecyclePolicy = null;
        resourceTags = ResourceTags.NONE;
        repositoryPolicy = null;
        trustPolicy = TrustPolicy.OFF;
    }
}
