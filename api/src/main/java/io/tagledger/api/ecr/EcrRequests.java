package io.tagledger.api.ecr;

import io.tagledger.domain.RegistryException;
import io.tagledger.domain.ResourceTags;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * The request members of the operations tagledger serves, as ECR's API reference names them, and the
 * constraints that only ECR's shapes have (list sizes, the registry id, filter types, encryption).
 */
final class EcrRequests {

    /** The most ids (and names, and media types) one request may list. */
    static final int MAX_IDS = 100;

    private EcrRequests() {
    }

    static void requireMember(String member, Object value) {
        if (value == null) {
            throw RegistryException.invalidParameter(member, "Member must not be null");
        }
    }

    static void requireSize(String member, List<?> list) {
        requireMember(member, list);
        if (list.isEmpty()) {
            throw RegistryException.invalidParameter(member, "Member must have length greater than or equal to 1");
        }
        if (list.size() > MAX_IDS) {
            throw RegistryException.invalidParameter(member, "Member must have length less than or equal to " + MAX_IDS);
        }
    }

    /** Listing by ids and paging exclude each other. */
    static void requireNoPaging(String member, String nextToken, Integer maxResults) {
        if (nextToken != null || maxResults != null) {
            throw RegistryException.invalidParameter(member, "nextToken and maxResults cannot be used together with " + member);
        }
    }

    static String registryId(String text) {
        if (!text.matches("[0-9]{12}")) {
            throw RegistryException.invalidParameter("registryId", "Member must satisfy regular expression pattern: [0-9]{12}");
        }
        return text;
    }

    /** ECR's filter shapes, as the patterns the domain takes: every filter is a WILDCARD, and a list given holds one at least. */
    static List<String> filterPatterns(List<ExclusionFilter> filters) {
        if (filters == null) {
            return null;
        }
        if (filters.isEmpty()) {
            throw RegistryException.invalidParameter("imageTagMutabilityExclusionFilters", "Member must have length greater than or equal to 1");
        }
        List<String> patterns = new ArrayList<>();
        for (ExclusionFilter filter : filters) {
            if (filter == null || !"WILDCARD".equals(filter.filterType())) {
                throw RegistryException.invalidParameter("imageTagMutabilityExclusionFilters.member.filterType",
                        "Member must satisfy enum value set: [WILDCARD]");
            }
            patterns.add(filter.filter());
        }
        return patterns;
    }

    record ExclusionFilter(String filterType, String filter) {
    }

    record ImageId(String imageDigest, String imageTag) {
    }

    record ImageFilter(String tagStatus) {
    }

    record ResourceTag(String Key, String Value) {
    }

    record ImageScanningConfiguration(Boolean scanOnPush) {
    }

    record EncryptionConfiguration(String encryptionType, String kmsKey) {
    }

    record CreateRepository(String registryId, String repositoryName, String imageTagMutability,
                            List<ExclusionFilter> imageTagMutabilityExclusionFilters, List<ResourceTag> tags,
                            ImageScanningConfiguration imageScanningConfiguration, EncryptionConfiguration encryptionConfiguration) {
    }

    record DescribeRepositories(String registryId, List<String> repositoryNames, String nextToken, Integer maxResults) {
    }

    record DeleteRepository(String registryId, String repositoryName, Boolean force) {
    }

    record PutImageTagMutability(String registryId, String repositoryName, String imageTagMutability,
                                 List<ExclusionFilter> imageTagMutabilityExclusionFilters) {
    }

    record PutImage(String registryId, String repositoryName, String imageManifest, String imageManifestMediaType,
                    String imageTag, String imageDigest) {
    }

    record BatchGetImage(String registryId, String repositoryName, List<ImageId> imageIds, List<String> acceptedMediaTypes) {
    }

    record BatchDeleteImage(String registryId, String repositoryName, List<ImageId> imageIds) {
    }

    record DescribeImages(String registryId, String repositoryName, List<ImageId> imageIds, String nextToken,
                          Integer maxResults, ImageFilter filter) {
    }

    record ListImages(String registryId, String repositoryName, String nextToken, Integer maxResults, ImageFilter filter) {
    }

    record BatchCheckLayerAvailability(String registryId, String repositoryName, List<String> layerDigests) {
    }

    record InitiateLayerUpload(String registryId, String repositoryName) {
    }

    record UploadLayerPart(String registryId, String repositoryName, String uploadId, Long partFirstByte, Long partLastByte,
                           byte[] layerPartBlob) {
    }

    record CompleteLayerUpload(String registryId, String repositoryName, String uploadId, List<String> layerDigests) {
    }

    record GetDownloadUrlForLayer(String registryId, String repositoryName, String layerDigest) {
    }

    /** A template's members: what tagledger keeps (description, tag mutability, uses) and what it accepts as ECR does. */
    record CreationTemplateMembers(String prefix, String description, EncryptionConfiguration encryptionConfiguration,
                                   List<ResourceTag> resourceTags, String imageTagMutability,
                                   List<ExclusionFilter> imageTagMutabilityExclusionFilters, String repositoryPolicy,
                                   String lifecyclePolicy, List<String> appliedFor, String customRoleArn) {

        /**
         * Policies and a role would be applied to every repository the template creates: tagledger keeps none
         * of them, so a template that gives one is refused rather than kept without it.
         */
        void checkKept() {
            if (encryptionConfiguration != null) {
                new io.tagledger.domain.EncryptionConfiguration(encryptionConfiguration.encryptionType(), encryptionConfiguration.kmsKey());
            }
            refuseUnkept("repositoryPolicy", repositoryPolicy);
            refuseUnkept("lifecyclePolicy", lifecyclePolicy);
            refuseUnkept("customRoleArn", customRoleArn);
        }

        private static void refuseUnkept(String member, String value) {
            if (value != null && !value.isEmpty()) {
                throw RegistryException.invalidParameter(member, "Member is not supported by this registry, which applies no "
                        + member + " to the repositories a template creates");
            }
        }
    }

    record DescribeRepositoryCreationTemplates(List<String> prefixes, String nextToken, Integer maxResults) {
    }

    record DeleteRepositoryCreationTemplate(String prefix) {
    }

    record PutLifecyclePolicy(String registryId, String repositoryName, String lifecyclePolicyText) {
    }

    /** GetLifecyclePolicy and DeleteLifecyclePolicy. */
    record RepositoryMembers(String registryId, String repositoryName) {
    }

    record StartLifecyclePolicyPreview(String registryId, String repositoryName, String lifecyclePolicyText) {
    }

    record GetLifecyclePolicyPreview(String registryId, String repositoryName, List<ImageId> imageIds, String nextToken,
                                     Integer maxResults, ImageFilter filter) {
    }

    record SetRepositoryPolicy(String registryId, String repositoryName, String policyText, Boolean force) {
    }

    record TagResource(String resourceArn, List<ResourceTag> tags) {
    }

    record UntagResource(String resourceArn, List<String> tagKeys) {
    }

    record ListTagsForResource(String resourceArn) {
    }

    record PutImageScanningConfiguration(String registryId, String repositoryName, ImageScanningConfiguration imageScanningConfiguration) {
    }

    /** ECR's list of tags as the domain takes them; a key given twice is refused, as ECR does. */
    static ResourceTags resourceTags(String member, List<ResourceTag> tags) {
        Map<String, String> map = new TreeMap<>();
        for (ResourceTag tag : tags) {
            if (tag == null || tag.Key() == null || tag.Value() == null) {
                throw RegistryException.invalidParameter(member, "Each tag must have a Key and a Value");
            }
            if (map.put(tag.Key(), tag.Value()) != null) {
                throw RegistryException.invalidParameter(member, "The tag key '" + tag.Key() + "' is given more than once");
            }
        }
        return new ResourceTags(map);
    }
}
