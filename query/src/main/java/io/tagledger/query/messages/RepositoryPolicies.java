package io.tagledger.query.messages;

import java.util.Map;

/** Each repository that has a policy, and the policy's text. */
public record RepositoryPolicies(Map<String, String> policies) {
}
