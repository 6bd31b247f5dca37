package io.tagledger.query.api;

/** ECR's image filter: images with at least one tag, without any, or all. */
public enum TagStatus {
    TAGGED,
    UNTAGGED,
    ANY
}
