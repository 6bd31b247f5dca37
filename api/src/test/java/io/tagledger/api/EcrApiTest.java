package io.tagledger.api;

import io.tagledger.domain.ImageDigest;
import org.axonframework.eventhandling.DomainEventMessage;
import org.axonframework.eventsourcing.eventstore.EventStore;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.core.SdkBytes;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.ecr.EcrClient;
import software.amazon.awssdk.services.ecr.model.BatchDeleteImageResponse;
import software.amazon.awssdk.services.ecr.model.BatchGetImageResponse;
import software.amazon.awssdk.services.ecr.model.CreateRepositoryResponse;
import software.amazon.awssdk.services.ecr.model.DescribeImagesResponse;
import software.amazon.awssdk.services.ecr.model.EcrException;
import software.amazon.awssdk.services.ecr.model.ImageAlreadyExistsException;
import software.amazon.awssdk.services.ecr.model.ImageDetail;
import software.amazon.awssdk.services.ecr.model.ImageDigestDoesNotMatchException;
import software.amazon.awssdk.services.ecr.model.ImageFailureCode;
import software.amazon.awssdk.services.ecr.model.ImageIdentifier;
import software.amazon.awssdk.services.ecr.model.ImageNotFoundException;
import software.amazon.awssdk.services.ecr.model.ImageTagAlreadyExistsException;
import software.amazon.awssdk.services.ecr.model.ImageTagMutability;
import software.amazon.awssdk.services.ecr.model.ImageTagMutabilityExclusionFilter;
import software.amazon.awssdk.services.ecr.model.ImageTagMutabilityExclusionFilterType;
import software.amazon.awssdk.services.ecr.model.InvalidParameterException;
import software.amazon.awssdk.services.ecr.model.PutImageResponse;
import software.amazon.awssdk.services.ecr.model.PutImageTagMutabilityResponse;
import software.amazon.awssdk.services.ecr.model.Repository;
import software.amazon.awssdk.services.ecr.model.RepositoryAlreadyExistsException;
import software.amazon.awssdk.services.ecr.model.RepositoryNotEmptyException;
import software.amazon.awssdk.services.ecr.model.RepositoryNotFoundException;
import software.amazon.awssdk.services.ecr.model.TagStatus;

import java.net.URI;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The ECR API through the real AWS SDK for Java v2, as a CI pipeline would drive it. */
class EcrApiTest extends ApiTest {

    static final String ACCESS_KEY_ID = "AKIDPIPELINE";

    @Autowired
    private EventStore eventStore;

    private EcrClient ecr;

    @BeforeEach
    void connect() {
        ecr = ecrClient(port, ACCESS_KEY_ID, "any-secret");
    }

    @AfterEach
    void disconnect() {
        ecr.close();
    }

    static EcrClient ecrClient(int port, String accessKeyId, String secret) {
        return EcrClient.builder()
                .endpointOverride(URI.create("http://localhost:" + port))
                .region(Region.US_EAST_1)
                .credentialsProvider(StaticCredentialsProvider.create(AwsBasicCredentials.create(accessKeyId, secret)))
                .httpClientBuilder(UrlConnectionHttpClient.builder())
                .overrideConfiguration(c -> c.retryStrategy(b -> b.maxAttempts(1)))
                .build();
    }

    private String createRepository(ImageTagMutability mutability, String... filters) {
        String name = newRepositoryName();
        ecr.createRepository(r -> r.repositoryName(name).imageTagMutability(mutability)
                .imageTagMutabilityExclusionFilters(filters.length == 0 ? null : wildcards(filters)));
        return name;
    }

    private static List<ImageTagMutabilityExclusionFilter> wildcards(String... filters) {
        List<ImageTagMutabilityExclusionFilter> list = new ArrayList<>();
        for (String filter : filters) {
            list.add(ImageTagMutabilityExclusionFilter.builder().filterType(ImageTagMutabilityExclusionFilterType.WILDCARD)
                    .filter(filter).build());
        }
        return list;
    }

    private PutImageResponse putImage(String repository, String tag, String manifest) {
        return ecr.putImage(r -> r.repositoryName(repository).imageTag(tag).imageManifest(manifest));
    }

    private static ImageIdentifier byTag(String tag) {
        return ImageIdentifier.builder().imageTag(tag).build();
    }

    private static ImageIdentifier byDigest(String digest) {
        return ImageIdentifier.builder().imageDigest(digest).build();
    }

    @Test
    void aSealedTagRefusesOtherContentThroughPutImageAfterItsDeletion() {
        String name = newRepositoryName();
        assertThat(postJson("/repositories", "{\"name\":\"" + name + "\",\"imageTagMutability\":\"IMMUTABLE\","
                + "\"tagProtection\":\"SEALED\"}").status()).isEqualTo(201);
        ecr.putImage(r -> r.repositoryName(name).imageTag("v1").imageManifest(manifest("ecr-sealed")));
        ecr.batchDeleteImage(r -> r.repositoryName(name).imageIds(ImageIdentifier.builder().imageTag("v1").build()));

        assertThatThrownBy(() -> ecr.putImage(r -> r.repositoryName(name).imageTag("v1").imageManifest(manifest("ecr-sealed-other"))))
                .isInstanceOfSatisfying(EcrException.class, e -> {
                    assertThat(e.awsErrorDetails().errorCode()).isEqualTo("TagProtectedException");
                    assertThat(e.awsErrorDetails().errorMessage()).contains("is sealed to");
                });
    }

    @Test
    void putImageKeepsEcrsImageAlreadyExistsWhereTheRepositoryAcceptsATagsDigestAgain() {
        String name = newRepositoryName();
        assertThat(postJson("/repositories", "{\"name\":\"" + name + "\",\"imageTagMutability\":\"IMMUTABLE\","
                + "\"imageTagRepush\":\"ACCEPT_SAME_DIGEST\"}").status()).isEqualTo(201);
        String manifest = manifest("ecr-rerun");
        ecr.putImage(r -> r.repositoryName(name).imageTag("v1").imageManifest(manifest));

        assertThatThrownBy(() -> ecr.putImage(r -> r.repositoryName(name).imageTag("v1").imageManifest(manifest)))
                .isInstanceOf(ImageAlreadyExistsException.class);
    }

    @Test
    void createRepositoryAnswersEcrsRepositoryShape() {
        String name = newRepositoryName();
        Instant before = Instant.now().minusSeconds(1);

        CreateRepositoryResponse response = ecr.createRepository(r -> r.repositoryName(name)
                .imageTagMutability(ImageTagMutability.IMMUTABLE_WITH_EXCLUSION).imageTagMutabilityExclusionFilters(wildcards("dev-*")));

        Repository repository = response.repository();
        assertThat(repository.repositoryName()).isEqualTo(name);
        assertThat(repository.registryId()).isEqualTo("000000000000");
        assertThat(repository.repositoryArn()).isEqualTo("arn:aws:ecr:us-east-1:000000000000:repository/" + name);
        assertThat(repository.repositoryUri()).isEqualTo("000000000000.dkr.ecr.us-east-1.amazonaws.com/" + name);
        assertThat(repository.createdAt()).isBetween(before, Instant.now().plusSeconds(1));
        assertThat(repository.imageTagMutability()).isEqualTo(ImageTagMutability.IMMUTABLE_WITH_EXCLUSION);
        assertThat(repository.imageTagMutabilityExclusionFilters()).extracting(ImageTagMutabilityExclusionFilter::filter)
                .containsExactly("dev-*");
        assertThat(repository.imageScanningConfiguration().scanOnPush()).isFalse();
        assertThat(repository.encryptionConfiguration().encryptionTypeAsString()).isEqualTo("AES256");
    }

    @Test
    void createRepositoryIsMutableByDefault() {
        String name = newRepositoryName();
        assertThat(ecr.createRepository(r -> r.repositoryName(name)).repository().imageTagMutability())
                .isEqualTo(ImageTagMutability.MUTABLE);
    }

    @Test
    void creatingAnExistingRepositoryRaisesRepositoryAlreadyExists() {
        String name = createRepository(ImageTagMutability.MUTABLE);

        assertThatThrownBy(() -> ecr.createRepository(r -> r.repositoryName(name)))
                .isInstanceOf(RepositoryAlreadyExistsException.class)
                .satisfies(e -> assertThat(((EcrException) e).awsErrorDetails().errorMessage()).isEqualTo(
                        "The repository with name '" + name + "' already exists in the registry with id '000000000000'"))
                .satisfies(e -> assertThat(((EcrException) e).statusCode()).isEqualTo(400));
    }

    @Test
    void describeRepositoriesByNameAndMissingName() {
        String name = createRepository(ImageTagMutability.IMMUTABLE);

        assertThat(ecr.describeRepositories(r -> r.repositoryNames(name)).repositories())
                .extracting(Repository::imageTagMutability).containsExactly(ImageTagMutability.IMMUTABLE);
        assertThatThrownBy(() -> ecr.describeRepositories(r -> r.repositoryNames(name, "no/such")))
                .isInstanceOf(RepositoryNotFoundException.class)
                .hasMessageContaining("The repository with name 'no/such' does not exist in the registry with id '000000000000'");
    }

    @Test
    void describeRepositoriesPagesWithATokenThatAdvances() {
        for (int i = 0; i < 5; i++) {
            createRepository(ImageTagMutability.MUTABLE);
        }
        List<String> names = ecr.describeRepositoriesPaginator(r -> r.maxResults(2)).repositories().stream()
                .map(Repository::repositoryName).toList();
        int pages = (int) ecr.describeRepositoriesPaginator(r -> r.maxResults(2)).stream().count();

        assertThat(names).doesNotHaveDuplicates().isSorted().hasSizeGreaterThanOrEqualTo(5);
        assertThat(pages).isEqualTo((names.size() + 1) / 2);
    }

    @Test
    void tokenOrMaxResultsWithRepositoryNamesIsInvalid() {
        String name = createRepository(ImageTagMutability.MUTABLE);
        assertThatThrownBy(() -> ecr.describeRepositories(r -> r.repositoryNames(name).maxResults(5)))
                .isInstanceOf(InvalidParameterException.class);
    }

    @Test
    void maxResultsOutOfRangeIsInvalid() {
        String name = createRepository(ImageTagMutability.MUTABLE);
        assertThatThrownBy(() -> ecr.listImages(r -> r.repositoryName(name).maxResults(1001)))
                .isInstanceOf(InvalidParameterException.class)
                .hasMessageContaining("Invalid parameter at 'maxResults' failed to satisfy constraint: "
                        + "'Member must have value less than or equal to 1000'");
        assertThatThrownBy(() -> ecr.describeImages(r -> r.repositoryName(name).maxResults(0)))
                .isInstanceOf(InvalidParameterException.class);
    }

    @Test
    void deleteRepositoryNeedsForceWhenItHoldsImages() {
        String name = createRepository(ImageTagMutability.MUTABLE);
        putImage(name, "v1", manifest("delete-repo"));

        assertThatThrownBy(() -> ecr.deleteRepository(r -> r.repositoryName(name)))
                .isInstanceOf(RepositoryNotEmptyException.class)
                .hasMessageContaining("The repository with name '" + name
                        + "' in registry with id '000000000000' cannot be deleted because it still contains images");
        assertThat(ecr.deleteRepository(r -> r.repositoryName(name).force(true)).repository().repositoryName()).isEqualTo(name);
        assertThatThrownBy(() -> ecr.describeRepositories(r -> r.repositoryNames(name)))
                .isInstanceOf(RepositoryNotFoundException.class);
    }

    @Test
    void putImageTagMutabilityEchoesTheSettingAndAppliesToLaterPushes() {
        String name = createRepository(ImageTagMutability.MUTABLE);
        putImage(name, "prod-1", manifest("a"));

        PutImageTagMutabilityResponse response = ecr.putImageTagMutability(r -> r.repositoryName(name)
                .imageTagMutability(ImageTagMutability.MUTABLE_WITH_EXCLUSION).imageTagMutabilityExclusionFilters(wildcards("prod-*")));

        assertThat(response.imageTagMutability()).isEqualTo(ImageTagMutability.MUTABLE_WITH_EXCLUSION);
        assertThat(response.imageTagMutabilityExclusionFilters()).extracting(ImageTagMutabilityExclusionFilter::filter)
                .containsExactly("prod-*");
        assertThat(response.registryId()).isEqualTo("000000000000");
        assertThatThrownBy(() -> putImage(name, "prod-1", manifest("b"))).isInstanceOf(ImageTagAlreadyExistsException.class);
        putImage(name, "latest", manifest("b"));
        putImage(name, "latest", manifest("c"));
    }

    @Test
    void putImageTagMutabilityOnAMissingRepositoryRaisesRepositoryNotFound() {
        assertThatThrownBy(() -> ecr.putImageTagMutability(r -> r.repositoryName("no/such").imageTagMutability(ImageTagMutability.MUTABLE)))
                .isInstanceOf(RepositoryNotFoundException.class);
    }

    @Test
    void putImageComputesTheDigestOfTheManifestAndReturnsItVerbatim() {
        String name = createRepository(ImageTagMutability.IMMUTABLE);
        String manifest = "{\n  \"schemaVersion\": 2,\n  \"mediaType\": \"application/vnd.docker.distribution.manifest.v2+json\",\n"
                + "  \"config\": {\"mediaType\": \"application/vnd.docker.container.image.v1+json\", \"size\": 5, \"digest\": \"sha256:" + "c".repeat(64) + "\"}, \"layers\": []\n}";

        PutImageResponse response = putImage(name, "1.4.0", manifest);

        assertThat(response.image().imageId().imageDigest()).isEqualTo(digestOf(manifest));
        assertThat(response.image().imageId().imageTag()).isEqualTo("1.4.0");
        assertThat(response.image().imageManifest()).isEqualTo(manifest);
        assertThat(response.image().imageManifestMediaType()).isEqualTo("application/vnd.docker.distribution.manifest.v2+json");
        assertThat(response.image().registryId()).isEqualTo("000000000000");
        assertThat(ecr.batchGetImage(r -> r.repositoryName(name).imageIds(byTag("1.4.0"))).images().get(0).imageManifest())
                .isEqualTo(manifest);
    }

    @Test
    void pushingAnExistingTagToAnImmutableRepositoryRaisesImageTagAlreadyExists() {
        String name = createRepository(ImageTagMutability.IMMUTABLE);
        putImage(name, "v1", manifest("first"));

        assertThatThrownBy(() -> putImage(name, "v1", manifest("second")))
                .isInstanceOf(ImageTagAlreadyExistsException.class)
                .satisfies(e -> assertThat(((EcrException) e).awsErrorDetails().errorMessage()).isEqualTo("The image tag 'v1' already exists in the '"
                        + name + "' repository and cannot be overwritten because the repository is immutable."));
        assertThat(ecr.batchGetImage(r -> r.repositoryName(name).imageIds(byTag("v1"))).images().get(0).imageId().imageDigest())
                .isEqualTo(digestOf(manifest("first")));
    }

    @Test
    void pushingTheSameImageAndTagAgainRaisesImageAlreadyExists() {
        String name = createRepository(ImageTagMutability.MUTABLE);
        putImage(name, "v1", manifest("same"));

        assertThatThrownBy(() -> putImage(name, "v1", manifest("same")))
                .isInstanceOf(ImageAlreadyExistsException.class)
                .hasMessageContaining("Image with digest '" + digestOf(manifest("same")) + "' and tag 'v1' already exists in the "
                        + "repository with name '" + name + "' in registry with id '000000000000'");
    }

    @Test
    void aDigestThatDoesNotMatchTheManifestRaisesImageDigestDoesNotMatch() {
        String name = createRepository(ImageTagMutability.MUTABLE);
        assertThatThrownBy(() -> ecr.putImage(r -> r.repositoryName(name).imageTag("v1").imageManifest(manifest("x"))
                .imageDigest(digestOf("other")))).isInstanceOf(ImageDigestDoesNotMatchException.class);
    }

    @Test
    void aManifestWithoutAnyMediaTypeIsAnInvalidParameter() {
        String name = createRepository(ImageTagMutability.MUTABLE);
        assertThatThrownBy(() -> putImage(name, "v1", "{\"schemaVersion\":2}")).isInstanceOf(InvalidParameterException.class);
        assertThat(ecr.putImage(r -> r.repositoryName(name).imageTag("v1").imageManifest("{\"schemaVersion\":2,\"config\":{\"mediaType\": \"application/vnd.docker.container.image.v1+json\", \"size\": 1, \"digest\": \"sha256:" + "c".repeat(64) + "\"},\"layers\":[]}")
                .imageManifestMediaType("application/vnd.oci.image.manifest.v1+json")).image().imageManifestMediaType())
                .isEqualTo("application/vnd.oci.image.manifest.v1+json");
    }

    @Test
    void aMovedTagLeavesTheOldImageUntagged() {
        String name = createRepository(ImageTagMutability.MUTABLE);
        putImage(name, "latest", manifest("old"));
        putImage(name, "latest", manifest("new"));

        List<ImageDetail> untagged = ecr.describeImages(r -> r.repositoryName(name).filter(f -> f.tagStatus(TagStatus.UNTAGGED)))
                .imageDetails();

        assertThat(untagged).singleElement().satisfies(detail -> {
            assertThat(detail.imageDigest()).isEqualTo(digestOf(manifest("old")));
            assertThat(detail.hasImageTags()).isFalse();
        });
    }

    @Test
    void exclusionFiltersDecideWhichTagsMayMove() {
        String name = createRepository(ImageTagMutability.IMMUTABLE_WITH_EXCLUSION, "dev*", "latest");
        putImage(name, "dev-7", manifest("a"));
        putImage(name, "v1", manifest("a"));

        putImage(name, "dev-7", manifest("b"));
        assertThatThrownBy(() -> putImage(name, "v1", manifest("b"))).isInstanceOf(ImageTagAlreadyExistsException.class);
    }

    @Test
    void batchGetImageAnswersPerImageIdWithEcrsFailureCodes() {
        String name = createRepository(ImageTagMutability.MUTABLE);
        String manifest = manifest("get");
        putImage(name, "v1", manifest);
        putImage(name, "stable", manifest);
        putImage(name, "other", manifest("other"));

        BatchGetImageResponse response = ecr.batchGetImage(r -> r.repositoryName(name).imageIds(
                byDigest(digestOf(manifest)), byTag("nope"), ImageIdentifier.builder().build(), byDigest("sha256:XYZ"),
                ImageIdentifier.builder().imageTag("other").imageDigest(digestOf(manifest)).build()));

        assertThat(response.images()).extracting(image -> image.imageId().imageTag()).containsExactlyInAnyOrder("v1", "stable");
        assertThat(response.images()).allSatisfy(image -> assertThat(image.imageManifest()).isEqualTo(manifest));
        assertThat(response.failures()).extracting(failure -> failure.failureCode()).containsExactly(
                ImageFailureCode.IMAGE_NOT_FOUND, ImageFailureCode.MISSING_DIGEST_AND_TAG, ImageFailureCode.INVALID_IMAGE_DIGEST,
                ImageFailureCode.IMAGE_TAG_DOES_NOT_MATCH_DIGEST);
        assertThat(response.failures().get(0).failureReason()).isEqualTo("Requested image not found");
        assertThat(response.failures().get(0).imageId().imageTag()).isEqualTo("nope");
    }

    @Test
    void batchDeleteImageByTagUntagsAndTheLastTagTakesTheImage() {
        String name = createRepository(ImageTagMutability.IMMUTABLE);
        String manifest = manifest("untag");
        putImage(name, "v1", manifest);
        putImage(name, "stable", manifest);

        BatchDeleteImageResponse first = ecr.batchDeleteImage(r -> r.repositoryName(name).imageIds(byTag("v1")));
        assertThat(first.imageIds()).singleElement().satisfies(id -> {
            assertThat(id.imageTag()).isEqualTo("v1");
            assertThat(id.imageDigest()).isEqualTo(digestOf(manifest));
        });
        assertThat(ecr.describeImages(r -> r.repositoryName(name)).imageDetails()).singleElement()
                .satisfies(detail -> assertThat(detail.imageTags()).containsExactly("stable"));

        ecr.batchDeleteImage(r -> r.repositoryName(name).imageIds(byTag("stable")));
        assertThat(ecr.describeImages(r -> r.repositoryName(name)).imageDetails()).isEmpty();
    }

    @Test
    void batchDeleteImageByDigestRemovesTheImageWithAnEntryPerTag() {
        String name = createRepository(ImageTagMutability.MUTABLE);
        String manifest = manifest("by-digest");
        putImage(name, "a", manifest);
        putImage(name, "b", manifest);
        putImage(name, "c", manifest);

        BatchDeleteImageResponse response = ecr.batchDeleteImage(r -> r.repositoryName(name).imageIds(
                byDigest(digestOf(manifest)), byTag("b"), byTag("missing"), byDigest("sha256:nothex")));

        assertThat(response.imageIds()).extracting(id -> id.imageTag()).containsExactlyInAnyOrder("a", "b", "c");
        assertThat(response.failures()).extracting(failure -> failure.failureCode())
                .containsExactly(ImageFailureCode.IMAGE_NOT_FOUND, ImageFailureCode.INVALID_IMAGE_DIGEST);
        assertThat(ecr.listImages(r -> r.repositoryName(name)).imageIds()).isEmpty();
    }

    @Test
    void describeImagesGivesOneDetailPerDigest() {
        String name = createRepository(ImageTagMutability.MUTABLE);
        String tagged = manifest("tagged");
        putImage(name, "v1", tagged);
        putImage(name, "v2", tagged);
        ecr.putImage(r -> r.repositoryName(name).imageManifest(manifest("untagged")));

        DescribeImagesResponse response = ecr.describeImages(r -> r.repositoryName(name).imageIds(byTag("v1")));

        assertThat(response.imageDetails()).singleElement().satisfies(detail -> {
            assertThat(detail.imageDigest()).isEqualTo(digestOf(tagged));
            assertThat(detail.imageTags()).containsExactly("v1", "v2");
            assertThat(detail.imageSizeInBytes()).isEqualTo(1100L);
            assertThat(detail.imagePushedAt()).isBetween(Instant.now().minusSeconds(60), Instant.now().plusSeconds(1));
            assertThat(detail.imageManifestMediaType()).isEqualTo("application/vnd.oci.image.manifest.v1+json");
            assertThat(detail.registryId()).isEqualTo("000000000000");
        });
        assertThat(ecr.describeImages(r -> r.repositoryName(name).filter(f -> f.tagStatus(TagStatus.TAGGED))).imageDetails()).hasSize(1);
        assertThat(ecr.describeImages(r -> r.repositoryName(name)).imageDetails()).hasSize(2);
    }

    @Test
    void describeImagesNamingAMissingImageRaisesImageNotFound() {
        String name = createRepository(ImageTagMutability.MUTABLE);
        putImage(name, "v1", manifest("present"));

        assertThatThrownBy(() -> ecr.describeImages(r -> r.repositoryName(name).imageIds(byTag("v1"), byTag("absent"))))
                .isInstanceOf(ImageNotFoundException.class)
                .hasMessageContaining("does not exist within the repository with name '" + name + "'");
    }

    @Test
    void describeImagesAndListImagesPageWithTokensThatAdvance() {
        String name = createRepository(ImageTagMutability.MUTABLE);
        for (int i = 0; i < 5; i++) {
            putImage(name, "t" + i, manifest("page" + i));
            putImage(name, "u" + i, manifest("page" + i));
        }
        ecr.putImage(r -> r.repositoryName(name).imageManifest(manifest("untagged")));

        List<String> digests = ecr.describeImagesPaginator(r -> r.repositoryName(name).maxResults(2)).imageDetails().stream()
                .map(ImageDetail::imageDigest).toList();
        List<String> ids = ecr.listImagesPaginator(r -> r.repositoryName(name).maxResults(3)).imageIds().stream()
                .map(id -> id.imageDigest() + ":" + id.imageTag()).toList();

        assertThat(digests).hasSize(6).doesNotHaveDuplicates().isSorted();
        assertThat(ids).hasSize(11).doesNotHaveDuplicates();
        assertThat(ids.stream().filter(id -> id.endsWith(":null")).collect(Collectors.toList()))
                .containsExactly(digestOf(manifest("untagged")) + ":null");
        assertThat(ecr.listImagesPaginator(r -> r.repositoryName(name).maxResults(3).filter(f -> f.tagStatus(TagStatus.TAGGED)))
                .imageIds()).hasSize(10);
        assertThat(ecr.listImagesPaginator(r -> r.repositoryName(name).maxResults(3).filter(f -> f.tagStatus(TagStatus.UNTAGGED)))
                .imageIds()).hasSize(1);
    }

    @Test
    void operationsOnAMissingRepositoryRaiseRepositoryNotFound() {
        assertThatThrownBy(() -> ecr.listImages(r -> r.repositoryName("no/such"))).isInstanceOf(RepositoryNotFoundException.class);
        assertThatThrownBy(() -> putImage("no/such", "v1", manifest("x"))).isInstanceOf(RepositoryNotFoundException.class);
        assertThatThrownBy(() -> ecr.batchDeleteImage(r -> r.repositoryName("no/such").imageIds(byTag("v1"))))
                .isInstanceOf(RepositoryNotFoundException.class);
    }

    @Test
    void anotherRegistryIdIsNotThisRegistry() {
        String name = createRepository(ImageTagMutability.MUTABLE);
        assertThatThrownBy(() -> ecr.describeRepositories(r -> r.registryId("123456789012").repositoryNames(name)))
                .isInstanceOf(RepositoryNotFoundException.class)
                .hasMessageContaining("registry with id '123456789012'");
    }

    @Test
    void inOpenModeTheCallersAccessKeyIsRecordedOnEveryEventAsAClaimedName() {
        String name = createRepository(ImageTagMutability.MUTABLE);
        putImage(name, "v1", manifest("who"));

        List<? extends DomainEventMessage<?>> events = eventStore.readEvents(name, 0L).asStream().toList();

        assertThat(events).hasSize(2).allSatisfy(event -> {
            assertThat(event.getMetaData()).containsEntry("principal", "anonymous").containsEntry("claimedBy", ACCESS_KEY_ID)
                    .containsEntry("api", "ecr");
            assertThat(event.getMetaData()).containsKeys("requestId", "correlationId", "sourceAddress", "userAgent");
        });
        assertThat((String) events.get(0).getMetaData().get("userAgent")).contains("aws-sdk-java");
    }

    @Test
    void twentySimultaneousPutImagesOfOneImmutableTagHaveExactlyOneWinner() throws Exception {
        String name = createRepository(ImageTagMutability.IMMUTABLE);
        List<String> results = Race.of(20, index -> {
            try {
                return putImage(name, "release", manifest("ecr-racer-" + index)).image().imageId().imageDigest();
            } catch (ImageTagAlreadyExistsException e) {
                return "rejected";
            }
        });
        List<String> winners = results.stream().filter(result -> !result.equals("rejected")).toList();
        assertThat(winners).hasSize(1);
        assertThat(ecr.batchGetImage(r -> r.repositoryName(name).imageIds(byTag("release"))).images().get(0).imageId().imageDigest())
                .isEqualTo(winners.get(0));
    }

    @Test
    void manifestsSurviveARoundTripThroughSdkBytes() {
        // The manifest is a JSON string member: escaped on the wire, and the digest is of the unescaped text.
        String name = createRepository(ImageTagMutability.MUTABLE);
        String manifest = manifest("sdk-bytes").replace("\"seed\":\"sdk-bytes\"", "\"q\":\"\\\"quoted\\\" é ✓\"");
        PutImageResponse response = putImage(name, "v1", manifest);
        assertThat(response.image().imageId().imageDigest())
                .isEqualTo(ImageDigest.of(SdkBytes.fromUtf8String(manifest).asByteArray()).value());
    }

    @Test
    void timestampsAreEpochSecondsWithMilliseconds() {
        // Many pushes, so that at least one instant has a millisecond part: whole seconds cannot pass.
        String name = createRepository(ImageTagMutability.MUTABLE);
        for (int i = 0; i < 5; i++) {
            putImage(name, "t" + i, manifest(name + "-ms-" + i));
        }
        Instant created = ecr.describeRepositories(r -> r.repositoryNames(name)).repositories().get(0).createdAt();
        assertThat(created).isEqualTo(Instant.parse(get("/repositories/" + name).json().get("createdAt").asText()));

        Map<String, Instant> overEcr = ecr.describeImages(r -> r.repositoryName(name)).imageDetails().stream()
                .collect(Collectors.toMap(ImageDetail::imageDigest, ImageDetail::imagePushedAt));
        Map<String, Instant> overRest = new java.util.HashMap<>();
        get("/repositories/" + name + "/-/images").json().get("items")
                .forEach(image -> overRest.put(image.get("digest").asText(), Instant.parse(image.get("pushedAt").asText())));
        assertThat(overEcr).hasSize(5).isEqualTo(overRest);
        assertThat(overEcr.values()).as("instants with a millisecond part").anyMatch(instant -> instant.getNano() != 0);
        assertThat(overEcr.values()).allMatch(instant -> instant.getNano() % 1_000_000 == 0);
    }
}
