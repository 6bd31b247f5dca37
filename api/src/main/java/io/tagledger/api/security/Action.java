package io.tagledger.api.security;

import java.util.Arrays;

/** What a caller may be allowed to do: ECR's IAM action names, so that ECR users recognise them, and tagledger's own. */
public enum Action {
    CREATE_REPOSITORY("ecr:CreateRepository"),
    DELETE_REPOSITORY("ecr:DeleteRepository"),
    PUT_IMAGE_TAG_MUTABILITY("ecr:PutImageTagMutability"),
    PUT_IMAGE("ecr:PutImage"),
    BATCH_DELETE_IMAGE("ecr:BatchDeleteImage"),
    BATCH_GET_IMAGE("ecr:BatchGetImage"),
    DESCRIBE_IMAGES("ecr:DescribeImages"),
    LIST_IMAGES("ecr:ListImages"),
    DESCRIBE_REPOSITORIES("ecr:DescribeRepositories"),
    CREATE_REPOSITORY_CREATION_TEMPLATE("ecr:CreateRepositoryCreationTemplate"),
    DESCRIBE_REPOSITORY_CREATION_TEMPLATES("ecr:DescribeRepositoryCreationTemplates"),
    UPDATE_REPOSITORY_CREATION_TEMPLATE("ecr:UpdateRepositoryCreationTemplate"),
    DELETE_REPOSITORY_CREATION_TEMPLATE("ecr:DeleteRepositoryCreationTemplate"),
    PUT_LIFECYCLE_POLICY("ecr:PutLifecyclePolicy"),
    GET_LIFECYCLE_POLICY("ecr:GetLifecyclePolicy"),
    DELETE_LIFECYCLE_POLICY("ecr:DeleteLifecyclePolicy"),
    START_LIFECYCLE_POLICY_PREVIEW("ecr:StartLifecyclePolicyPreview"),
    GET_LIFECYCLE_POLICY_PREVIEW("ecr:GetLifecyclePolicyPreview"),
    SET_REPOSITORY_POLICY("ecr:SetRepositoryPolicy"),
    GET_REPOSITORY_POLICY("ecr:GetRepositoryPolicy"),
    DELETE_REPOSITORY_POLICY("ecr:DeleteRepositoryPolicy"),
    TAG_RESOURCE("ecr:TagResource"),
    UNTAG_RESOURCE("ecr:UntagResource"),
    LIST_TAGS_FOR_RESOURCE("ecr:ListTagsForResource"),
    PUT_IMAGE_SCANNING_CONFIGURATION("ecr:PutImageScanningConfiguration"),
    DESCRIBE_REGISTRY("ecr:DescribeRegistry"),
    /** Applies a repository's lifecycle policy now, rather than at its next scheduled round. */
    APPLY_LIFECYCLE_POLICY("tagledger:ApplyLifecyclePolicy"),
    /** Sets a repository's trust policy: which tags move only onto images a trusted key signed. */
    PUT_TRUST_POLICY("tagledger:PutTrustPolicy"),
    GET_TRUST_POLICY("tagledger:GetTrustPolicy"),
    READ_AUDIT("tagledger:ReadAudit"),
    /** Reads the transparency log: its checkpoints, tiles and entries (unless {@code tagledger.log.public}). */
    READ_LOG("tagledger:ReadLog"),
    VERIFY_CHAIN("tagledger:VerifyChain"),
    RELEASE_TAG("tagledger:ReleaseTag"),
    REPLAY("tagledger:Replay");

    private final String iamName;

    Action(String iamName) {
        this.iamName = iamName;
    }

    public String iamName() {
        return iamName;
    }

    /** @throws IllegalArgumentException naming the known actions */
    public static Action parse(String iamName) {
        return Arrays.stream(values()).filter(action -> action.iamName.equals(iamName)).findFirst()
                .orElseThrow(() -> new IllegalArgumentException("'" + iamName + "' is not an action; the actions are "
                        + Arrays.stream(values()).map(Action::iamName).toList() + ", or * for all"));
    }
}
