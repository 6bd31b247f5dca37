package io.tagledger.api.rest;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import io.tagledger.api.admin.ProjectionStatus;
import io.tagledger.api.registry.Administration;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

import java.util.List;

/** Operators' view of the projections, and replays that rebuild them from the event store. */
@RestController
@RequestMapping(path = "/admin/projections", produces = MediaType.APPLICATION_JSON_VALUE)
@Tag(name = "admin", description = "Projection status and replay")
class AdminController {

    private final Administration administration;

    AdminController(Administration administration) {
        this.administration = administration;
    }

    @Operation(summary = "Each projection's state, position, head of the event stream, progress and replay rate")
    @GetMapping
    List<ProjectionStatus> list() {
        return administration.projections();
    }

    @Operation(summary = "Rebuild a projection from the event store beside its tables, which answer until the rebuilt ones replace them")
    @PostMapping("/{name}/replay")
    ResponseEntity<ProjectionStatus> replay(@PathVariable String name) {
        return ResponseEntity.status(HttpStatus.ACCEPTED).body(administration.replay(name));
    }

    @Operation(summary = "Rebuild every projection, in one pass over the event store")
    @PostMapping("/replay")
    ResponseEntity<List<ProjectionStatus>> replayAll() {
        return ResponseEntity.status(HttpStatus.ACCEPTED).body(administration.replayAll());
    }
}
