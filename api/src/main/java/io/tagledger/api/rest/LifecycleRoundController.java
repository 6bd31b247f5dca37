package io.tagledger.api.rest;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import io.tagledger.api.registry.LifecyclePolicies;
import org.springframework.http.MediaType;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RestController;

/** For operators: the lifecycle schedule's round, run now on the node asked, rather than at its next interval. */
@RestController
@Tag(name = "lifecycle policies", description = "Which images expire, in ECR's rule language, and why")
class LifecycleRoundController {

    private final LifecyclePolicies lifecycle;

    LifecycleRoundController(LifecyclePolicies lifecycle) {
        this.lifecycle = lifecycle;
    }

    @Operation(summary = "Apply, now, the lifecycle policies of the repositories this node decides for; answers which, and how many images expired")
    @PostMapping(path = "/admin/lifecycle/run", produces = MediaType.APPLICATION_JSON_VALUE)
    LifecyclePolicies.Round run() {
        return lifecycle.applyHere();
    }
}
