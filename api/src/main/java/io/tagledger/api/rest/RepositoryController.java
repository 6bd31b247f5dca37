package io.tagledger.api.rest;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import io.tagledger.api.registry.PageRequest;
import io.tagledger.api.registry.Repositories;
import io.tagledger.domain.RepositoryName;
import io.tagledger.domain.TagMutability;
import io.tagledger.domain.TagProtection;
import io.tagledger.domain.TagRepush;
import io.tagledger.query.messages.RepositorySummary;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.util.UriUtils;

import java.net.URI;
import java.nio.charset.StandardCharsets;

/**
 * The REST API's repositories: parses each request into domain values, calls {@link Repositories} and
 * maps the answer. A repository's images and tags are {@link ImageController}'s.
 */
@RestController
@RequestMapping(path = "/repositories", produces = MediaType.APPLICATION_JSON_VALUE)
@Tag(name = "repositories", description = "Repositories and their tag mutability")
class RepositoryController {

    private final Repositories repositories;

    RepositoryController(Repositories repositories) {
        this.repositories = repositories;
    }

    @Operation(summary = "Create a repository")
    @PostMapping(consumes = MediaType.APPLICATION_JSON_VALUE)
    ResponseEntity<RepositorySummary> create(@RequestBody CreateRepositoryRequest request) {
        RepositoryName name = RepositoryName.parse(request.name());
        RepositorySummary created = repositories.create(name, TagMutability.onCreation(request.imageTagMutability(), request.exclusionFilters()),
                TagProtection.parseIfGiven("tagProtection", request.tagProtection()),
                TagRepush.parseIfGiven("imageTagRepush", request.imageTagRepush()));
        return ResponseEntity.created(URI.create("/repositories/" + UriUtils.encodePath(name.value(), StandardCharsets.UTF_8)))
                .body(created);
    }

    @Operation(summary = "List repositories by name, a page at a time; nameContains keeps those whose name contains it, ignoring case")
    @GetMapping
    PageResponse<RepositorySummary> list(@RequestParam(required = false) String nameContains,
                                         @RequestParam(required = false) Integer limit,
                                         @RequestParam(required = false) String cursor) {
        return PageResponse.of(repositories.repositories(nameContains, PageRequest.of("limit", limit, "cursor", cursor)));
    }

    @Operation(summary = "Get a repository, as it is or as it was at an instant (asOf, ISO-8601)")
    @GetMapping("/{name}")
    RepositorySummary get(@PathVariable String name, @RequestParam(required = false) String asOf) {
        return repositories.repository(RepositoryName.parse(name), Instants.parse("asOf", asOf));
    }

    @Operation(summary = "Delete a repository; one with images only with force=true")
    @DeleteMapping("/{name}")
    ResponseEntity<Void> delete(@PathVariable String name, @RequestParam(defaultValue = "false") boolean force) {
        repositories.delete(RepositoryName.parse(name), force);
        return ResponseEntity.noContent().build();
    }

    @Operation(summary = "Change the tag mutability; it applies to later pushes")
    @PutMapping(path = "/{name}/-/tag-mutability", consumes = MediaType.APPLICATION_JSON_VALUE)
    RepositorySummary setTagMutability(@PathVariable String name, @RequestBody TagMutabilityRequest request) {
        return repositories.setTagMutability(RepositoryName.parse(name),
                TagMutability.parse(request.imageTagMutability(), request.exclusionFilters()),
                TagProtection.parseIfGiven("tagProtection", request.tagProtection()),
                TagRepush.parseIfGiven("imageTagRepush", request.imageTagRepush()));
    }
}
