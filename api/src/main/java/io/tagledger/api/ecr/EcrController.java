package io.tagledger.api.ecr;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.swagger.v3.oas.annotations.Hidden;
import io.tagledger.api.settings.TagledgerProperties;
import io.tagledger.domain.Refusal;
import io.tagledger.domain.RegistryException;
import jakarta.servlet.http.HttpServletRequest;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RestController;

import java.io.IOException;
import java.util.stream.Collectors;

/**
 * ECR's own JSON API (AWS JSON 1.1 on {@code POST /}), so that the AWS CLI and SDKs work unchanged
 * with {@code --endpoint-url}. A thin adapter: authenticate, read the operation's members, run it.
 */
@Hidden
@RestController
class EcrController {

    private final EcrAuthenticator authenticator;
    private final EcrOperations operations;
    private final EcrSettingsOperations settings;
    private final ObjectMapper json;
    private final String region;

    EcrController(EcrAuthenticator authenticator, EcrOperations operations, EcrSettingsOperations settings, ObjectMapper json,
                  TagledgerProperties properties) {
        this.authenticator = authenticator;
        this.operations = operations;
        this.settings = settings;
        this.json = json;
        this.region = properties.ecr().region();
    }

    @PostMapping(path = "/", consumes = MediaType.ALL_VALUE)
    ResponseEntity<byte[]> handle(@RequestHeader(name = EcrProtocol.TARGET_HEADER, required = false) String target,
                                  @RequestBody(required = false) byte[] body,
                                  HttpServletRequest request) throws IOException {
        byte[] payload = body == null ? new byte[0] : body;
        authenticator.authenticate(request, payload);
        if (target == null || !target.startsWith(EcrProtocol.TARGET_PREFIX)) {
            throw unknownOperation(target);
        }
        JsonNode members = members(payload);
        Object result = switch (target.substring(EcrProtocol.TARGET_PREFIX.length())) {
            case "CreateRepository" -> operations.createRepository(read(members, EcrRequests.CreateRepository.class), region);
            case "DescribeRepositories" -> operations.describeRepositories(read(members, EcrRequests.DescribeRepositories.class), region);
            case "DeleteRepository" -> operations.deleteRepository(read(members, EcrRequests.DeleteRepository.class), region);
            case "PutImageTagMutability" -> operations.putImageTagMutability(read(members, EcrRequests.PutImageTagMutability.class));
            case "PutImage" -> operations.putImage(read(members, EcrRequests.PutImage.class));
            case "BatchGetImage" -> operations.batchGetImage(read(members, EcrRequests.BatchGetImage.class));
            case "BatchDeleteImage" -> operations.batchDeleteImage(read(members, EcrRequests.BatchDeleteImage.class));
            case "DescribeImages" -> operations.describeImages(read(members, EcrRequests.DescribeImages.class));
            case "ListImages" -> operations.listImages(read(members, EcrRequests.ListImages.class));
            case "CreateRepositoryCreationTemplate" ->
                    operations.createRepositoryCreationTemplate(read(members, EcrRequests.CreationTemplateMembers.class));
            case "DescribeRepositoryCreationTemplates" ->
                    operations.describeRepositoryCreationTemplates(read(members, EcrRequests.DescribeRepositoryCreationTemplates.class));
            case "UpdateRepositoryCreationTemplate" ->
                    operations.updateRepositoryCreationTemplate(read(members, EcrRequests.CreationTemplateMembers.class));
            case "DeleteRepositoryCreationTemplate" ->
                    operations.deleteRepositoryCreationTemplate(read(members, EcrRequests.DeleteRepositoryCreationTemplate.class));
            case "PutLifecyclePolicy" -> settings.putLifecyclePolicy(read(members, EcrRequests.PutLifecyclePolicy.class));
            case "GetLifecyclePolicy" -> settings.getLifecyclePolicy(read(members, EcrRequests.RepositoryMembers.class));
            case "DeleteLifecyclePolicy" -> settings.deleteLifecyclePolicy(read(members, EcrRequests.RepositoryMembers.class));
            case "StartLifecyclePolicyPreview" ->
                    settings.startLifecyclePolicyPreview(read(members, EcrRequests.StartLifecyclePolicyPreview.class));
            case "GetLifecyclePolicyPreview" -> settings.getLifecyclePolicyPreview(read(members, EcrRequests.GetLifecyclePolicyPreview.class));
            case "SetRepositoryPolicy" -> settings.setRepositoryPolicy(read(members, EcrRequests.SetRepositoryPolicy.class));
            case "GetRepositoryPolicy" -> settings.getRepositoryPolicy(read(members, EcrRequests.RepositoryMembers.class));
            case "DeleteRepositoryPolicy" -> settings.deleteRepositoryPolicy(read(members, EcrRequests.RepositoryMembers.class));
            case "TagResource" -> settings.tagResource(read(members, EcrRequests.TagResource.class));
            case "UntagResource" -> settings.untagResource(read(members, EcrRequests.UntagResource.class));
            case "ListTagsForResource" -> settings.listTagsForResource(read(members, EcrRequests.ListTagsForResource.class));
            case "PutImageScanningConfiguration" ->
                    settings.putImageScanningConfiguration(read(members, EcrRequests.PutImageScanningConfiguration.class));
            case "DescribeRegistry" -> settings.describeRegistry();
            case "GetAuthorizationToken" -> operations.getAuthorizationToken(endpoint(request));
            case "BatchCheckLayerAvailability" -> operations.batchCheckLayerAvailability(read(members, EcrRequests.BatchCheckLayerAvailability.class));
            case "InitiateLayerUpload" -> operations.initiateLayerUpload(read(members, EcrRequests.InitiateLayerUpload.class));
            case "UploadLayerPart" -> operations.uploadLayerPart(read(members, EcrRequests.UploadLayerPart.class));
            case "CompleteLayerUpload" -> operations.completeLayerUpload(read(members, EcrRequests.CompleteLayerUpload.class));
            case "GetDownloadUrlForLayer" -> operations.getDownloadUrlForLayer(read(members, EcrRequests.GetDownloadUrlForLayer.class),
                    endpoint(request));
            default -> throw unknownOperation(target);
        };
        return ResponseEntity.ok().contentType(EcrProtocol.CONTENT_TYPE).body(json.writeValueAsBytes(result));
    }

    private static String endpoint(HttpServletRequest request) {
        return request.getScheme() + "://" + request.getHeader("Host");
    }

    /** Names at most 128 characters of what was asked for: the answer must not echo a request back. */
    private static RegistryException unknownOperation(String target) {
        return target == null ? RegistryException.of(Refusal.MISSING_OPERATION) : RegistryException.of(Refusal.UNKNOWN_OPERATION,
                "operation", target.length() > 128 ? target.substring(0, 128) + "…" : target);
    }

    /** An empty body means {@code {}}; anything else must be one JSON object. */
    private JsonNode members(byte[] payload) {
        if (payload.length == 0) {
            return json.createObjectNode();
        }
        JsonNode node;
        try {
            node = json.readTree(payload);
        } catch (IOException e) {
            throw RegistryException.of(Refusal.MALFORMED_JSON);
        }
        if (node == null || node.isMissingNode()) {
            return json.createObjectNode();
        }
        if (!node.isObject()) {
            throw RegistryException.of(Refusal.NOT_A_JSON_OBJECT);
        }
        return node;
    }

    private <T> T read(JsonNode members, Class<T> type) {
        try {
            return json.treeToValue(members, type);
        } catch (JsonMappingException e) {
            String path = e.getPath().stream()
                    .map(reference -> reference.getFieldName() != null ? reference.getFieldName() : "member")
                    .collect(Collectors.joining("."));
            throw RegistryException.of(Refusal.UNEXPECTED_MEMBER_TYPE, "member", path);
        } catch (JsonProcessingException e) {
            throw RegistryException.of(Refusal.UNREADABLE_BODY);
        }
    }
}
