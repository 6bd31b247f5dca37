package io.tagledger.api.rest;

import com.fasterxml.jackson.annotation.JsonInclude;
import io.tagledger.api.registry.Page;

import java.util.List;

/** One page of a listing; {@code nextCursor} is present while more items follow. */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record PageResponse<T>(List<T> items, String nextCursor) {

    static <T> PageResponse<T> of(Page<T> page) {
        return new PageResponse<>(page.items(), page.nextToken());
    }
}
