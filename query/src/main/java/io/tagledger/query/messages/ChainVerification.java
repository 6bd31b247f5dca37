package io.tagledger.query.messages;

import com.fasterxml.jackson.annotation.JsonInclude;

/**
 * Whether a repository's history is still the one that was written.
 *
 * @param events   how many events were checked; 0 when the name never had a repository
 * @param brokenAt the first sequence number whose hash does not hold, or {@code null} when verified
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record ChainVerification(boolean verified, long events, Long brokenAt) {
}
