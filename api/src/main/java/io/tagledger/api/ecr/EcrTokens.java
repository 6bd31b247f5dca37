package io.tagledger.api.ecr;

import io.tagledger.api.paging.PageTokens;
import org.springframework.stereotype.Component;

import java.util.List;

/**
 * ECR's {@code nextToken}: opaque to clients, it carries the key of the last item served, signed and
 * bound to the operation and filters of its listing ({@link PageTokens}). The next page starts after
 * that key, so a token always advances (the AWS CLI follows tokens until there is none, and would loop
 * forever on one that did not); a token that is not one of this listing's is refused.
 */
@Component
class EcrTokens {

    private final PageTokens tokens;

    EcrTokens(PageTokens tokens) {
        this.tokens = tokens;
    }

    String encode(String listing, String... keys) {
        return tokens.encode("ecr " + listing, List.of(keys));
    }

    /** @return the keys, one per key given to {@link #encode} */
    List<String> decode(String token, String listing, int keys) {
        return tokens.decode("ecr " + listing, token, keys).orElseThrow(() -> EcrException.invalidParameter("nextToken",
                "Member must be a nextToken returned by the previous call of this listing"));
    }
}
