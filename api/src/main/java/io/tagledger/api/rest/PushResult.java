package io.tagledger.api.rest;

import com.fasterxml.jackson.annotation.JsonInclude;

/** The answer to a push: the manifest's digest and the tag that now points to it, if one was pushed. */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record PushResult(String digest, String tag) {
}
