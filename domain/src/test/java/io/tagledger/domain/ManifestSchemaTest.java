package io.tagledger.domain;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Only what is a manifest of its media type is accepted, and it is stored exactly as sent. */
class ManifestSchemaTest {

    private static final String A = "sha256:aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa";
    private static final String B = "sha256:bbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbb";
    private static final String CONFIG = "{\"mediaType\":\"application/vnd.oci.image.config.v1+json\",\"size\":7,\"digest\":\"" + A + "\"}";

    private static String oci(String config, String layers) {
        return "{\"schemaVersion\":2,\"mediaType\":\"" + Manifest.OCI_MANIFEST + "\",\"config\":" + config + ",\"layers\":" + layers + "}";
    }

    private static String layer(String size) {
        return "{\"mediaType\":\"application/vnd.oci.image.layer.v1.tar+gzip\",\"size\":" + size + ",\"digest\":\"" + B + "\"}";
    }

    @ParameterizedTest
    @ValueSource(strings = {
            "{\"a\":1}",
            "{\"mediaType\":\"application/vnd.oci.image.manifest.v1+json\"}",
            "{\"schemaVersion\":1,\"mediaType\":\"application/vnd.oci.image.manifest.v1+json\",\"config\":" + CONFIG + ",\"layers\":[]}",
            "{\"schemaVersion\":\"2\",\"mediaType\":\"application/vnd.oci.image.manifest.v1+json\",\"config\":" + CONFIG + ",\"layers\":[]}",
            "{\"schemaVersion\":2.0,\"mediaType\":\"application/vnd.oci.image.manifest.v1+json\",\"config\":" + CONFIG + ",\"layers\":[]}",
            "{\"mediaType\":\"application/vnd.oci.image.manifest.v1+json\",\"config\":" + CONFIG + ",\"layers\":[]}",
            "{\"schemaVersion\":2,\"mediaType\":\"application/vnd.oci.image.manifest.v1+json\",\"layers\":[]}",
            "{\"schemaVersion\":2,\"mediaType\":\"application/vnd.oci.image.manifest.v1+json\",\"config\":" + CONFIG + "}",
            "{\"schemaVersion\":2,\"mediaType\":\"application/vnd.oci.image.manifest.v1+json\",\"config\":" + CONFIG + ",\"layers\":\"none\"}",
            "{\"schemaVersion\":2,\"mediaType\":\"application/vnd.oci.image.manifest.v1+json\",\"config\":{\"mediaType\":\"x/y\",\"size\":1,\"digest\":\"sha256:XYZ\"},\"layers\":[]}",
            "{\"schemaVersion\":2,\"mediaType\":\"application/vnd.oci.image.manifest.v1+json\",\"config\":{\"mediaType\":\"x/y\",\"size\":1,\"digest\":\"md5:" + "a" + "\"},\"layers\":[]}",
            "{\"schemaVersion\":2,\"mediaType\":\"application/vnd.oci.image.manifest.v1+json\",\"config\":{\"size\":1,\"digest\":\"" + A + "\"},\"layers\":[]}",
            "{\"schemaVersion\":2,\"mediaType\":\"application/vnd.oci.image.manifest.v1+json\",\"config\":" + CONFIG + ",\"layers\":[" + "{\"mediaType\":\"x/y\",\"size\":-1,\"digest\":\"" + B + "\"}" + "]}",
            "{\"schemaVersion\":2,\"mediaType\":\"application/vnd.oci.image.manifest.v1+json\",\"config\":" + CONFIG + ",\"layers\":[" + "{\"mediaType\":\"x/y\",\"size\":1.5,\"digest\":\"" + B + "\"}" + "]}",
            "{\"schemaVersion\":2,\"mediaType\":\"application/vnd.oci.image.manifest.v1+json\",\"config\":" + CONFIG + ",\"layers\":[" + "{\"mediaType\":\"x/y\",\"size\":1e400,\"digest\":\"" + B + "\"}" + "]}",
            "{\"schemaVersion\":2,\"mediaType\":\"application/vnd.oci.image.manifest.v1+json\",\"config\":" + CONFIG + ",\"layers\":[" + "{\"mediaType\":\"x/y\",\"size\":9223372036854775808,\"digest\":\"" + B + "\"}" + "]}",
            "{\"schemaVersion\":2,\"mediaType\":\"application/vnd.oci.image.manifest.v1+json\",\"config\":" + CONFIG + ",\"layers\":[],\"annotations\":{\"a\":1}}",
            "{\"schemaVersion\":2,\"mediaType\":\"application/vnd.oci.image.manifest.v1+json\",\"config\":" + CONFIG + ",\"layers\":[],\"subject\":{\"digest\":\"" + B + "\"}}",
            "{\"schemaVersion\":2,\"mediaType\":\"application/vnd.oci.image.index.v1+json\"}",
            "{\"schemaVersion\":2,\"mediaType\":\"application/vnd.oci.image.index.v1+json\",\"manifests\":[{\"mediaType\":\"x/y\",\"size\":1}]}",
            "{\"schemaVersion\":2,\"mediaType\":\"application/vnd.docker.distribution.manifest.list.v2+json\",\"manifests\":[{\"mediaType\":\"x/y\",\"size\":1,\"digest\":\"" + A + "\"}]}",
            "{\"schemaVersion\":2,\"config\":{\"mediaType\":\"x/y\",\"size\":1,\"digest\":\"" + A + "\"},\"layers\":[]}"
    })
    void whatIsNotAManifestOfItsMediaTypeIsRefused(String text) {
        String declared = text.contains("\"mediaType\":\"application/vnd.") ? null : Manifest.DOCKER_MANIFEST;
        assertThatThrownBy(() -> Manifest.parse(text, declared))
                .isInstanceOfSatisfying(RegistryException.class, e -> {
                    assertThat(e.code()).isEqualTo(ErrorCode.INVALID_PARAMETER);
                    assertThat(e.field()).isIn("imageManifest");
                });
    }

    @Test
    void sizesThatOverflowTogetherAreRefused() {
        String max = Long.toString(Long.MAX_VALUE);
        assertThatThrownBy(() -> Manifest.parse(oci(CONFIG, "[" + layer(max) + "," + layer(max) + "]"), null))
                .isInstanceOfSatisfying(RegistryException.class, e -> assertThat(e.getMessage()).contains("add up"));
    }

    @Test
    void eachMediaTypeAcceptsWhatItsSpecificationDescribes() {
        assertThat(Manifest.parse(oci(CONFIG, "[" + layer("0") + "," + layer("9") + "]"), null).sizeBytes()).isEqualTo(16);
        String index = "{\"schemaVersion\":2,\"mediaType\":\"" + Manifest.OCI_INDEX + "\",\"manifests\":[{\"mediaType\":\""
                + Manifest.OCI_MANIFEST + "\",\"size\":10,\"digest\":\"" + A + "\",\"platform\":{\"architecture\":\"amd64\",\"os\":\"linux\"}}]}";
        assertThat(Manifest.parse(index, null).sizeBytes()).isZero();
        String list = index.replace(Manifest.OCI_INDEX, Manifest.DOCKER_MANIFEST_LIST).replace(Manifest.OCI_MANIFEST, Manifest.DOCKER_MANIFEST);
        assertThat(Manifest.parse(list, null).mediaType()).isEqualTo(Manifest.DOCKER_MANIFEST_LIST);
        String artifact = "{\"schemaVersion\":2,\"mediaType\":\"" + Manifest.OCI_MANIFEST + "\",\"artifactType\":\"application/example\","
                + "\"config\":" + CONFIG + ",\"layers\":[],\"subject\":{\"mediaType\":\"" + Manifest.OCI_MANIFEST + "\",\"size\":3,\"digest\":\"" + B + "\"}}";
        assertThat(Manifest.parse(artifact, null).sizeBytes()).isEqualTo(7);
    }

    @Test
    void aLoneSurrogateInManifestTextIsRefusedRatherThanStoredAsAQuestionMark() {
        String text = oci(CONFIG, "[]").replaceFirst("}$", ",\"annotations\":{\"x\":\"\uD800\"}}");
        assertThatThrownBy(() -> Manifest.parse(text, null))
                .isInstanceOfSatisfying(RegistryException.class, e -> assertThat(e.field()).isEqualTo("imageManifest"));
    }

    @Test
    void aManifestIsKeptByteForByteAsSent() {
        String text = oci(CONFIG, "[ " + layer("1") + " ]").replace(",", " ,\n ") + "\n";
        Manifest manifest = Manifest.parse(text.getBytes(StandardCharsets.UTF_8), null);
        assertThat(manifest.bytes()).isEqualTo(text.getBytes(StandardCharsets.UTF_8));
        assertThat(manifest.digest()).isEqualTo(ImageDigest.of(text.getBytes(StandardCharsets.UTF_8)));
    }
}
