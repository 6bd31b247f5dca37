package io.tagledger.api.rest;

import com.fasterxml.jackson.annotation.JsonInclude;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import io.tagledger.api.registry.LifecyclePolicies;
import io.tagledger.domain.RegistryException;
import io.tagledger.domain.RepositoryName;
import io.tagledger.domain.lifecycle.LifecycleExpiry;
import org.springframework.http.MediaType;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;

/**
 * The REST API's lifecycle policies, under {@code /repositories/{name}/-/lifecycle-policy}: the policy
 * itself, in ECR's rule language, is the body of a {@code PUT}; a preview is what it would expire now,
 * or at a past instant ({@code at}); {@code apply} applies it now, for operators, rather than at the
 * next round of the schedule.
 */
@RestController
@RequestMapping(path = "/repositories/{name}/-/lifecycle-policy", produces = MediaType.APPLICATION_JSON_VALUE)
@Tag(name = "lifecycle policies", description = "Which images expire, in ECR's rule language, and why")
class LifecyclePolicyController {

    private final LifecyclePolicies lifecycle;

    LifecyclePolicyController(LifecyclePolicies lifecycle) {
        this.lifecycle = lifecycle;
    }

    /** A policy as it is kept: its text as it was given, and when it was set. */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    record Policy(String repositoryName, String lifecyclePolicyText, Instant setAt) {
    }

    /** An image the policy expires (or would), by which rule and why. */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    record Expiry(String imageDigest, List<String> imageTags, Instant imagePushedAt, int rulePriority, String ruleDescription,
                  String reason) {

        static List<Expiry> of(List<LifecycleExpiry> expiries) {
            return expiries.stream().map(expiry -> new Expiry(expiry.digest(), expiry.tags(), expiry.pushedAt(), expiry.rulePriority(),
                    expiry.ruleDescription(), expiry.reason())).toList();
        }
    }

    record Preview(String repositoryName, String lifecyclePolicyText, Instant at, List<Expiry> expiries) {
    }

    /** @param lifecyclePolicyText a policy to try; without one, the repository's own. @param at a past instant; without one, now */
    record PreviewRequest(String lifecyclePolicyText, String at) {
    }

    record Applied(String repositoryName, List<Expiry> expired) {
    }

    @Operation(summary = "Set the lifecycle policy: the body is the policy, in ECR's rule language")
    @PutMapping(consumes = MediaType.APPLICATION_JSON_VALUE)
    Policy put(@PathVariable String name, @RequestBody byte[] body) {
        RepositoryName repository = RepositoryName.parse(name);
        LifecyclePolicies.Kept kept = lifecycle.put(repository, new String(body, StandardCharsets.UTF_8));
        return new Policy(repository.value(), kept.text(), kept.setAt());
    }

    @Operation(summary = "Get the lifecycle policy")
    @GetMapping
    Policy get(@PathVariable String name) {
        RepositoryName repository = RepositoryName.parse(name);
        LifecyclePolicies.Kept kept = lifecycle.get(repository);
        return new Policy(repository.value(), kept.text(), kept.setAt());
    }

    @Operation(summary = "Delete the lifecycle policy; answers the policy it was")
    @DeleteMapping
    Policy delete(@PathVariable String name) {
        RepositoryName repository = RepositoryName.parse(name);
        LifecyclePolicies.Kept kept = lifecycle.delete(repository);
        return new Policy(repository.value(), kept.text(), kept.setAt());
    }

    @Operation(summary = "What a policy (this one, or the one given) would expire now, or at a past instant (at, ISO-8601)")
    @PostMapping(path = "/preview", consumes = MediaType.APPLICATION_JSON_VALUE)
    Preview preview(@PathVariable String name, @RequestBody(required = false) PreviewRequest request) {
        RepositoryName repository = RepositoryName.parse(name);
        String text = request == null ? null : request.lifecyclePolicyText();
        Instant at = request == null ? null : Instants.parse("at", request.at());
        if (text != null && text.isBlank()) {
            throw RegistryException.invalidParameter("lifecyclePolicyText", "Member must be a policy, or left out");
        }
        LifecyclePolicies.Preview preview = at == null ? lifecycle.startPreview(repository, text) : lifecycle.previewAt(repository, text, at);
        return new Preview(repository.value(), preview.text(), preview.at(), Expiry.of(preview.expiries()));
    }

    @Operation(summary = "Apply the lifecycle policy now; answers the images expired")
    @PostMapping("/apply")
    Applied apply(@PathVariable String name) {
        RepositoryName repository = RepositoryName.parse(name);
        return new Applied(repository.value(), Expiry.of(lifecycle.apply(repository)));
    }
}
