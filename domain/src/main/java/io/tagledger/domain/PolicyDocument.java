package io.tagledger.domain;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import java.util.Iterator;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.Function;

/**
 * A policy given as the text of a JSON object (a lifecycle policy, a repository policy), read strictly:
 * its length checked, and every object of it holding only the members its language knows, so that a
 * misspelled member is refused rather than read as absent.
 *
 * @param invalid the refusal of the policy, for why it is not one
 */
public record PolicyDocument(String member, int minLength, int maxLength, Function<String, RegistryException> invalid) {

    private static final ObjectMapper JSON = new ObjectMapper();

    /** The policy's root object. */
    public JsonNode read(String text) {
        if (text == null) {
            throw RegistryException.invalidParameter(member, "Member must not be null");
        }
        if (text.length() < minLength || text.length() > maxLength) {
            throw RegistryException.invalidParameter(member,
                    "Member must have length greater than or equal to " + minLength + " and less than or equal to " + maxLength);
        }
        JsonNode root;
        try {
            root = JSON.readTree(text);
        } catch (JsonProcessingException e) {
            throw invalid.apply("the policy is not valid JSON");
        }
        if (root == null || !root.isObject()) {
            throw invalid.apply("the policy must be a JSON object");
        }
        return root;
    }

    /** @param where the object, as a refusal names it ("a rule") */
    public void onlyMembers(JsonNode node, Set<String> known, String where) {
        for (Iterator<String> names = node.fieldNames(); names.hasNext(); ) {
            String name = names.next();
            if (!known.contains(name)) {
                throw invalid.apply(where + " has an unknown member '" + name + "'; known are " + new TreeSet<>(known));
            }
        }
    }
}
