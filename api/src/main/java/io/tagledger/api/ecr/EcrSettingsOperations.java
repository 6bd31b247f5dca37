package io.tagledger.api.ecr;

import io.tagledger.api.registry.AccessPolicies;
import io.tagledger.api.registry.LifecyclePolicies;
import io.tagledger.api.registry.PageRequest;
import io.tagledger.api.registry.Repositories;
import io.tagledger.api.security.Action;
import io.tagledger.api.settings.TagledgerProperties;
import io.tagledger.domain.Refusal;
import io.tagledger.domain.RegistryException;
import io.tagledger.domain.RepositoryName;
import io.tagledger.domain.lifecycle.LifecycleExpiry;
import io.tagledger.query.messages.RepositorySettings;
import io.tagledger.query.messages.TagStatus;
import org.springframework.stereotype.Component;

import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/**
 * ECR's operations on a repository's settings beyond its tag rules, as an adapter: lifecycle policies
 * and their previews, repository policies, resource tags, the scanning setting, and the registry's description.
 */
@Component
class EcrSettingsOperations {

    /** ECR's repository ARN: {@code arn:aws:ecr:<region>:<registry>:repository/<name>}. */
    private static final Pattern REPOSITORY_ARN = Pattern.compile("arn:aws:ecr:([a-z0-9-]+):([0-9]{12}):repository/(.+)");

    private final LifecyclePolicies lifecycle;
    private final Repositories repositories;
    private final AccessPolicies policies;
    private final String registryId;
    private final String region;

    EcrSettingsOperations(LifecyclePolicies lifecycle, Repositories repositories, AccessPolicies policies, TagledgerProperties properties) {
        this.lifecycle = lifecycle;
        this.repositories = repositories;
        this.policies = policies;
        this.registryId = properties.ecr().registryId();
        this.region = properties.ecr().region();
    }

    EcrResponses.LifecyclePolicyResult putLifecyclePolicy(EcrRequests.PutLifecyclePolicy request) {
        RepositoryName name = repositoryName(request.registryId(), request.repositoryName());
        EcrRequests.requireMember("lifecyclePolicyText", request.lifecyclePolicyText());
        LifecyclePolicies.Kept kept = lifecycle.put(name, request.lifecyclePolicyText());
        return new EcrResponses.LifecyclePolicyResult(registryId, name.value(), kept.text(), null);
    }

    EcrResponses.LifecyclePolicyResult getLifecyclePolicy(EcrRequests.RepositoryMembers request) {
        RepositoryName name = repositoryName(request.registryId(), request.repositoryName());
        return new EcrResponses.LifecyclePolicyResult(registryId, name.value(), lifecycle.get(name).text(), null);
    }

    EcrResponses.LifecyclePolicyResult deleteLifecyclePolicy(EcrRequests.RepositoryMembers request) {
        RepositoryName name = repositoryName(request.registryId(), request.repositoryName());
        return new EcrResponses.LifecyclePolicyResult(registryId, name.value(), lifecycle.delete(name).text(), null);
    }

    /** The preview is computed before the answer: it is {@code COMPLETE} at once. */
    EcrResponses.LifecyclePolicyPreviewStarted startLifecyclePolicyPreview(EcrRequests.StartLifecyclePolicyPreview request) {
        RepositoryName name = repositoryName(request.registryId(), request.repositoryName());
        LifecyclePolicies.Preview preview = lifecycle.startPreview(name, request.lifecyclePolicyText());
        return new EcrResponses.LifecyclePolicyPreviewStarted(registryId, name.value(), preview.text(), "COMPLETE");
    }

    EcrResponses.GetLifecyclePolicyPreviewResult getLifecyclePolicyPreview(EcrRequests.GetLifecyclePolicyPreview request) {
        RepositoryName name = repositoryName(request.registryId(), request.repositoryName());
        TagStatus tagStatus = TagStatus.parse("filter.tagStatus", request.filter() == null ? null : request.filter().tagStatus());
        int limit = PageRequest.limit("maxResults", request.maxResults());
        if (request.imageIds() != null) {
            EcrRequests.requireNoPaging("imageIds", request.nextToken(), request.maxResults());
            EcrRequests.requireSize("imageIds", request.imageIds());
        }
        LifecyclePolicies.Preview preview = lifecycle.preview(name);
        Set<String> digests = request.imageIds() == null ? null
                : request.imageIds().stream().map(EcrRequests.ImageId::imageDigest).collect(Collectors.toSet());
        Set<String> tags = request.imageIds() == null ? null
                : request.imageIds().stream().map(EcrRequests.ImageId::imageTag).collect(Collectors.toSet());
        List<LifecycleExpiry> selected = preview.expiries().stream()
                .filter(expiry -> digests == null || digests.contains(expiry.digest()) || expiry.tags().stream().anyMatch(tags::contains))
                .filter(expiry -> switch (tagStatus) {
                    case ANY -> true;
                    case TAGGED -> !expiry.tags().isEmpty();
                    case UNTAGGED -> expiry.tags().isEmpty();
                }).toList();
        int from = offset(request.nextToken(), selected.size());
        int to = Math.min(selected.size(), from + limit);
        List<EcrResponses.LifecyclePolicyPreviewResult> results = selected.subList(from, to).stream()
                .map(expiry -> new EcrResponses.LifecyclePolicyPreviewResult(expiry.tags(), expiry.digest(),
                        EcrResponses.epochSeconds(expiry.pushedAt()), new EcrResponses.LifecyclePolicyPreviewAction("EXPIRE"),
                        expiry.rulePriority())).toList();
        return new EcrResponses.GetLifecyclePolicyPreviewResult(registryId, name.value(), preview.text(), "COMPLETE",
                to < selected.size() ? String.valueOf(to) : null, results,
                new EcrResponses.LifecyclePolicyPreviewSummary(preview.expiries().size()));
    }

    /** A preview's next token is where its next page starts: the preview is fixed once started, so the place is stable. */
    private static int offset(String nextToken, int size) {
        if (nextToken == null) {
            return 0;
        }
        try {
            int offset = Integer.parseInt(nextToken);
            if (offset >= 0 && offset <= size) {
                return offset;
            }
        } catch (NumberFormatException e) {
            // refused below
        }
        throw RegistryException.invalidParameter("nextToken", "Member must be a token from the previous page of this preview");
    }

    EcrResponses.RepositoryPolicyResult setRepositoryPolicy(EcrRequests.SetRepositoryPolicy request) {
        RepositoryName name = repositoryName(request.registryId(), request.repositoryName());
        String text = policies.set(name, request.policyText(), Boolean.TRUE.equals(request.force()));
        return new EcrResponses.RepositoryPolicyResult(registryId, name.value(), text);
    }

    EcrResponses.RepositoryPolicyResult getRepositoryPolicy(EcrRequests.RepositoryMembers request) {
        RepositoryName name = repositoryName(request.registryId(), request.repositoryName());
        return new EcrResponses.RepositoryPolicyResult(registryId, name.value(), policies.get(name));
    }

    EcrResponses.RepositoryPolicyResult deleteRepositoryPolicy(EcrRequests.RepositoryMembers request) {
        RepositoryName name = repositoryName(request.registryId(), request.repositoryName());
        return new EcrResponses.RepositoryPolicyResult(registryId, name.value(), policies.delete(name));
    }

    EcrResponses.Empty tagResource(EcrRequests.TagResource request) {
        RepositoryName name = fromArn(request.resourceArn());
        EcrRequests.requireMember("tags", request.tags());
        repositories.tag(name, EcrRequests.resourceTags("tags", request.tags()));
        return new EcrResponses.Empty();
    }

    EcrResponses.Empty untagResource(EcrRequests.UntagResource request) {
        RepositoryName name = fromArn(request.resourceArn());
        EcrRequests.requireMember("tagKeys", request.tagKeys());
        repositories.untag(name, request.tagKeys());
        return new EcrResponses.Empty();
    }

    EcrResponses.ListTagsForResourceResult listTagsForResource(EcrRequests.ListTagsForResource request) {
        Map<String, String> tags = repositories.resourceTags(fromArn(request.resourceArn()));
        return new EcrResponses.ListTagsForResourceResult(tags.entrySet().stream()
                .map(tag -> new EcrResponses.Tag(tag.getKey(), tag.getValue())).toList());
    }

    EcrResponses.PutImageScanningConfigurationResult putImageScanningConfiguration(EcrRequests.PutImageScanningConfiguration request) {
        RepositoryName name = repositoryName(request.registryId(), request.repositoryName());
        EcrRequests.requireMember("imageScanningConfiguration", request.imageScanningConfiguration());
        RepositorySettings settings = repositories.setImageScanning(name,
                Boolean.TRUE.equals(request.imageScanningConfiguration().scanOnPush()));
        return new EcrResponses.PutImageScanningConfigurationResult(registryId, name.value(),
                new EcrResponses.ScanningConfiguration(settings.scanOnPush()));
    }

    /** One registry, which replicates nowhere. */
    EcrResponses.DescribeRegistryResult describeRegistry() {
        repositories.requireSomewhere(Action.DESCRIBE_REGISTRY);
        return new EcrResponses.DescribeRegistryResult(registryId, new EcrResponses.ReplicationConfiguration(List.of()));
    }

    private RepositoryName fromArn(String arn) {
        EcrRequests.requireMember("resourceArn", arn);
        Matcher matcher = REPOSITORY_ARN.matcher(arn);
        if (!matcher.matches()) {
            throw RegistryException.invalidParameter("resourceArn", "Invalid ARN: a repository's ARN is "
                    + EcrResponses.Repository.arn(region, registryId, "<name>"));
        }
        if (!matcher.group(1).equals(region) || !matcher.group(2).equals(registryId)) {
            throw RegistryException.invalidParameter("resourceArn", "The ARN names another region or registry than this one's, "
                    + EcrResponses.Repository.arn(region, registryId, "<name>"));
        }
        return RepositoryName.parse(matcher.group(3));
    }

    private RepositoryName repositoryName(String requestedRegistryId, String text) {
        EcrRequests.requireMember("repositoryName", text);
        RepositoryName name = RepositoryName.parse(text);
        if (requestedRegistryId != null && !EcrRequests.registryId(requestedRegistryId).equals(registryId)) {
            throw RegistryException.of(Refusal.REPOSITORY_NOT_FOUND, "repository", name.value(),
                    "registry", requestedRegistryId);
        }
        return name;
    }
}
