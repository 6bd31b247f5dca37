package io.tagledger.api.rest;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.Parameter;
import io.swagger.v3.oas.annotations.tags.Tag;
import io.tagledger.api.RegistryCommands;
import io.tagledger.api.RegistryQueries;
import io.tagledger.domain.ImageDigest;
import io.tagledger.domain.ImageTag;
import io.tagledger.domain.Manifest;
import io.tagledger.domain.RegistryException;
import io.tagledger.domain.RepositoryName;
import io.tagledger.domain.TagMutability;
import io.tagledger.domain.TagMutabilityMode;
import io.tagledger.domain.TagProtection;
import io.tagledger.domain.command.CreateRepository;
import io.tagledger.domain.command.DeleteImage;
import io.tagledger.domain.command.DeleteRepository;
import io.tagledger.domain.command.PushImage;
import io.tagledger.domain.command.SetTagMutability;
import io.tagledger.domain.command.UntagImage;
import io.tagledger.query.messages.FindManifest;
import io.tagledger.query.messages.FindRepositoryAsOf;
import io.tagledger.query.messages.FindRepository;
import io.tagledger.query.messages.FindTags;
import io.tagledger.query.messages.ImagePage;
import io.tagledger.query.messages.ImageSummary;
import io.tagledger.query.messages.ListImages;
import io.tagledger.query.messages.ListRepositories;
import io.tagledger.query.messages.ListTags;
import io.tagledger.query.messages.ManifestContent;
import io.tagledger.query.messages.RepositoryAsOf;
import io.tagledger.query.messages.RepositoryPage;
import io.tagledger.query.messages.RepositorySummary;
import io.tagledger.query.messages.TagPage;
import io.tagledger.query.messages.TagStatus;
import io.tagledger.query.messages.TagSummary;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.util.UriUtils;

import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;
import java.util.Set;
import java.util.function.Function;

/**
 * The REST API. A thin adapter: it parses the request into domain values, sends one command or
 * query and maps the answer. Sub-resources of a repository follow the separator {@code /-/}.
 */
@RestController
@RequestMapping(path = "/repositories", produces = MediaType.APPLICATION_JSON_VALUE)
@Tag(name = "repositories", description = "Repositories, their tag mutability, images and tags")
class RepositoryController {

    static final String DIGEST_HEADER = "Docker-Content-Digest";

    /** Content types that say nothing about which manifest this is; the manifest's own mediaType decides. */
    private static final Set<String> UNSPECIFIC_TYPES = Set.of(MediaType.APPLICATION_OCTET_STREAM_VALUE,
            MediaType.APPLICATION_JSON_VALUE, MediaType.APPLICATION_FORM_URLENCODED_VALUE, MediaType.TEXT_PLAIN_VALUE);

    private final RegistryCommands commands;
    private final RegistryQueries queries;
    private final Cursors cursors;

    RepositoryController(RegistryCommands commands, RegistryQueries queries, Cursors cursors) {
        this.commands = commands;
        this.queries = queries;
        this.cursors = cursors;
    }

    @Operation(summary = "Create a repository")
    @PostMapping(consumes = MediaType.APPLICATION_JSON_VALUE)
    ResponseEntity<RepositorySummary> create(@RequestBody CreateRepositoryRequest request) {
        RepositoryName name = RepositoryName.parse(request.name());
        TagMutability mutability = request.imageTagMutability() == null && request.exclusionFilters() == null
                ? TagMutability.MUTABLE
                : mutability(request.imageTagMutability() == null ? "MUTABLE" : request.imageTagMutability(),
                request.exclusionFilters());
        commands.send(name, new CreateRepository(name, mutability, protection(request.tagProtection())));
        return ResponseEntity.created(URI.create("/repositories/" + UriUtils.encodePath(name.value(), StandardCharsets.UTF_8)))
                .body(repositoryAfterWrite(name));
    }

    @Operation(summary = "List repositories by name, a page at a time")
    @GetMapping
    PageResponse<RepositorySummary> list(@RequestParam(required = false) Integer limit,
                                         @RequestParam(required = false) String cursor) {
        RepositoryPage page = queries.ask(new ListRepositories(Cursors.limit(limit), cursors.decode("repositories", cursor)),
                RepositoryPage.class);
        return new PageResponse<>(page.items(), cursors.encode("repositories", page.nextAfter()));
    }

    @Operation(summary = "Get a repository, as it is or as it was at an instant (asOf, ISO-8601)")
    @GetMapping("/{name}")
    RepositorySummary get(@PathVariable String name, @RequestParam(required = false) String asOf) {
        RepositoryName repository = RepositoryName.parse(name);
        Instant at = Instants.parseAsOf(asOf);
        return at == null ? repository(repository) : asOf(repository, at).repository();
    }

    @Operation(summary = "Delete a repository; one with images only with force=true")
    @DeleteMapping("/{name}")
    ResponseEntity<Void> delete(@PathVariable String name, @RequestParam(defaultValue = "false") boolean force) {
        RepositoryName repository = RepositoryName.parse(name);
        commands.send(repository, new DeleteRepository(repository, force));
        return ResponseEntity.noContent().build();
    }

    @Operation(summary = "Change the tag mutability; it applies to later pushes")
    @PutMapping(path = "/{name}/-/tag-mutability", consumes = MediaType.APPLICATION_JSON_VALUE)
    RepositorySummary setTagMutability(@PathVariable String name, @RequestBody TagMutabilityRequest request) {
        RepositoryName repository = RepositoryName.parse(name);
        commands.send(repository, new SetTagMutability(repository,
                mutability(request.imageTagMutability(), request.exclusionFilters()), protection(request.tagProtection())));
        return repositoryAfterWrite(repository);
    }

    @Operation(summary = "Push a manifest under a tag, or under its digest for an untagged push",
            description = "The body is the manifest exactly as it is to be stored; Content-Type is its media type, "
                    + "or the manifest's own mediaType member is used.")
    @PutMapping(path = "/{name}/-/manifests/{reference}", consumes = MediaType.ALL_VALUE)
    ResponseEntity<PushResult> push(@PathVariable String name,
                                    @Parameter(description = "a tag, or the manifest's digest") @PathVariable String reference,
                                    @RequestHeader(value = HttpHeaders.CONTENT_TYPE, required = false) String contentType,
                                    @RequestBody(required = false) byte[] body) {
        RepositoryName repository = RepositoryName.parse(name);
        boolean byDigest = reference.contains(":");
        ImageTag tag = byDigest ? null : ImageTag.parse(reference);
        ImageDigest expectedDigest = byDigest ? ImageDigest.parse(reference) : null;
        Manifest manifest = Manifest.parse(body, declaredMediaType(contentType));
        commands.send(repository, new PushImage(repository, manifest, tag, expectedDigest));
        String digest = manifest.digest().value();
        return ResponseEntity.created(URI.create("/repositories/" + UriUtils.encodePath(repository.value(), StandardCharsets.UTF_8)
                        + "/-/manifests/" + digest))
                .header(DIGEST_HEADER, digest)
                .body(new PushResult(digest, tag == null ? null : tag.value()));
    }

    @Operation(summary = "Get a manifest by tag or digest, byte for byte as pushed")
    @GetMapping(path = "/{name}/-/manifests/{reference}", produces = MediaType.ALL_VALUE)
    ResponseEntity<byte[]> manifest(@PathVariable String name, @PathVariable String reference) {
        RepositoryName repository = RepositoryName.parse(name);
        ManifestContent content = queries.find(new FindManifest(repository.value(), reference), ManifestContent.class)
                .orElseThrow(() -> {
                    repository(repository);
                    return reference.contains(":")
                            ? RegistryException.imageNotFound(repository.value(), reference)
                            : RegistryException.tagNotFound(repository.value(), reference);
                });
        return ResponseEntity.ok()
                .contentType(MediaType.parseMediaType(content.mediaType()))
                .header(DIGEST_HEADER, content.digest())
                .body(content.manifest().getBytes(StandardCharsets.UTF_8));
    }

    @Operation(summary = "List images (one per digest, with its tags), a page at a time")
    @GetMapping("/{name}/-/images")
    PageResponse<ImageSummary> images(@PathVariable String name,
                                      @RequestParam(required = false) String tagStatus,
                                      @RequestParam(required = false) Integer limit,
                                      @RequestParam(required = false) String cursor,
                                      @RequestParam(required = false) String asOf) {
        RepositoryName repository = RepositoryName.parse(name);
        Instant at = Instants.parseAsOf(asOf);
        TagStatus status = tagStatus(tagStatus);
        String listing = "images " + repository.value() + " " + status + " " + at;
        if (at != null) {
            return page(asOf(repository, at).images().stream().filter(image -> status.matches(image.tags())).toList(),
                    ImageSummary::digest, limit, listing, cursor);
        }
        ListImages query = new ListImages(repository.value(), status, Cursors.limit(limit), cursors.decode(listing, cursor));
        ImagePage page = queries.find(query, ImagePage.class)
                .orElseThrow(() -> RegistryException.repositoryNotFound(repository.value()));
        return new PageResponse<>(page.items(), cursors.encode(listing, page.nextAfter()));
    }

    @Operation(summary = "Delete an image and every tag that points to it")
    @DeleteMapping("/{name}/-/images/{digest}")
    ResponseEntity<Void> deleteImage(@PathVariable String name, @PathVariable String digest) {
        RepositoryName repository = RepositoryName.parse(name);
        commands.send(repository, new DeleteImage(repository, ImageDigest.parse(digest)));
        return ResponseEntity.noContent().build();
    }

    @Operation(summary = "List tags with their digests, a page at a time")
    @GetMapping("/{name}/-/tags")
    PageResponse<TagSummary> tags(@PathVariable String name,
                                  @RequestParam(required = false) Integer limit,
                                  @RequestParam(required = false) String cursor,
                                  @RequestParam(required = false) String asOf) {
        RepositoryName repository = RepositoryName.parse(name);
        Instant at = Instants.parseAsOf(asOf);
        String listing = "tags " + repository.value() + " " + at;
        if (at != null) {
            return page(asOf(repository, at).tags(), TagSummary::tag, limit, listing, cursor);
        }
        TagPage page = queries.find(new ListTags(repository.value(), Cursors.limit(limit), cursors.decode(listing, cursor)), TagPage.class)
                .orElseThrow(() -> RegistryException.repositoryNotFound(repository.value()));
        return new PageResponse<>(page.items(), cursors.encode(listing, page.nextAfter()));
    }

    @Operation(summary = "Get a tag and its digest")
    @GetMapping("/{name}/-/tags/{tag}")
    TagSummary tag(@PathVariable String name, @PathVariable String tag) {
        RepositoryName repository = RepositoryName.parse(name);
        ImageTag imageTag = ImageTag.parse(tag);
        TagPage page = queries.find(new FindTags(repository.value(), List.of(imageTag.value())), TagPage.class)
                .orElseThrow(() -> RegistryException.repositoryNotFound(repository.value()));
        return page.items().stream().findFirst()
                .orElseThrow(() -> RegistryException.tagNotFound(repository.value(), imageTag.value()));
    }

    @Operation(summary = "Remove a tag; as in ECR, an image whose last tag goes is deleted")
    @DeleteMapping("/{name}/-/tags/{tag}")
    ResponseEntity<Void> untag(@PathVariable String name, @PathVariable String tag) {
        RepositoryName repository = RepositoryName.parse(name);
        commands.send(repository, new UntagImage(repository, ImageTag.parse(tag)));
        return ResponseEntity.noContent().build();
    }

    private RepositorySummary repository(RepositoryName name) {
        return queries.find(new FindRepository(name.value()), RepositorySummary.class)
                .orElseThrow(() -> RegistryException.repositoryNotFound(name.value()));
    }

    /** The repository as it was at an instant, from its event stream; 404 if it did not exist then. */
    private RepositoryAsOf asOf(RepositoryName name, Instant at) {
        return queries.find(new FindRepositoryAsOf(name.value(), at), RepositoryAsOf.class)
                .orElseThrow(() -> RegistryException.repositoryNotFound(name.value()));
    }

    /** Pages a list already sorted by its key, with the same cursors as the views' pages. */
    private <T> PageResponse<T> page(List<T> sorted, Function<T, String> key, Integer limit, String listing, String cursor) {
        int size = Cursors.limit(limit);
        String after = cursors.decode(listing, cursor);
        List<T> rest = after == null ? sorted : sorted.stream().filter(item -> key.apply(item).compareTo(after) > 0).toList();
        List<T> page = rest.subList(0, Math.min(size, rest.size()));
        return new PageResponse<>(page, rest.size() > size ? cursors.encode(listing, key.apply(page.get(page.size() - 1))) : null);
    }

    private RepositorySummary repositoryAfterWrite(RepositoryName name) {
        return queries.repositoryNow(name.value()).orElseThrow(() -> RegistryException.repositoryNotFound(name.value()));
    }

    private static TagMutability mutability(String mode, List<String> filters) {
        if (mode == null) {
            throw RegistryException.invalidParameter("imageTagMutability", "Member must not be null");
        }
        return TagMutability.of(TagMutabilityMode.parse("imageTagMutability", mode), filters);
    }

    private static TagProtection protection(String text) {
        return text == null ? null : TagProtection.parse("tagProtection", text);
    }

    private static TagStatus tagStatus(String text) {
        if (text == null) {
            return TagStatus.ANY;
        }
        for (TagStatus status : TagStatus.values()) {
            if (status.name().equals(text)) {
                return status;
            }
        }
        throw RegistryException.invalidParameter("tagStatus", "Member must satisfy enum value set: [TAGGED, UNTAGGED, ANY]");
    }

    private static String declaredMediaType(String contentType) {
        if (contentType == null) {
            return null;
        }
        String type = contentType.split(";", 2)[0].trim().toLowerCase();
        return type.isEmpty() || UNSPECIFIC_TYPES.contains(type) ? null : type;
    }
}
