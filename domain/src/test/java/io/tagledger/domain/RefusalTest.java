package io.tagledger.domain;

import org.junit.jupiter.api.Test;

import java.util.HashMap;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

class RefusalTest {

    @Test
    void everyWordingSaysEverySubjectItNames() {
        for (Refusal refusal : Refusal.values()) {
            Map<String, String> subjects = new HashMap<>();
            refusal.subjects().forEach(name -> subjects.put(name, "<" + name + ">"));
            String message = refusal.message(subjects);
            assertThat(message).as(refusal.name()).doesNotContain("${").doesNotContain("$[").doesNotContain("'null'");
            refusal.subjects().forEach(name -> assertThat(message).as(refusal.name()).contains("<" + name + ">"));
        }
    }

    @Test
    void theRegistryIsNamedOnlyWhereAnApiHasOne() {
        RegistryException notFound = RegistryException.repositoryNotFound("team/app");

        assertThat(notFound.getMessage()).isEqualTo("The repository with name 'team/app' does not exist");
        assertThat(notFound.message("123456789012", null))
                .isEqualTo("The repository with name 'team/app' does not exist in the registry with id '123456789012'");
    }

    @Test
    void aRefusalThatNamesItsRegistryKeepsIt() {
        RegistryException elsewhere = RegistryException.of(Refusal.REPOSITORY_NOT_FOUND, "repository", "app", "registry", "999999999999");

        assertThat(elsewhere.message("123456789012", null)).endsWith("in the registry with id '999999999999'");
    }

    @Test
    void anAbsentSubjectIsSaidAsEcrSaysIt() {
        assertThat(RegistryException.tagNotFound("app", "v1").getMessage())
                .isEqualTo("The image with imageId {imageDigest:'null', imageTag:'v1'} does not exist within the repository with name 'app'");
        assertThat(RegistryException.imageAlreadyExists("app", "sha256:" + "a".repeat(64), null).getMessage())
                .contains("and tag '' already exists");
    }

    @Test
    void anApiNamesTheMemberAtFaultItsOwnWay() {
        RegistryException invalid = RegistryException.invalidParameter("repositoryName", "Member must not be null");

        assertThat(invalid.message(null, "name")).isEqualTo("Invalid parameter at 'name' failed to satisfy constraint: 'Member must not be null'");
        assertThat(invalid.field()).isEqualTo("repositoryName");
    }

    @Test
    void aRefusalNamesItsRuleAndItsCode() {
        RegistryException refused = RegistryException.tagPublishedAsImmutable("app", "v1");

        assertThat(refused.rule()).isEqualTo(Refusal.TAG_PUBLISHED_AS_IMMUTABLE);
        assertThat(refused.code().wireName()).isEqualTo("ImageTagAlreadyExistsException");
    }
}
