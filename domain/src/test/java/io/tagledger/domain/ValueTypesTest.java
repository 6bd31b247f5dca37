package io.tagledger.domain;

import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class ValueTypesTest {

    private static void assertInvalid(Runnable parse, String field) {
        assertThatThrownBy(parse::run)
                .isInstanceOfSatisfying(RegistryException.class, e -> {
                    assertThat(e.code()).isEqualTo(ErrorCode.INVALID_PARAMETER);
                    assertThat(e.field()).isEqualTo(field);
                });
    }

    @Test
    void repositoryNamesFollowTheOciGrammar() {
        for (String valid : List.of("ab", "team/app", "a.b_c__d---e/f0", "x".repeat(256))) {
            assertThat(RepositoryName.parse(valid).value()).isEqualTo(valid);
        }
        for (String invalid : List.of("a", "x".repeat(257), "Team/app", "team//app", "/team", "team/", "a..b", "a___b",
                "-ab", "ab-", "a b")) {
            assertInvalid(() -> RepositoryName.parse(invalid), "repositoryName");
        }
    }

    @Test
    void tagsFollowTheOciGrammar() {
        assertThat(ImageTag.parse("v1.4.2-rc_1").value()).isEqualTo("v1.4.2-rc_1");
        assertThat(ImageTag.parse("_x").value()).isEqualTo("_x");
        assertThat(ImageTag.parse("a".repeat(128)).value()).hasSize(128);
        for (String invalid : List.of("", ".v1", "-v1", "v1:2", "v/1", "a".repeat(129))) {
            assertInvalid(() -> ImageTag.parse(invalid), "imageTag");
        }
    }

    @Test
    void digestsAreSha256InLowerCaseHex() {
        String valid = "sha256:" + "0123456789abcdef".repeat(4);
        assertThat(ImageDigest.parse(valid).value()).isEqualTo(valid);
        for (String invalid : List.of("sha256:" + "A".repeat(64), "sha256:" + "a".repeat(63), "sha512:" + "a".repeat(64), "a".repeat(64))) {
            assertInvalid(() -> ImageDigest.parse(invalid), "imageDigest");
        }
    }

    @Test
    void theDigestIsTheSha256OfTheExactBytes() {
        // sha256("abc") from FIPS 180-2, appendix B.1
        assertThat(ImageDigest.of("abc".getBytes(StandardCharsets.US_ASCII)).value())
                .isEqualTo("sha256:ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad");
    }

    @Test
    void exclusionFiltersMatchWholeTagsWithStarsAsAnyRun() {
        ExclusionFilter filter = ExclusionFilter.parse("dev-*");
        assertThat(filter.matches("dev-")).isTrue();
        assertThat(filter.matches("dev-42")).isTrue();
        assertThat(filter.matches("xdev-42")).isFalse();
        assertThat(ExclusionFilter.parse("*-rc*").matches("1.0-rc2")).isTrue();
        assertThat(ExclusionFilter.parse("*-rc*").matches("1.0-beta")).isFalse();
        assertThat(ExclusionFilter.parse("latest").matches("latest")).isTrue();
        assertThat(ExclusionFilter.parse("latest").matches("latest2")).isFalse();
        assertThat(ExclusionFilter.parse("a.b").matches("axb")).isFalse();
        assertThat(ExclusionFilter.parse("*").matches("anything")).isTrue();
    }

    @Test
    void exclusionFiltersRejectCharactersOutsideEcrsSet() {
        for (String invalid : List.of("", "dev/*", "dev?", "x".repeat(129))) {
            assertInvalid(() -> ExclusionFilter.parse(invalid), "imageTagMutabilityExclusionFilters.filter");
        }
    }

    @Test
    void filtersAreRequiredWithAndOnlyAllowedWithTheExclusionModes() {
        assertInvalid(() -> TagMutability.of(TagMutabilityMode.IMMUTABLE_WITH_EXCLUSION, List.of()), "imageTagMutabilityExclusionFilters");
        assertInvalid(() -> TagMutability.of(TagMutabilityMode.MUTABLE_WITH_EXCLUSION, null), "imageTagMutabilityExclusionFilters");
        assertInvalid(() -> TagMutability.of(TagMutabilityMode.IMMUTABLE, List.of("dev-*")), "imageTagMutabilityExclusionFilters");
        assertInvalid(() -> TagMutability.of(TagMutabilityMode.MUTABLE_WITH_EXCLUSION, List.of("a", "b", "c", "d", "e", "f")),
                "imageTagMutabilityExclusionFilters");
        assertThat(TagMutability.of(TagMutabilityMode.MUTABLE_WITH_EXCLUSION, List.of("a", "b", "c", "d", "e")).filterPatterns())
                .hasSize(5);
    }

    @Test
    void aTagIsImmutableAccordingToTheModeAndFilters() {
        assertThat(TagMutability.of(TagMutabilityMode.MUTABLE, List.of()).isImmutable("v1")).isFalse();
        assertThat(TagMutability.of(TagMutabilityMode.IMMUTABLE, List.of()).isImmutable("v1")).isTrue();
        TagMutability immutableExceptDev = TagMutability.of(TagMutabilityMode.IMMUTABLE_WITH_EXCLUSION, List.of("dev-*"));
        assertThat(immutableExceptDev.isImmutable("v1")).isTrue();
        assertThat(immutableExceptDev.isImmutable("dev-1")).isFalse();
        TagMutability mutableExceptProd = TagMutability.of(TagMutabilityMode.MUTABLE_WITH_EXCLUSION, List.of("prod-*"));
        assertThat(mutableExceptProd.isImmutable("v1")).isFalse();
        assertThat(mutableExceptProd.isImmutable("prod-1")).isTrue();
    }

    @Test
    void unknownMutabilityModesAreRejectedWithEcrsEnumWording() {
        assertThatThrownBy(() -> TagMutabilityMode.parse("imageTagMutability", "SOMETIMES"))
                .isInstanceOfSatisfying(RegistryException.class, e -> assertThat(e.subject("constraint"))
                        .isEqualTo("Member must satisfy enum value set: [MUTABLE, IMMUTABLE, IMMUTABLE_WITH_EXCLUSION, MUTABLE_WITH_EXCLUSION]"));
    }

    @Test
    void aManifestKeepsItsBytesAndTakesItsOwnMediaType() {
        String text = "{ \"schemaVersion\": 2,\n \"mediaType\": \"" + Manifest.DOCKER_MANIFEST + "\", "
                + "\"config\": " + descriptor(7) + ", \"layers\": [" + descriptor(10) + ", " + descriptor(20) + "] }";
        Manifest manifest = Manifest.parse(text.getBytes(StandardCharsets.UTF_8), null);
        assertThat(manifest.bytes()).isEqualTo(text.getBytes(StandardCharsets.UTF_8));
        assertThat(manifest.mediaType()).isEqualTo(Manifest.DOCKER_MANIFEST);
        assertThat(manifest.sizeBytes()).isEqualTo(37);
        assertThat(manifest.digest()).isEqualTo(ImageDigest.of(text.getBytes(StandardCharsets.UTF_8)));
    }

    private static String descriptor(long size) {
        return "{\"mediaType\": \"application/octet-stream\", \"size\": " + size + ", \"digest\": \"sha256:" + "c".repeat(64) + "\"}";
    }

    @Test
    void aManifestWithoutAMediaTypeTakesTheDeclaredOne() {
        Manifest manifest = Manifest.parse("{\"schemaVersion\":2,\"manifests\":[]}", Manifest.OCI_INDEX);
        assertThat(manifest.mediaType()).isEqualTo(Manifest.OCI_INDEX);
        assertThat(manifest.sizeBytes()).isZero();
    }

    @Test
    void badManifestsAreRejected() {
        assertInvalid(() -> Manifest.parse("{\"schemaVersion\":2}", null), "imageManifestMediaType");
        assertInvalid(() -> Manifest.parse("{\"schemaVersion\":2}", "text/plain"), "imageManifestMediaType");
        assertInvalid(() -> Manifest.parse("{\"mediaType\":\"" + Manifest.OCI_MANIFEST + "\"}", Manifest.DOCKER_MANIFEST),
                "imageManifestMediaType");
        assertInvalid(() -> Manifest.parse("not json", Manifest.OCI_MANIFEST), "imageManifest");
        assertInvalid(() -> Manifest.parse("[1,2]", Manifest.OCI_MANIFEST), "imageManifest");
        assertInvalid(() -> Manifest.parse("{} {}", Manifest.OCI_MANIFEST), "imageManifest");
        assertInvalid(() -> Manifest.parse(new byte[0], Manifest.OCI_MANIFEST), "imageManifest");
        assertInvalid(() -> Manifest.parse(new byte[]{'{', '"', 'a', '"', ':', '"', (byte) 0xff, '"', '}'}, Manifest.OCI_MANIFEST),
                "imageManifest");
        byte[] oversized = ("{\"a\":\"" + "x".repeat(Manifest.MAX_BYTES) + "\"}").getBytes(StandardCharsets.UTF_8);
        assertInvalid(() -> Manifest.parse(oversized, Manifest.OCI_MANIFEST), "imageManifest");
    }

    @Test
    void aTemplatePrefixIsRootOrANamespaceThatMatchesTheNamesUnderIt() {
        TemplatePrefix prod = TemplatePrefix.parse("prod/");
        TemplatePrefix root = TemplatePrefix.parse("ROOT");

        assertThat(prod.value()).isEqualTo("prod");
        assertThat(prod.matches("prod/app")).isTrue();
        assertThat(prod.matches("prod/team/app")).isTrue();
        assertThat(prod.matches("prod")).isFalse();
        assertThat(prod.matches("production/app")).isFalse();
        assertThat(root.matches("anything")).isTrue();
        assertThat(TemplatePrefix.parse("prod/team").specificity()).isGreaterThan(prod.specificity());
        assertThat(prod.specificity()).isGreaterThan(root.specificity());
        assertThat(prod.aggregateIdentifier()).isEqualTo("template:prod").doesNotMatch("[a-z0-9._/-]+");
        for (String invalid : List.of("", "Prod", "prod//app", "/prod", "prod//", "x".repeat(257))) {
            assertInvalid(() -> TemplatePrefix.parse(invalid), "prefix");
        }
    }

    @Test
    void aBlobDigestIsWellFormedByTheGrammarAndStoredOnlyForSha256AndSha512() {
        assertThat(BlobDigest.parse("sha256:" + "a".repeat(64)).isSupported()).isTrue();
        assertThat(BlobDigest.parse("sha512:" + "b".repeat(128)).algorithm()).isEqualTo("sha512");
        assertThat(BlobDigest.parse("sha384+b64u:LCa0a2j_xo_5m0U8HTBBNBNCLXBkg7-g").isSupported()).isFalse();
        for (String invalid : List.of("sha256:abc", "sha512:" + "B".repeat(128), "nocolon", "sha256:", ":abc", "SHA256:" + "a".repeat(64))) {
            assertInvalid(() -> BlobDigest.parse(invalid), "digest");
        }
    }
}
