package io.tagledger.api;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.ecr.EcrClient;
import software.amazon.awssdk.services.ecr.model.CreateRepositoryResponse;
import software.amazon.awssdk.services.ecr.model.DescribeRegistryResponse;
import software.amazon.awssdk.services.ecr.model.EncryptionType;
import software.amazon.awssdk.services.ecr.model.GetLifecyclePolicyPreviewResponse;
import software.amazon.awssdk.services.ecr.model.ImageActionType;
import software.amazon.awssdk.services.ecr.model.InvalidParameterException;
import software.amazon.awssdk.services.ecr.model.InvalidTagParameterException;
import software.amazon.awssdk.services.ecr.model.LifecyclePolicyNotFoundException;
import software.amazon.awssdk.services.ecr.model.LifecyclePolicyPreviewNotFoundException;
import software.amazon.awssdk.services.ecr.model.LifecyclePolicyPreviewStatus;
import software.amazon.awssdk.services.ecr.model.RepositoryNotFoundException;
import software.amazon.awssdk.services.ecr.model.Tag;
import software.amazon.awssdk.services.ecr.model.TagStatus;
import software.amazon.awssdk.services.ecr.model.TooManyTagsException;

import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Lifecycle policies, resource tags, the scanning setting and the registry, through the real AWS SDK for Java. */
class EcrSettingsTest extends ApiTest {

    private EcrClient ecr;

    @BeforeEach
    void connect() {
        ecr = EcrApiTest.ecrClient(port, EcrApiTest.ACCESS_KEY_ID, "any-secret");
    }

    @AfterEach
    void disconnect() {
        ecr.close();
    }

    private static String policy(int keep) {
        return "{\"rules\":[{\"rulePriority\":1,\"description\":\"keep " + keep + "\",\"selection\":{\"tagStatus\":\"tagged\","
                + "\"tagPrefixList\":[\"v\"],\"countType\":\"imageCountMoreThan\",\"countNumber\":" + keep + "},\"action\":{\"type\":\"expire\"}}]}";
    }

    @Test
    void aLifecyclePolicyIsSetReadPreviewedAndDeletedWithEcrsShapesAndErrors() {
        String name = newRepositoryName();
        ecr.createRepository(r -> r.repositoryName(name));
        List<String> digests = new ArrayList<>();
        for (int i = 1; i <= 3; i++) {
            String manifest = manifest(name + i);
            digests.add(digestOf(manifest));
            ecr.putImage(r -> r.repositoryName(name).imageManifest(manifest).imageTag("v" + digests.size()));
        }
        assertThatThrownBy(() -> ecr.getLifecyclePolicy(r -> r.repositoryName(name)))
                .isInstanceOf(LifecyclePolicyNotFoundException.class)
                .hasMessageContaining("Lifecycle policy does not exist for the repository with name '" + name + "'");
        assertThatThrownBy(() -> ecr.getLifecyclePolicyPreview(r -> r.repositoryName(name)))
                .isInstanceOf(LifecyclePolicyPreviewNotFoundException.class);
        assertThatThrownBy(() -> ecr.putLifecyclePolicy(r -> r.repositoryName(name).lifecyclePolicyText(policy(0))))
                .isInstanceOf(InvalidParameterException.class)
                .hasMessageContaining("Lifecycle policy validation failure: rule 1: 'countNumber' must be an integer of at least 1");

        var put = ecr.putLifecyclePolicy(r -> r.repositoryName(name).lifecyclePolicyText(policy(2)));
        assertThat(put.lifecyclePolicyText()).isEqualTo(policy(2));
        assertThat(put.registryId()).isEqualTo("000000000000");
        assertThat(ecr.getLifecyclePolicy(r -> r.repositoryName(name)).lifecyclePolicyText()).isEqualTo(policy(2));

        var started = ecr.startLifecyclePolicyPreview(r -> r.repositoryName(name));
        assertThat(started.status()).isEqualTo(LifecyclePolicyPreviewStatus.COMPLETE);
        GetLifecyclePolicyPreviewResponse preview = ecr.getLifecyclePolicyPreview(r -> r.repositoryName(name));
        assertThat(preview.summary().expiringImageTotalCount()).isEqualTo(1);
        assertThat(preview.previewResults()).singleElement().satisfies(result -> {
            assertThat(result.imageDigest()).isEqualTo(digests.get(0));
            assertThat(result.imageTags()).containsExactly("v1");
            assertThat(result.appliedRulePriority()).isEqualTo(1);
            assertThat(result.action().type()).isEqualTo(ImageActionType.EXPIRE);
            assertThat(result.imagePushedAt()).isNotNull();
        });
        // A policy tried without being set, and the preview's filter.
        ecr.startLifecyclePolicyPreview(r -> r.repositoryName(name).lifecyclePolicyText(policy(1)));
        assertThat(ecr.getLifecyclePolicyPreview(r -> r.repositoryName(name)).previewResults()).hasSize(2);
        assertThat(ecr.getLifecyclePolicyPreview(r -> r.repositoryName(name).filter(f -> f.tagStatus(TagStatus.UNTAGGED)))
                .previewResults()).isEmpty();
        var page = ecr.getLifecyclePolicyPreview(r -> r.repositoryName(name).maxResults(1));
        assertThat(page.previewResults()).hasSize(1);
        assertThat(ecr.getLifecyclePolicyPreview(r -> r.repositoryName(name).maxResults(1).nextToken(page.nextToken()))
                .previewResults().get(0).imageDigest()).isEqualTo(digests.get(1));
        assertThat(ecr.getLifecyclePolicy(r -> r.repositoryName(name)).lifecyclePolicyText()).isEqualTo(policy(2));
        assertThat(ecr.describeImages(r -> r.repositoryName(name)).imageDetails()).hasSize(3);

        assertThat(ecr.deleteLifecyclePolicy(r -> r.repositoryName(name)).lifecyclePolicyText()).isEqualTo(policy(2));
        assertThatThrownBy(() -> ecr.deleteLifecyclePolicy(r -> r.repositoryName(name))).isInstanceOf(LifecyclePolicyNotFoundException.class);
        assertThatThrownBy(() -> ecr.putLifecyclePolicy(r -> r.repositoryName("nobody/here").lifecyclePolicyText(policy(2))))
                .isInstanceOf(RepositoryNotFoundException.class);
    }

    @Test
    void resourceTagsAreKeptWithEcrsLimitsAndTheSettingsGivenAtCreationAreAnsweredBack() {
        String name = newRepositoryName();
        CreateRepositoryResponse created = ecr.createRepository(r -> r.repositoryName(name)
                .tags(Tag.builder().key("team").value("payments").build())
                .imageScanningConfiguration(s -> s.scanOnPush(true))
                .encryptionConfiguration(e -> e.encryptionType(EncryptionType.KMS).kmsKey("arn:aws:kms:us-east-1:123456789012:key/k1")));
        String arn = created.repository().repositoryArn();
        assertThat(created.repository().imageScanningConfiguration().scanOnPush()).isTrue();
        assertThat(created.repository().encryptionConfiguration().encryptionType()).isEqualTo(EncryptionType.KMS);
        assertThat(created.repository().encryptionConfiguration().kmsKey()).isEqualTo("arn:aws:kms:us-east-1:123456789012:key/k1");
        assertThat(ecr.listTagsForResource(r -> r.resourceArn(arn)).tags()).containsExactly(Tag.builder().key("team").value("payments").build());

        ecr.tagResource(r -> r.resourceArn(arn).tags(Tag.builder().key("team").value("billing").build(),
                Tag.builder().key("cost-center").value("42").build()));
        assertThat(ecr.listTagsForResource(r -> r.resourceArn(arn)).tags()).extracting(tag -> tag.key() + "=" + tag.value())
                .containsExactly("cost-center=42", "team=billing");
        ecr.untagResource(r -> r.resourceArn(arn).tagKeys("team", "absent"));
        assertThat(ecr.listTagsForResource(r -> r.resourceArn(arn)).tags()).extracting(Tag::key).containsExactly("cost-center");

        long stored = storedEvents();
        assertThatThrownBy(() -> ecr.tagResource(r -> r.resourceArn(arn).tags(Tag.builder().key("k".repeat(129)).value("v").build())))
                .isInstanceOf(InvalidTagParameterException.class);
        assertThatThrownBy(() -> ecr.tagResource(r -> r.resourceArn(arn).tags(Tag.builder().key("aws:owner").value("v").build())))
                .isInstanceOf(InvalidTagParameterException.class);
        List<Tag> many = new ArrayList<>();
        for (int i = 0; i < 50; i++) {
            many.add(Tag.builder().key("key" + i).value("v").build());
        }
        assertThatThrownBy(() -> ecr.tagResource(r -> r.resourceArn(arn).tags(many))).isInstanceOf(TooManyTagsException.class);
        assertThatThrownBy(() -> ecr.listTagsForResource(r -> r.resourceArn("arn:aws:s3:::bucket")))
                .isInstanceOf(InvalidParameterException.class).hasMessageContaining("Invalid ARN");
        assertThat(storedEvents()).isEqualTo(stored);

        var scanning = ecr.putImageScanningConfiguration(r -> r.repositoryName(name).imageScanningConfiguration(s -> s.scanOnPush(false)));
        assertThat(scanning.imageScanningConfiguration().scanOnPush()).isFalse();
        assertThat(ecr.describeRepositories(r -> r.repositoryNames(name)).repositories().get(0).imageScanningConfiguration().scanOnPush())
                .isFalse();

        DescribeRegistryResponse registry = ecr.describeRegistry(r -> { });
        assertThat(registry.registryId()).isEqualTo("000000000000");
        assertThat(registry.replicationConfiguration().rules()).isEmpty();
    }
}
