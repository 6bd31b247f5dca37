package io.tagledger.api.rest;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.Parameter;
import io.swagger.v3.oas.annotations.tags.Tag;
import io.tagledger.api.registry.ImageReference;
import io.tagledger.api.registry.Page;
import io.tagledger.api.registry.PageLimits;
import io.tagledger.api.registry.Registry;
import io.tagledger.domain.ImageDigest;
import io.tagledger.domain.ImageTag;
import io.tagledger.domain.Manifest;
import io.tagledger.domain.RegistryException;
import io.tagledger.domain.RepositoryName;
import io.tagledger.domain.TagMutability;
import io.tagledger.domain.TagProtection;
import io.tagledger.query.messages.ImageSummary;
import io.tagledger.query.messages.ManifestContent;
import io.tagledger.query.messages.RepositorySummary;
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

/**
 * The REST API: parses each request into domain values, calls the {@link Registry} and maps the
 * answer. Sub-resources of a repository follow the separator {@code /-/}.
 */
@RestController
@RequestMapping(path = "/repositories", produces = MediaType.APPLICATION_JSON_VALUE)
@Tag(name = "repositories", description = "Repositories, their tag mutability, images and tags")
class RepositoryController {

    static final String DIGEST_HEADER = "Docker-Content-Digest";

    /** Content types that say nothing about which manifest this is; the manifest's own mediaType decides. */
    private static final Set<String> UNSPECIFIC_TYPES = Set.of(MediaType.APPLICATION_OCTET_STREAM_VALUE,
            MediaType.APPLICATION_JSON_VALUE, MediaType.APPLICATION_FORM_URLENCODED_VALUE, MediaType.TEXT_PLAIN_VALUE);

    private final Registry registry;
    private final Cursors cursors;

    RepositoryController(Registry registry, Cursors cursors) {
        this.registry = registry;
        this.cursors = cursors;
    }

    @Operation(summary = "Create a repository")
    @PostMapping(consumes = MediaType.APPLICATION_JSON_VALUE)
    ResponseEntity<RepositorySummary> create(@RequestBody CreateRepositoryRequest request) {
        RepositoryName name = RepositoryName.parse(request.name());
        RepositorySummary created = registry.create(name, TagMutability.onCreation(request.imageTagMutability(), request.exclusionFilters()),
                protection(request.tagProtection()));
        return ResponseEntity.created(URI.create("/repositories/" + UriUtils.encodePath(name.value(), StandardCharsets.UTF_8)))
                .body(created);
    }

    @Operation(summary = "List repositories by name, a page at a time")
    @GetMapping
    PageResponse<RepositorySummary> list(@RequestParam(required = false) Integer limit,
                                         @RequestParam(required = false) String cursor) {
        return page("repositories", registry.repositories(PageLimits.of("limit", limit), cursors.decode("repositories", cursor)));
    }

    @Operation(summary = "Get a repository, as it is or as it was at an instant (asOf, ISO-8601)")
    @GetMapping("/{name}")
    RepositorySummary get(@PathVariable String name, @RequestParam(required = false) String asOf) {
        return registry.repository(RepositoryName.parse(name), Instants.parseAsOf(asOf));
    }

    @Operation(summary = "Delete a repository; one with images only with force=true")
    @DeleteMapping("/{name}")
    ResponseEntity<Void> delete(@PathVariable String name, @RequestParam(defaultValue = "false") boolean force) {
        registry.delete(RepositoryName.parse(name), force);
        return ResponseEntity.noContent().build();
    }

    @Operation(summary = "Change the tag mutability; it applies to later pushes")
    @PutMapping(path = "/{name}/-/tag-mutability", consumes = MediaType.APPLICATION_JSON_VALUE)
    RepositorySummary setTagMutability(@PathVariable String name, @RequestBody TagMutabilityRequest request) {
        return registry.setTagMutability(RepositoryName.parse(name),
                TagMutability.parse(request.imageTagMutability(), request.exclusionFilters()), protection(request.tagProtection()));
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
        ImageReference target = ImageReference.parse(reference);
        Manifest manifest = Manifest.parse(body, declaredMediaType(contentType));
        registry.push(repository, manifest, target.tag(), target.digest());
        String digest = manifest.digest().value();
        return ResponseEntity.created(URI.create("/repositories/" + UriUtils.encodePath(repository.value(), StandardCharsets.UTF_8)
                        + "/-/manifests/" + digest))
                .header(DIGEST_HEADER, digest)
                .body(new PushResult(digest, target.isDigest() ? null : target.text()));
    }

    @Operation(summary = "Get a manifest by tag or digest, byte for byte as pushed")
    @GetMapping(path = "/{name}/-/manifests/{reference}", produces = MediaType.ALL_VALUE)
    ResponseEntity<byte[]> manifest(@PathVariable String name, @PathVariable String reference) {
        ManifestContent content = registry.manifest(RepositoryName.parse(name), ImageReference.parse(reference));
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
        TagStatus status = TagStatus.parse("tagStatus", tagStatus);
        String listing = "images " + repository.value() + " " + status + " " + at;
        return page(listing, registry.images(repository, status, PageLimits.of("limit", limit), cursors.decode(listing, cursor), at));
    }

    @Operation(summary = "Delete an image and every tag that points to it")
    @DeleteMapping("/{name}/-/images/{digest}")
    ResponseEntity<Void> deleteImage(@PathVariable String name, @PathVariable String digest) {
        registry.deleteImage(RepositoryName.parse(name), ImageDigest.parse(digest));
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
        return page(listing, registry.tags(repository, PageLimits.of("limit", limit), cursors.decode(listing, cursor), at));
    }

    @Operation(summary = "Get a tag and its digest")
    @GetMapping("/{name}/-/tags/{tag}")
    TagSummary tag(@PathVariable String name, @PathVariable String tag) {
        RepositoryName repository = RepositoryName.parse(name);
        ImageTag imageTag = ImageTag.parse(tag);
        return registry.findTags(repository, List.of(imageTag.value())).stream().findFirst()
                .orElseThrow(() -> RegistryException.tagNotFound(repository.value(), imageTag.value()));
    }

    @Operation(summary = "Remove a tag; as in ECR, an image whose last tag goes is deleted")
    @DeleteMapping("/{name}/-/tags/{tag}")
    ResponseEntity<Void> untag(@PathVariable String name, @PathVariable String tag) {
        registry.untag(RepositoryName.parse(name), ImageTag.parse(tag), null);
        return ResponseEntity.noContent().build();
    }

    private <T> PageResponse<T> page(String listing, Page<T> page) {
        return new PageResponse<>(page.items(), cursors.encode(listing, page.nextAfter()));
    }

    private static TagProtection protection(String text) {
        return text == null ? null : TagProtection.parse("tagProtection", text);
    }

    private static String declaredMediaType(String contentType) {
        if (contentType == null) {
            return null;
        }
        String type = contentType.split(";", 2)[0].trim().toLowerCase();
        return type.isEmpty() || UNSPECIFIC_TYPES.contains(type) ? null : type;
    }
}
