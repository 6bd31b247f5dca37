package io.tagledger.api.security;

import com.fasterxml.jackson.databind.JsonNode;
import io.tagledger.domain.PolicyDocument;
import io.tagledger.domain.RegistryException;
import io.tagledger.domain.Wildcard;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.stream.Stream;

/**
 * A repository policy, in IAM's policy language as ECR takes it, and what it decides. tagledger
 * evaluates {@code Allow} and {@code Deny} statements whose principals are this registry's ({@code *},
 * the registry's account, or {@code arn:aws:iam::<registry>:user/<principal>}) and whose actions are
 * ECR's and tagledger's names, wildcards allowed. Anything else a statement could say (a condition, a
 * resource, {@code NotAction}, another account's principal) is refused when the policy is set: a policy
 * kept but not evaluated would not protect what its author meant it to.
 *
 * <p>With the grants, it decides as IAM does for one account: an explicit {@code Deny} in either denies;
 * otherwise an {@code Allow} in either allows.
 */
public final class RepositoryPolicy {

    public static final String MEMBER = "policyText";
    public static final int MAX_LENGTH = 10240;

    /** What the policy says of one caller and action. */
    public enum Decision { ALLOW, DENY, NONE }

    /** ECR's IAM actions that tagledger does not check on their own (a layer's upload is checked as a push), which a policy may name. */
    static final Set<String> OTHER_ECR_ACTIONS = Set.of("ecr:BatchCheckLayerAvailability", "ecr:GetDownloadUrlForLayer",
            "ecr:InitiateLayerUpload", "ecr:UploadLayerPart", "ecr:CompleteLayerUpload", "ecr:GetAuthorizationToken",
            "ecr:DescribeImageScanFindings",
            "ecr:StartImageScan", "ecr:ReplicateImage", "ecr:BatchImportUpstreamImage", "ecr:DescribeImageReplicationStatus",
            "ecr:GetRegistryPolicy", "ecr:PutRegistryPolicy", "ecr:DeleteRegistryPolicy", "ecr:PutReplicationConfiguration",
            "ecr:GetRegistryScanningConfiguration", "ecr:PutRegistryScanningConfiguration",
            "ecr:BatchGetRepositoryScanningConfiguration");
    private static final PolicyDocument DOCUMENT = new PolicyDocument(MEMBER, 1, MAX_LENGTH, RepositoryPolicy::invalid);
    private static final Set<String> STATEMENT_MEMBERS = Set.of("Sid", "Effect", "Principal", "Action");

    private record Statement(boolean allow, List<String> principals, List<String> actions) {

        boolean matches(String callerArn, String action) {
            return principals.stream().anyMatch(principal -> principal.equals("*") || principal.equals(callerArn))
                    && actions.stream().anyMatch(pattern -> Wildcard.matches(pattern, action.toLowerCase(Locale.ROOT)));
        }
    }

    private final String text;
    private final List<Statement> statements;

    private RepositoryPolicy(String text, List<Statement> statements) {
        this.text = text;
        this.statements = List.copyOf(statements);
    }

    public String text() {
        return text;
    }

    /** @param registryId the registry's account: its principals are the only ones a statement may name */
    public static RepositoryPolicy parse(String text, String registryId) {
        JsonNode root = DOCUMENT.read(text);
        onlyMembers(root, Set.of("Version", "Id", "Statement"), "the policy");
        JsonNode version = root.get("Version");
        if (version != null && !(version.isTextual() && Set.of("2012-10-17", "2008-10-17").contains(version.asText()))) {
            throw invalid("'Version' must be 2012-10-17 or 2008-10-17");
        }
        JsonNode statementNode = root.get("Statement");
        if (statementNode == null || (statementNode.isArray() && statementNode.isEmpty())) {
            throw invalid("'Statement' must hold one statement at least");
        }
        List<Statement> statements = new ArrayList<>();
        for (JsonNode statement : statementNode.isArray() ? statementNode : List.of(statementNode)) {
            statements.add(statement(statement, registryId));
        }
        return new RepositoryPolicy(text, statements);
    }

    private static Statement statement(JsonNode node, String registryId) {
        if (!node.isObject()) {
            throw invalid("each statement must be a JSON object");
        }
        for (String unevaluated : List.of("Condition", "Resource", "NotResource", "NotAction", "NotPrincipal")) {
            if (node.has(unevaluated)) {
                throw invalid("'" + unevaluated + "' is not evaluated by tagledger: a statement may say Effect, Principal and Action");
            }
        }
        onlyMembers(node, STATEMENT_MEMBERS, "a statement");
        JsonNode effect = node.get("Effect");
        if (effect == null || !effect.isTextual() || !Set.of("Allow", "Deny").contains(effect.asText())) {
            throw invalid("'Effect' must be Allow or Deny");
        }
        return new Statement(effect.asText().equals("Allow"), principals(node.get("Principal"), registryId), actions(node.get("Action")));
    }

    private static List<String> principals(JsonNode node, String registryId) {
        if (node == null) {
            throw invalid("'Principal' is required");
        }
        if (node.isTextual() && node.asText().equals("*")) {
            return List.of("*");
        }
        if (!node.isObject()) {
            throw invalid("'Principal' must be * or {\"AWS\": ...}");
        }
        onlyMembers(node, Set.of("AWS"), "a principal (tagledger's principals are AWS principals of its registry)");
        List<String> principals = new ArrayList<>();
        for (String principal : texts(node.get("AWS"), "'Principal'")) {
            if (principal.equals("*") || principal.equals(registryId) || principal.equals("arn:aws:iam::" + registryId + ":root")) {
                principals.add("*");
            } else if (principal.startsWith(userArn(registryId, "")) && principal.length() > userArn(registryId, "").length()) {
                principals.add(principal);
            } else {
                throw invalid("the principal '" + principal + "' is not one of this registry's: give *, " + registryId
                        + ", or arn:aws:iam::" + registryId + ":user/<principal>");
            }
        }
        return principals;
    }

    private static List<String> actions(JsonNode node) {
        List<String> actions = new ArrayList<>();
        for (String action : texts(node, "'Action'")) {
            String pattern = action.toLowerCase(Locale.ROOT);
            boolean known = Stream.concat(Stream.of(Action.values()).map(Action::iamName), OTHER_ECR_ACTIONS.stream())
                    .anyMatch(name -> Wildcard.matches(pattern, name.toLowerCase(Locale.ROOT)));
            if (!known) {
                throw invalid("the action '" + action + "' is none of ECR's or tagledger's");
            }
            actions.add(pattern);
        }
        return actions;
    }

    private static List<String> texts(JsonNode node, String member) {
        if (node == null) {
            throw invalid(member + " is required");
        }
        List<String> texts = new ArrayList<>();
        for (JsonNode item : node.isArray() ? node : List.of(node)) {
            if (!item.isTextual() || item.asText().isEmpty()) {
                throw invalid(member + " must be a string or a list of strings");
            }
            texts.add(item.asText());
        }
        if (texts.isEmpty()) {
            throw invalid(member + " must name one at least");
        }
        return texts;
    }

    /** Denies every action to everyone: what a policy that can no longer be read decides. */
    public static RepositoryPolicy denyingEverything() {
        return new RepositoryPolicy("", List.of(new Statement(false, List.of("*"), List.of("*"))));
    }

    /** A principal of the registry, as a policy names it and as the registry's denials name the caller. */
    public static String userArn(String registryId, String principal) {
        return "arn:aws:iam::" + registryId + ":user/" + principal;
    }

    /** What the policy says of the caller (as its ARN) performing the action (by its IAM name). */
    public Decision decide(String callerArn, String action) {
        boolean allowed = false;
        for (Statement statement : statements) {
            if (statement.matches(callerArn, action)) {
                if (!statement.allow()) {
                    return Decision.DENY;
                }
                allowed = true;
            }
        }
        return allowed ? Decision.ALLOW : Decision.NONE;
    }

    private static void onlyMembers(JsonNode node, Set<String> known, String where) {
        DOCUMENT.onlyMembers(node, known, where);
    }

    private static RegistryException invalid(String why) {
        return RegistryException.invalidParameter(MEMBER, "Invalid repository policy provided: " + why);
    }
}
