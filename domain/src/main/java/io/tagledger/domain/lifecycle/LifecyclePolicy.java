package io.tagledger.domain.lifecycle;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeType;
import io.tagledger.domain.ImageDigest;
import io.tagledger.domain.PolicyDocument;
import io.tagledger.domain.RegistryException;
import io.tagledger.domain.lifecycle.LifecycleRule.CountType;
import io.tagledger.domain.lifecycle.LifecycleRule.TagStatus;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;

/**
 * A repository's lifecycle policy, in ECR's rule language, and its evaluation. The text is kept as it
 * was given, and answered back as it was; what it says is checked whole when it is parsed, so that a
 * policy that would select other images than its author meant (a member misspelled, a rule ECR would
 * refuse) is refused rather than kept.
 *
 * <p>Evaluation follows ECR's: rules in priority order, lowest first; an image is expired by one rule
 * or none; an image that a rule selects cannot be expired by a rule of a lower priority (a higher
 * number), though that rule still counts it; older images go before newer ones. Beyond ECR, an image
 * with a tag its repository keeps for ever (STRICT or SEALED) is counted and never expired.
 */
public final class LifecyclePolicy {

    public static final String MEMBER = "lifecyclePolicyText";
    public static final int MIN_LENGTH = 100;
    public static final int MAX_LENGTH = 30720;
    /** ECR's limit on the wildcards of one pattern. */
    static final int MAX_WILDCARDS = 4;

    private static final PolicyDocument DOCUMENT = new PolicyDocument(MEMBER, MIN_LENGTH, MAX_LENGTH, LifecyclePolicy::invalid);
    private static final Set<String> RULE_MEMBERS = Set.of("rulePriority", "description", "selection", "action");
    private static final Set<String> SELECTION_MEMBERS = Set.of("tagStatus", "tagPrefixList", "tagPatternList", "countType",
            "countUnit", "countNumber", "storageClass");

    private final String text;
    private final List<LifecycleRule> rules;

    private LifecyclePolicy(String text, List<LifecycleRule> rules) {
        this.text = text;
        this.rules = List.copyOf(rules);
    }

    public String text() {
        return text;
    }

    /** The rules, lowest priority number first: the order they are applied in. */
    public List<LifecycleRule> rules() {
        return rules;
    }

    /** Names this text of the policy in the images it expires: the digest of its bytes. */
    public String digest() {
        return ImageDigest.of(text.getBytes(StandardCharsets.UTF_8)).value();
    }

    public static LifecyclePolicy parse(String text) {
        JsonNode root = DOCUMENT.read(text);
        onlyMembers(root, Set.of("rules"), "the policy");
        JsonNode rulesNode = root.get("rules");
        if (rulesNode == null || !rulesNode.isArray() || rulesNode.isEmpty()) {
            throw invalid("'rules' must be a non-empty array");
        }
        List<LifecycleRule> rules = new ArrayList<>();
        for (JsonNode rule : rulesNode) {
            rules.add(rule(rule));
        }
        rules.sort(Comparator.comparingInt(LifecycleRule::priority));
        checkTogether(rules);
        return new LifecyclePolicy(text, rules);
    }

    private static LifecycleRule rule(JsonNode node) {
        if (!node.isObject()) {
            throw invalid("each rule must be a JSON object");
        }
        onlyMembers(node, RULE_MEMBERS, "a rule");
        JsonNode priorityNode = node.get("rulePriority");
        if (priorityNode == null || !priorityNode.canConvertToInt() || !priorityNode.isIntegralNumber() || priorityNode.asInt() < 1) {
            throw invalid("'rulePriority' must be an integer of at least 1");
        }
        int priority = priorityNode.asInt();
        String where = "rule " + priority;
        String description = optionalText(node, "description", where);
        JsonNode selection = node.get("selection");
        if (selection == null || !selection.isObject()) {
            throw invalid(where + ": 'selection' must be a JSON object");
        }
        onlyMembers(selection, SELECTION_MEMBERS, where + "'s selection");
        action(node.get("action"), where);
        String storageClass = optionalText(selection, "storageClass", where);
        if (storageClass != null && !storageClass.equals("standard")) {
            throw invalid(where + ": 'storageClass' '" + storageClass + "' is not supported: images are kept in one storage class, 'standard'");
        }
        TagStatus tagStatus = tagStatus(requiredText(selection, "tagStatus", where), where);
        List<String> prefixes = textList(selection, "tagPrefixList", where);
        List<String> patterns = textList(selection, "tagPatternList", where);
        if (!prefixes.isEmpty() && !patterns.isEmpty()) {
            throw invalid(where + ": give 'tagPrefixList' or 'tagPatternList', not both");
        }
        if (tagStatus == TagStatus.TAGGED && prefixes.isEmpty() && patterns.isEmpty()) {
            throw invalid(where + ": a rule with 'tagStatus' 'tagged' needs a 'tagPrefixList' or a 'tagPatternList'");
        }
        if (tagStatus != TagStatus.TAGGED && (selection.has("tagPrefixList") || selection.has("tagPatternList"))) {
            throw invalid(where + ": 'tagPrefixList' and 'tagPatternList' are only for 'tagStatus' 'tagged'");
        }
        for (String pattern : patterns) {
            if (pattern.chars().filter(c -> c == '*').count() > MAX_WILDCARDS) {
                throw invalid(where + ": the pattern '" + pattern + "' has more than " + MAX_WILDCARDS + " wildcards");
            }
        }
        CountType countType = countType(requiredText(selection, "countType", where), where);
        String countUnit = optionalText(selection, "countUnit", where);
        if (countType == CountType.SINCE_IMAGE_PUSHED && !"days".equals(countUnit)) {
            throw invalid(where + ": 'countType' 'sinceImagePushed' needs 'countUnit' 'days'");
        }
        if (countType == CountType.IMAGE_COUNT_MORE_THAN && countUnit != null) {
            throw invalid(where + ": 'countType' 'imageCountMoreThan' takes no 'countUnit'");
        }
        JsonNode countNumber = selection.get("countNumber");
        if (countNumber == null || !countNumber.isIntegralNumber() || !countNumber.canConvertToInt() || countNumber.asInt() < 1) {
            throw invalid(where + ": 'countNumber' must be an integer of at least 1");
        }
        return new LifecycleRule(priority, description, tagStatus, prefixes, patterns, countType, countNumber.asInt());
    }

    private static void action(JsonNode action, String where) {
        if (action == null || !action.isObject()) {
            throw invalid(where + ": 'action' must be a JSON object");
        }
        onlyMembers(action, Set.of("type", "targetStorageClass"), where + "'s action");
        String type = requiredText(action, "type", where + "'s action");
        if (!type.equals("expire")) {
            throw invalid(where + ": the action '" + type + "' is not supported: the one action is 'expire'");
        }
        if (action.has("targetStorageClass")) {
            throw invalid(where + ": 'targetStorageClass' is only for the action 'transition'");
        }
    }

    /** ECR's rules across rules: priorities unique, one rule for untagged images, 'any' last, and no two rules with the same tag list. */
    private static void checkTogether(List<LifecycleRule> rules) {
        Set<Integer> priorities = new HashSet<>();
        Set<Set<String>> lists = new HashSet<>();
        int untagged = 0;
        for (int i = 0; i < rules.size(); i++) {
            LifecycleRule rule = rules.get(i);
            if (!priorities.add(rule.priority())) {
                throw invalid("'rulePriority' " + rule.priority() + " is given to more than one rule");
            }
            if (rule.tagStatus() == TagStatus.UNTAGGED && ++untagged > 1) {
                throw invalid("only one rule may select untagged images");
            }
            if (rule.tagStatus() == TagStatus.ANY && i != rules.size() - 1) {
                throw invalid("the rule with 'tagStatus' 'any' must have the highest 'rulePriority'");
            }
            if (rule.tagStatus() == TagStatus.TAGGED) {
                Set<String> list = new TreeSet<>(rule.prefixes().isEmpty() ? rule.patterns() : rule.prefixes());
                list.add(rule.prefixes().isEmpty() ? "pattern" : "prefix");
                if (!lists.add(list)) {
                    throw invalid("the rules must select different tags: rule " + rule.priority() + " repeats another's list");
                }
            }
        }
    }

    /**
     * The images this policy expires now, oldest first.
     *
     * @param now the evaluation's instant: an age is counted up to it
     */
    public List<LifecycleExpiry> evaluate(Collection<LifecycleImage> images, Instant now) {
        List<LifecycleImage> newestFirst = images.stream()
                .sorted(Comparator.comparing(LifecycleImage::pushedAt).reversed().thenComparing(LifecycleImage::digest)).toList();
        Set<String> selectedBefore = new HashSet<>();
        List<LifecycleExpiry> expired = new ArrayList<>();
        for (LifecycleRule rule : rules) {
            List<LifecycleImage> selected = newestFirst.stream().filter(rule::selects).toList();
            for (int i = 0; i < selected.size(); i++) {
                LifecycleImage image = selected.get(i);
                String reason = rule.expiryReason(image, i, selected.size(), now);
                if (reason != null && !selectedBefore.contains(image.digest()) && image.protectedTag() == null) {
                    expired.add(new LifecycleExpiry(image.digest(), List.copyOf(new TreeSet<>(image.tags())), image.pushedAt(),
                            rule.priority(), rule.description(), reason));
                }
            }
            selected.forEach(image -> selectedBefore.add(image.digest()));
        }
        expired.sort(Comparator.comparing(LifecycleExpiry::pushedAt).thenComparing(LifecycleExpiry::digest));
        return expired;
    }

    private static TagStatus tagStatus(String text, String where) {
        return switch (text) {
            case "tagged" -> TagStatus.TAGGED;
            case "untagged" -> TagStatus.UNTAGGED;
            case "any" -> TagStatus.ANY;
            default -> throw invalid(where + ": 'tagStatus' must be one of [tagged, untagged, any]");
        };
    }

    private static CountType countType(String text, String where) {
        return switch (text) {
            case "imageCountMoreThan" -> CountType.IMAGE_COUNT_MORE_THAN;
            case "sinceImagePushed" -> CountType.SINCE_IMAGE_PUSHED;
            case "sinceImagePulled", "sinceImageTransitioned" -> throw invalid(where + ": 'countType' '" + text
                    + "' is not supported: tagledger counts by pushes");
            default -> throw invalid(where + ": 'countType' must be one of [imageCountMoreThan, sinceImagePushed]");
        };
    }

    private static void onlyMembers(JsonNode node, Set<String> known, String where) {
        DOCUMENT.onlyMembers(node, known, where);
    }

    private static String requiredText(JsonNode node, String member, String where) {
        String text = optionalText(node, member, where);
        if (text == null) {
            throw invalid(where + ": '" + member + "' is required");
        }
        return text;
    }

    private static String optionalText(JsonNode node, String member, String where) {
        JsonNode value = node.get(member);
        if (value == null || value.isNull()) {
            return null;
        }
        if (value.getNodeType() != JsonNodeType.STRING) {
            throw invalid(where + ": '" + member + "' must be a string");
        }
        return value.asText();
    }

    private static List<String> textList(JsonNode node, String member, String where) {
        JsonNode value = node.get(member);
        if (value == null) {
            return List.of();
        }
        if (!value.isArray() || value.isEmpty()) {
            throw invalid(where + ": '" + member + "' must be a non-empty array of strings");
        }
        Set<String> items = new LinkedHashSet<>();
        for (JsonNode item : value) {
            if (!item.isTextual() || item.asText().isEmpty()) {
                throw invalid(where + ": '" + member + "' must be a non-empty array of strings");
            }
            items.add(item.asText());
        }
        return List.copyOf(items);
    }

    private static RegistryException invalid(String why) {
        return RegistryException.invalidParameter(MEMBER, "Lifecycle policy validation failure: " + why);
    }
}
