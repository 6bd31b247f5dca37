package io.tagledger.api.rest;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.Parameter;
import io.swagger.v3.oas.annotations.tags.Tag;
import io.tagledger.api.registry.ImageReference;
import io.tagledger.api.registry.Images;
import io.tagledger.api.registry.Manifests;
import io.tagledger.api.registry.PageRequest;
import io.tagledger.api.registry.TagState;
import io.tagledger.api.registry.Tags;
import io.tagledger.domain.ImageDigest;
import io.tagledger.domain.ImageTag;
import io.tagledger.domain.Manifest;
import io.tagledger.domain.RegistryException;
import io.tagledger.domain.RepositoryName;
import io.tagledger.domain.command.PushImage;
import io.tagledger.query.messages.ImageSummary;
import io.tagledger.query.messages.ManifestContent;
import io.tagledger.query.messages.TagStatus;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
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
import java.time.Duration;
import java.time.Instant;
import java.time.format.DateTimeParseException;

/**
 * The REST API's manifests, images and tags, the sub-resources of a repository after the separator
 * {@code /-/}: parses each request into domain values, calls the application layer ({@link Images}, {@link Tags}, {@link Manifests}) and maps the answer.
 */
@RestController
@RequestMapping(path = "/repositories/{name}/-", produces = MediaType.APPLICATION_JSON_VALUE)
@Tag(name = "images", description = "A repository's manifests, images and tags")
class ImageController {

    static final String DIGEST_HEADER = "Docker-Content-Digest";

    private final Images images;
    private final Tags tags;
    private final Manifests manifests;

    ImageController(Images images, Tags tags, Manifests manifests) {
        this.images = images;
        this.tags = tags;
        this.manifests = manifests;
    }

    @Operation(summary = "Push a manifest under a tag, or under its digest for an untagged push",
            description = "The body is the manifest exactly as it is to be stored; Content-Type is its media type, "
                    + "or the manifest's own mediaType member is used.")
    @PutMapping(path = "/manifests/{reference}", consumes = MediaType.ALL_VALUE)
    ResponseEntity<PushResult> push(@PathVariable String name,
                                    @Parameter(description = "a tag, or the manifest's digest") @PathVariable String reference,
                                    @RequestHeader(value = HttpHeaders.CONTENT_TYPE, required = false) String contentType,
                                    @RequestBody(required = false) byte[] body) {
        RepositoryName repository = RepositoryName.parse(name);
        ImageReference target = ImageReference.parse(reference);
        Manifest manifest = Manifest.parse(body, Manifest.mediaTypeDeclaredBy(contentType));
        images.push(repository, manifest, target.tag(), target.digest(), PushImage.Repeat.REFUSED_UNLESS_ACCEPTED);
        String digest = manifest.digest().value();
        return ResponseEntity.created(URI.create("/repositories/" + UriUtils.encodePath(repository.value(), StandardCharsets.UTF_8)
                        + "/-/manifests/" + digest))
                .header(DIGEST_HEADER, digest)
                .body(new PushResult(digest, target.isDigest() ? null : target.text()));
    }

    @Operation(summary = "Get a manifest by tag or digest, byte for byte as pushed")
    @GetMapping(path = "/manifests/{reference}", produces = MediaType.ALL_VALUE)
    ResponseEntity<byte[]> manifest(@PathVariable String name, @PathVariable String reference) {
        ManifestContent content = manifests.manifest(RepositoryName.parse(name), ImageReference.parse(reference));
        // The digest is the ETag: Spring answers an If-None-Match that names it with 304 and no body.
        return ResponseEntity.ok()
                .contentType(MediaType.parseMediaType(content.mediaType()))
                .header(DIGEST_HEADER, content.digest())
                .eTag(content.digest())
                .body(content.manifest().getBytes(StandardCharsets.UTF_8));
    }

    @Operation(summary = "List images (one per digest, with its tags), a page at a time")
    @GetMapping("/images")
    PageResponse<ImageSummary> images(@PathVariable String name,
                                      @RequestParam(required = false) String tagStatus,
                                      @RequestParam(required = false) Integer limit,
                                      @RequestParam(required = false) String cursor,
                                      @RequestParam(required = false) String asOf) {
        return PageResponse.of(images.images(RepositoryName.parse(name), TagStatus.parse("tagStatus", tagStatus),
                PageRequest.of("limit", limit, "cursor", cursor), Instants.parse("asOf", asOf)));
    }

    @Operation(summary = "Delete an image and every tag that points to it")
    @DeleteMapping("/images/{digest}")
    ResponseEntity<Void> deleteImage(@PathVariable String name, @PathVariable String digest) {
        images.delete(RepositoryName.parse(name), ImageDigest.parse(digest));
        return ResponseEntity.noContent().build();
    }

    @Operation(summary = "List tags with their digests and whether each is immutable, a page at a time; as they were at asOf if given")
    @GetMapping("/tags")
    PageResponse<TagState> tags(@PathVariable String name,
                                @RequestParam(required = false) Integer limit,
                                @RequestParam(required = false) String cursor,
                                @RequestParam(required = false) String asOf) {
        return PageResponse.of(tags.tags(RepositoryName.parse(name), PageRequest.of("limit", limit, "cursor", cursor),
                Instants.parse("asOf", asOf)));
    }

    @Operation(summary = "Get a tag, its digest, and whether it is immutable")
    @GetMapping("/tags/{tag}")
    TagState tag(@PathVariable String name, @PathVariable String tag) {
        return tags.tag(RepositoryName.parse(name), ImageTag.parse(tag));
    }

    @Operation(summary = "Release an immutable tag, on the record: its next change (a move or a deletion) is allowed once, "
            + "within validFor (at most a day), for the reason given")
    @PostMapping(path = "/tags/{tag}/release", consumes = MediaType.APPLICATION_JSON_VALUE)
    ResponseEntity<TagRelease> release(@PathVariable String name, @PathVariable String tag, @RequestBody ReleaseRequest request) {
        ImageTag parsed = ImageTag.parse(tag);
        Instant until = images.release(RepositoryName.parse(name), parsed, request.reason(), durationOf(request.validFor()));
        return ResponseEntity.status(HttpStatus.CREATED).body(new TagRelease(parsed.value(), request.reason(), until));
    }

    private static Duration durationOf(String text) {
        if (text == null) {
            throw RegistryException.invalidParameter("validFor", "Member must not be null");
        }
        try {
            return Duration.parse(text);
        } catch (DateTimeParseException e) {
            throw RegistryException.invalidParameter("validFor", "Member must be an ISO-8601 duration such as PT10M");
        }
    }

    @Operation(summary = "Remove a tag; as in ECR, an image whose last tag goes is deleted")
    @DeleteMapping("/tags/{tag}")
    ResponseEntity<Void> untag(@PathVariable String name, @PathVariable String tag) {
        images.untag(RepositoryName.parse(name), ImageTag.parse(tag), null);
        return ResponseEntity.noContent().build();
    }
}
