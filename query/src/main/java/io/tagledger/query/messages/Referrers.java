package io.tagledger.query.messages;

import com.fasterxml.jackson.annotation.JsonInclude;

import java.util.List;
import java.util.Map;

/** The manifests that refer to one, each as an OCI descriptor. */
public record Referrers(List<Referrer> manifests) {

    @JsonInclude(JsonInclude.Include.NON_EMPTY)
    public record Referrer(String mediaType, String digest, long size, String artifactType, Map<String, String> annotations) {
    }
}
