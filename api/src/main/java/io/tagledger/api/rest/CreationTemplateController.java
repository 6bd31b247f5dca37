package io.tagledger.api.rest;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import io.tagledger.api.registry.CreationTemplates;
import io.tagledger.api.registry.PageRequest;
import io.tagledger.domain.RegistryException;
import io.tagledger.domain.TagMutability;
import io.tagledger.domain.TemplatePrefix;
import io.tagledger.domain.TemplateUse;
import io.tagledger.query.messages.CreationTemplateSummary;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PatchMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.util.UriUtils;

import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.List;

/**
 * The REST API's repository creation templates ({@code /creation-templates/<prefix>}): parses each request
 * into domain values, calls {@link CreationTemplates} and maps the answer.
 */
@RestController
@RequestMapping(path = "/creation-templates", produces = MediaType.APPLICATION_JSON_VALUE)
@Tag(name = "creation templates", description = "The settings a repository gets when a push to a new name creates it")
class CreationTemplateController {

    private final CreationTemplates templates;

    CreationTemplateController(CreationTemplates templates) {
        this.templates = templates;
    }

    @Operation(summary = "Create a repository creation template: a prefix (or ROOT), its tag mutability, and appliedFor CREATE_ON_PUSH")
    @PostMapping(consumes = MediaType.APPLICATION_JSON_VALUE)
    ResponseEntity<CreationTemplateSummary> create(@RequestBody CreationTemplateRequest request) {
        TemplatePrefix prefix = TemplatePrefix.parse(request.prefix());
        if (request.appliedFor() == null) {
            throw RegistryException.invalidParameter("appliedFor", "Member must not be null");
        }
        CreationTemplateSummary created = templates.create(prefix, request.description(),
                TagMutability.onCreation(request.imageTagMutability(), request.exclusionFilters()), TemplateUse.parseAll(request.appliedFor()),
                request.trustPolicy() == null ? null : request.trustPolicy().read("trustPolicy"));
        return ResponseEntity.created(URI.create("/creation-templates/" + UriUtils.encodePath(prefix.value(), StandardCharsets.UTF_8)))
                .body(created);
    }

    @Operation(summary = "List the repository creation templates by prefix, a page at a time")
    @GetMapping
    PageResponse<CreationTemplateSummary> list(@RequestParam(required = false) Integer limit,
                                               @RequestParam(required = false) String cursor) {
        return PageResponse.of(templates.templates(List.of(), PageRequest.of("limit", limit, "cursor", cursor)));
    }

    @Operation(summary = "Get a repository creation template")
    @GetMapping("/{prefix}")
    CreationTemplateSummary get(@PathVariable String prefix) {
        return templates.template(TemplatePrefix.parse(prefix));
    }

    @Operation(summary = "Change a repository creation template; members left out keep their values")
    @PatchMapping(path = "/{prefix}", consumes = MediaType.APPLICATION_JSON_VALUE)
    CreationTemplateSummary update(@PathVariable String prefix, @RequestBody CreationTemplateRequest request) {
        if (request.prefix() != null && !TemplatePrefix.parse(request.prefix()).equals(TemplatePrefix.parse(prefix))) {
            throw RegistryException.invalidParameter("prefix", "Member must be the prefix of the path, or left out");
        }
        TagMutability mutability = request.imageTagMutability() == null && request.exclusionFilters() == null ? null
                : TagMutability.parse(request.imageTagMutability(), request.exclusionFilters());
        return templates.update(TemplatePrefix.parse(prefix), request.description(), mutability,
                request.appliedFor() == null ? null : TemplateUse.parseAll(request.appliedFor()),
                request.trustPolicy() == null ? null : request.trustPolicy().read("trustPolicy"));
    }

    @Operation(summary = "Delete a repository creation template; the repositories it created keep their settings")
    @DeleteMapping("/{prefix}")
    ResponseEntity<Void> delete(@PathVariable String prefix) {
        templates.delete(TemplatePrefix.parse(prefix));
        return ResponseEntity.noContent().build();
    }
}
