package io.tagledger.api;

import com.fasterxml.jackson.databind.JsonNode;
import io.tagledger.api.OciImages.Blob;
import io.tagledger.api.OciImages.Image;
import org.junit.jupiter.api.Test;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import java.net.URI;
import java.net.http.HttpRequest;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The OCI Distribution API over real HTTP, request by request as the specification writes them: blob
 * uploads in every form, manifests, listings, referrers, and each refusal in the specification's
 * error format with its code, with nothing stored.
 */
class OciApiTest extends ApiTest {

    @DynamicPropertySource
    static void ownDatabase(DynamicPropertyRegistry registry) {
        useOwnDatabase(registry);
    }

    private Response oci(String method, String path, String contentType, byte[] body, String... headers) {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(path.startsWith("http") ? path : "http://localhost:" + port + path))
                .method(method, body == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofByteArray(body));
        if (contentType != null) {
            request.header("Content-Type", contentType);
        }
        if (headers.length > 0) {
            request.headers(headers);
        }
        return exchange(request.build());
    }

    private String repository(String mutability) {
        String name = newRepositoryName();
        createRepository(name, mutability);
        return name;
    }

    /** A monolithic upload: POST, then PUT with the whole blob. */
    private void upload(String name, Blob blob) {
        Response started = oci("POST", "/v2/" + name + "/blobs/uploads/", null, null);
        assertThat(started.status()).as(started.toString()).isEqualTo(202);
        Response done = oci("PUT", started.header("Location") + "?digest=" + blob.digest(), "application/octet-stream", blob.bytes());
        assertThat(done.status()).as(done.toString()).isEqualTo(201);
    }

    private void push(String name, String reference, Image image) {
        image.children().forEach(child -> push(name, child.manifest().digest(), child));
        image.blobs().forEach(blob -> upload(name, blob));
        Response put = oci("PUT", "/v2/" + name + "/manifests/" + reference, image.manifest().mediaType(), image.manifest().bytes());
        assertThat(put.status()).as(put.toString()).isEqualTo(201);
        assertThat(put.header("Docker-Content-Digest")).isEqualTo(image.manifest().digest());
    }

    private static void assertError(Response response, int status, String code) {
        assertThat(response.status()).as(response.toString()).isEqualTo(status);
        assertThat(response.header("Content-Type")).startsWith("application/json");
        assertThat(response.json().at("/errors/0/code").asText()).as(response.toString()).isEqualTo(code);
        assertThat(response.json().at("/errors/0/message").asText()).isNotBlank();
    }

    @Test
    void theBaseEndpointSaysThisIsARegistry() {
        Response base = oci("GET", "/v2/", null, null);

        assertThat(base.status()).isEqualTo(200);
        assertThat(base.header("Docker-Distribution-API-Version")).isEqualTo("registry/2.0");
    }

    @Test
    void aBlobUploadedInChunksIsReadBackWholeAndByRange() {
        String name = repository("MUTABLE");
        Blob blob = OciImages.layer("chunks", 300_000);
        byte[] bytes = blob.bytes();
        Response started = oci("POST", "/v2/" + name + "/blobs/uploads/", null, null);
        String location = started.header("Location");
        assertThat(started.header("Docker-Upload-UUID")).isNotBlank();
        int half = bytes.length / 2;

        Response first = oci("PATCH", location, "application/octet-stream", Arrays.copyOfRange(bytes, 0, half),
                "Content-Range", "0-" + (half - 1));
        Response outOfOrder = oci("PATCH", location, "application/octet-stream", Arrays.copyOfRange(bytes, half + 1, bytes.length),
                "Content-Range", (half + 1) + "-" + (bytes.length - 1));
        Response status = oci("GET", location, null, null);
        Response second = oci("PATCH", location, "application/octet-stream", Arrays.copyOfRange(bytes, half, bytes.length),
                "Content-Range", half + "-" + (bytes.length - 1));
        Response done = oci("PUT", location + "?digest=" + blob.digest(), null, null);

        assertThat(first.status()).isEqualTo(202);
        assertThat(first.header("Range")).isEqualTo("0-" + (half - 1));
        assertError(outOfOrder, 416, "BLOB_UPLOAD_INVALID");
        assertThat(status.status()).isEqualTo(204);
        assertThat(status.header("Range")).isEqualTo("0-" + (half - 1));
        assertThat(second.header("Range")).isEqualTo("0-" + (bytes.length - 1));
        assertThat(done.status()).isEqualTo(201);
        assertThat(done.header("Location")).isEqualTo("/v2/" + name + "/blobs/" + blob.digest());
        Response head = oci("HEAD", "/v2/" + name + "/blobs/" + blob.digest(), null, null);
        assertThat(head.header("Content-Length")).isEqualTo(Integer.toString(bytes.length));
        assertThat(oci("GET", "/v2/" + name + "/blobs/" + blob.digest(), null, null).body()).isEqualTo(bytes);
        Response range = oci("GET", "/v2/" + name + "/blobs/" + blob.digest(), null, null, "Range", "bytes=10-19");
        assertThat(range.status()).isEqualTo(206);
        assertThat(range.body()).isEqualTo(Arrays.copyOfRange(bytes, 10, 20));
        assertThat(range.header("Content-Range")).isEqualTo("bytes 10-19/" + bytes.length);
    }

    @Test
    void aClosingPutWhoseContentRangeIsNotWhereTheUploadStandsIsRefusedAndStoresNothing() {
        String name = repository("MUTABLE");
        Blob blob = OciImages.layer("closing", 1000);
        byte[] bytes = blob.bytes();
        Response started = oci("POST", "/v2/" + name + "/blobs/uploads/", null, null);
        String location = started.header("Location");
        oci("PATCH", location, "application/octet-stream", Arrays.copyOf(bytes, 10), "Content-Range", "0-9");

        Response gap = oci("PUT", location + "?digest=" + blob.digest(), "application/octet-stream", Arrays.copyOfRange(bytes, 10, 20),
                "Content-Range", "500-509");
        Response overlap = oci("PUT", location + "?digest=" + blob.digest(), "application/octet-stream",
                Arrays.copyOfRange(bytes, 5, bytes.length), "Content-Range", "5-" + (bytes.length - 1));

        assertError(gap, 416, "BLOB_UPLOAD_INVALID");
        assertError(overlap, 416, "BLOB_UPLOAD_INVALID");
        assertThat(oci("HEAD", "/v2/" + name + "/blobs/" + blob.digest(), null, null).status()).isEqualTo(404);
        assertThat(oci("GET", location, null, null).header("Range")).isEqualTo("0-9");
        Response done = oci("PUT", location + "?digest=" + blob.digest(), "application/octet-stream",
                Arrays.copyOfRange(bytes, 10, bytes.length), "Content-Range", "10-" + (bytes.length - 1));
        assertThat(done.status()).as(done.toString()).isEqualTo(201);
        assertThat(oci("GET", "/v2/" + name + "/blobs/" + blob.digest(), null, null).body()).isEqualTo(bytes);
    }

    @Test
    void aSha512BlobIsStoredAndServedAndAManifestMayNameIt() throws Exception {
        String name = repository("MUTABLE");
        Blob layer = OciImages.layer("sha512", 70_000);
        String digest = "sha512:" + java.util.HexFormat.of().formatHex(java.security.MessageDigest.getInstance("SHA-512").digest(layer.bytes()));
        int half = layer.bytes().length / 2;
        Response started = oci("POST", "/v2/" + name + "/blobs/uploads/", null, null);
        oci("PATCH", started.header("Location"), "application/octet-stream", Arrays.copyOf(layer.bytes(), half),
                "Content-Range", "0-" + (half - 1));

        Response wrong = oci("POST", "/v2/" + name + "/blobs/uploads/?digest=sha512:" + "ab".repeat(64), "application/octet-stream",
                layer.bytes());
        Response done = oci("PUT", started.header("Location") + "?digest=" + digest, "application/octet-stream",
                Arrays.copyOfRange(layer.bytes(), half, layer.bytes().length));

        assertError(wrong, 400, "DIGEST_INVALID");
        assertThat(done.status()).as(done.toString()).isEqualTo(201);
        assertThat(done.header("Docker-Content-Digest")).isEqualTo(digest);
        assertThat(oci("HEAD", "/v2/" + name + "/blobs/" + digest, null, null).header("Content-Length"))
                .isEqualTo(Integer.toString(layer.bytes().length));
        assertThat(oci("GET", "/v2/" + name + "/blobs/" + digest, null, null).body()).isEqualTo(layer.bytes());
        Image image = OciImages.image("names-sha512", "amd64", 10);
        Blob config = image.blobs().get(0);
        upload(name, config);
        byte[] manifest = ("{\"schemaVersion\":2,\"mediaType\":\"" + OciImages.OCI_MANIFEST + "\",\"config\":"
                + config.descriptor() + ",\"layers\":[{\"mediaType\":\"" + OciImages.OCI_LAYER + "\",\"digest\":\"" + digest
                + "\",\"size\":" + layer.bytes().length + "}]}").getBytes(StandardCharsets.UTF_8);
        Response put = oci("PUT", "/v2/" + name + "/manifests/sha512-layer", OciImages.OCI_MANIFEST, manifest);
        assertThat(put.status()).as(put.toString()).isEqualTo(201);
        assertThat(put.header("Docker-Content-Digest")).isEqualTo(OciImages.digestOf(manifest));
    }

    @Test
    void aWellFormedDigestThatIsNotStoredIsNotFoundWhateverItsAlgorithm() {
        String name = repository("MUTABLE");

        for (String digest : List.of("sha512:" + "cd".repeat(64), "sha256:" + "ef".repeat(32), "sha384+b64u:LCa0a2j_xo_5m0U8HTBBNBNCLXBkg7-g")) {
            String blob = "/v2/" + name + "/blobs/" + digest;
            assertError(oci("GET", blob, null, null), 404, "BLOB_UNKNOWN");
            assertThat(oci("HEAD", blob, null, null).status()).isEqualTo(404);
            assertError(oci("DELETE", blob, null, null), 404, "BLOB_UNKNOWN");
        }
        assertError(oci("GET", "/v2/" + name + "/blobs/sha512:abc", null, null), 400, "DIGEST_INVALID");
        assertError(oci("GET", "/v2/no/such-repo/blobs/sha512:" + "cd".repeat(64), null, null), 404, "NAME_UNKNOWN");
        Response unsupported = oci("POST", "/v2/" + name + "/blobs/uploads/?digest=sha384:abc", "application/octet-stream", new byte[3]);
        assertError(unsupported, 400, "DIGEST_INVALID");
    }

    @Test
    void aSinglePostWithTheDigestUploadsTheBlob() {
        String name = repository("MUTABLE");
        Blob blob = OciImages.layer("single", 1000);

        Response created = oci("POST", "/v2/" + name + "/blobs/uploads/?digest=" + blob.digest(), "application/octet-stream", blob.bytes());

        assertThat(created.status()).isEqualTo(201);
        assertThat(created.header("Docker-Content-Digest")).isEqualTo(blob.digest());
        assertThat(oci("GET", "/v2/" + name + "/blobs/" + blob.digest(), null, null).body()).isEqualTo(blob.bytes());
    }

    /** curl's {@code --data-binary} says {@code application/x-www-form-urlencoded}: the body is the blob all the same. */
    @Test
    void aBlobPostedAsAFormIsStillTheBlob() {
        String name = repository("MUTABLE");
        byte[] bytes = "a=1&b=2".getBytes(StandardCharsets.UTF_8);
        String digest = OciImages.digestOf(bytes);

        Response created = oci("POST", "/v2/" + name + "/blobs/uploads/?digest=" + digest, "application/x-www-form-urlencoded", bytes);

        assertThat(created.status()).as(created.toString()).isEqualTo(201);
        assertThat(oci("GET", "/v2/" + name + "/blobs/" + digest, null, null).body()).isEqualTo(bytes);
    }

    @Test
    void aBlobWhoseBytesDoNotHaveItsDigestIsRefusedAndNotStored() {
        String name = repository("MUTABLE");
        Blob blob = OciImages.layer("lying", 1000);
        Blob other = OciImages.layer("other", 1000);
        Response started = oci("POST", "/v2/" + name + "/blobs/uploads/", null, null);

        Response refused = oci("PUT", started.header("Location") + "?digest=" + other.digest(), "application/octet-stream", blob.bytes());
        Response chunked = oci("POST", "/v2/" + name + "/blobs/uploads/", null, null);
        Response lyingLength = oci("PATCH", chunked.header("Location"), "application/octet-stream", Arrays.copyOf(blob.bytes(), 10),
                "Content-Range", "0-999");

        assertError(refused, 400, "DIGEST_INVALID");
        assertError(lyingLength, 400, "SIZE_INVALID");
        assertThat(oci("HEAD", "/v2/" + name + "/blobs/" + other.digest(), null, null).status()).isEqualTo(404);
        assertThat(oci("GET", chunked.header("Location"), null, null).header("Range")).isEqualTo("0-0");
        assertError(oci("GET", "/v2/" + name + "/blobs/" + blob.digest(), null, null), 404, "BLOB_UNKNOWN");
    }

    @Test
    void aContentLengthThatLiesIsRefusedAndNothingIsStored() throws Exception {
        String name = repository("MUTABLE");
        Blob blob = OciImages.layer("truncated", 5000);
        String head = "POST /v2/" + name + "/blobs/uploads/?digest=" + blob.digest() + " HTTP/1.1\r\nHost: localhost\r\n"
                + "Content-Type: application/octet-stream\r\nContent-Length: " + blob.bytes().length + "\r\nConnection: close\r\n\r\n";
        String answer;
        try (java.net.Socket socket = new java.net.Socket("localhost", port)) {
            socket.setSoTimeout(10_000);
            socket.getOutputStream().write(head.getBytes(StandardCharsets.ISO_8859_1));
            socket.getOutputStream().write(Arrays.copyOf(blob.bytes(), 100));
            socket.getOutputStream().flush();
            socket.shutdownOutput();
            answer = new String(socket.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        }

        // Tomcat itself fails the request when the body ends early, so the answer is its 400, in the API's format.
        assertThat(answer).startsWith("HTTP/1.1 400").contains("{\"errors\":[{\"code\":");
        assertThat(oci("GET", "/v2/" + name + "/blobs/" + blob.digest(), null, null).status()).isEqualTo(404);
    }

    @Test
    void aCancelledOrUnknownUploadIsGone() {
        String name = repository("MUTABLE");
        Response started = oci("POST", "/v2/" + name + "/blobs/uploads/", null, null);

        assertThat(oci("DELETE", started.header("Location"), null, null).status()).isEqualTo(204);
        assertError(oci("GET", started.header("Location"), null, null), 404, "BLOB_UPLOAD_UNKNOWN");
        assertError(oci("PATCH", "/v2/" + name + "/blobs/uploads/00000000-0000-0000-0000-000000000000", "application/octet-stream",
                new byte[] {1}), 404, "BLOB_UPLOAD_UNKNOWN");
    }

    @Test
    void aBlobIsVisibleOnlyInRepositoriesItWasPushedOrMountedTo() {
        String from = repository("MUTABLE");
        String to = repository("MUTABLE");
        String elsewhere = repository("MUTABLE");
        Blob blob = OciImages.layer("mounted", 2000);
        upload(from, blob);

        assertThat(oci("HEAD", "/v2/" + to + "/blobs/" + blob.digest(), null, null).status()).isEqualTo(404);
        assertError(oci("GET", "/v2/" + to + "/blobs/" + blob.digest(), null, null), 404, "BLOB_UNKNOWN");
        Response mounted = oci("POST", "/v2/" + to + "/blobs/uploads/?mount=" + blob.digest() + "&from=" + from, null, null);
        Response notThere = oci("POST", "/v2/" + elsewhere + "/blobs/uploads/?mount=" + OciImages.layer("absent", 10).digest()
                + "&from=" + from, null, null);

        assertThat(mounted.status()).isEqualTo(201);
        assertThat(oci("GET", "/v2/" + to + "/blobs/" + blob.digest(), null, null).body()).isEqualTo(blob.bytes());
        assertThat(notThere.status()).isEqualTo(202);
        assertThat(notThere.header("Location")).contains("/blobs/uploads/");
        assertThat(oci("DELETE", "/v2/" + to + "/blobs/" + blob.digest(), null, null).status()).isEqualTo(202);
        assertError(oci("GET", "/v2/" + to + "/blobs/" + blob.digest(), null, null), 404, "BLOB_UNKNOWN");
        assertThat(oci("GET", "/v2/" + from + "/blobs/" + blob.digest(), null, null).body()).isEqualTo(blob.bytes());
    }

    @Test
    void aManifestIsStoredByTagAndDigestAndReadBackByteForByte() {
        String name = repository("MUTABLE");
        Image image = OciImages.image("stored", "amd64", 500, 700);

        push(name, "v1", image);

        for (String reference : List.of("v1", image.manifest().digest())) {
            Response got = oci("GET", "/v2/" + name + "/manifests/" + reference, null, null, "Accept", OciImages.OCI_MANIFEST);
            assertThat(got.body()).isEqualTo(image.manifest().bytes());
            assertThat(got.header("Content-Type")).isEqualTo(OciImages.OCI_MANIFEST);
            assertThat(got.header("Docker-Content-Digest")).isEqualTo(image.manifest().digest());
            Response head = oci("HEAD", "/v2/" + name + "/manifests/" + reference, null, null);
            assertThat(head.status()).isEqualTo(200);
            assertThat(head.header("Content-Length")).isEqualTo(Integer.toString(image.manifest().bytes().length));
        }
        JsonNode event = get("/repositories/" + name + "/-/events").json().get("items").get(1);
        assertThat(event.at("/metadata/api").asText()).isEqualTo("oci");
        assertThat(event.at("/metadata/userAgent").asText()).startsWith("Java-http-client");
    }

    @Test
    void aManifestNamingBlobsOrManifestsNotInTheRepositoryIsRefused() {
        String name = repository("MUTABLE");
        Image image = OciImages.image("incomplete", "amd64", 100);
        image.blobs().subList(0, 1).forEach(blob -> upload(name, blob));
        long events = storedEvents();

        Response missingLayer = oci("PUT", "/v2/" + name + "/manifests/v1", OciImages.OCI_MANIFEST, image.manifest().bytes());
        Image index = OciImages.index(OciImages.image("child", "arm64", 100));
        Response missingChild = oci("PUT", "/v2/" + name + "/manifests/multi", OciImages.OCI_INDEX, index.manifest().bytes());

        assertError(missingLayer, 400, "MANIFEST_BLOB_UNKNOWN");
        assertThat(missingLayer.json().at("/errors/0/message").asText()).contains(image.blobs().get(1).digest());
        assertError(missingChild, 400, "MANIFEST_UNKNOWN");
        assertThat(storedEvents()).isEqualTo(events);
    }

    @Test
    void aMultiArchIndexIsPushedWithItsChildrenAndServed() {
        String name = repository("IMMUTABLE");
        Image index = OciImages.index(OciImages.image("amd", "amd64", 300), OciImages.image("arm", "arm64", 400));

        push(name, "v1", index);

        Response got = oci("GET", "/v2/" + name + "/manifests/v1", null, null);
        assertThat(got.header("Content-Type")).isEqualTo(OciImages.OCI_INDEX);
        assertThat(got.body()).isEqualTo(index.manifest().bytes());
        assertThat(oci("GET", "/v2/" + name + "/tags/list", null, null).json().get("tags")).hasSize(1);
    }

    @Test
    void anOverwriteOfAnImmutableTagIsRefusedAsEcrRefusesItEvenForTheSameContent() {
        String name = repository("IMMUTABLE");
        Image first = OciImages.image("first", "amd64", 100);
        Image second = OciImages.image("second", "amd64", 100);
        push(name, "v1", first);
        second.blobs().forEach(blob -> upload(name, blob));
        long events = storedEvents();

        Response other = oci("PUT", "/v2/" + name + "/manifests/v1", OciImages.OCI_MANIFEST, second.manifest().bytes());
        Response same = oci("PUT", "/v2/" + name + "/manifests/v1", OciImages.OCI_MANIFEST, first.manifest().bytes());

        for (Response refused : List.of(other, same)) {
            assertThat(refused.status()).isEqualTo(400);
            assertThat(refused.text()).isEqualTo("{\"errors\":[{\"code\":\"TAG_INVALID\",\"message\":\"The image tag 'v1' already "
                    + "exists in the '" + name + "' repository and cannot be overwritten because the repository is immutable.\"}]}");
        }
        assertThat(storedEvents()).isEqualTo(events);
        assertThat(oci("GET", "/v2/" + name + "/manifests/v1", null, null).body()).isEqualTo(first.manifest().bytes());
        List<JsonNode> refusals = await().atMost(Duration.ofSeconds(10)).until(() -> {
            List<JsonNode> found = new java.util.ArrayList<>();
            get("/audit?outcome=refused&repository=" + name).json().get("items").forEach(found::add);
            return found;
        }, found -> found.size() == 2);
        assertThat(refusals).allSatisfy(entry -> {
            assertThat(entry.get("errorCode").asText()).isEqualTo("ImageTagAlreadyExistsException");
            assertThat(entry.get("api").asText()).isEqualTo("oci");
        });
    }

    @Test
    void theSameContentAgainOntoAnImmutableTagIsAcceptedWhereTheRepositorySaysSo() {
        String name = newRepositoryName();
        assertThat(postJson("/repositories", "{\"name\":\"" + name + "\",\"imageTagMutability\":\"IMMUTABLE\","
                + "\"imageTagRepush\":\"ACCEPT_SAME_DIGEST\"}").status()).isEqualTo(201);
        Image image = OciImages.image("rerun", "amd64", 100);
        push(name, "v1", image);
        long events = storedEvents();

        Image otherImage = OciImages.image("rerun-other", "amd64", 100);
        otherImage.blobs().forEach(blob -> upload(name, blob));

        Response again = oci("PUT", "/v2/" + name + "/manifests/v1", image.manifest().mediaType(), image.manifest().bytes());
        Response other = oci("PUT", "/v2/" + name + "/manifests/v1", OciImages.OCI_MANIFEST, otherImage.manifest().bytes());

        assertThat(again.status()).as(again.toString()).isEqualTo(201);
        assertThat(again.header("Docker-Content-Digest")).isEqualTo(image.manifest().digest());
        assertThat(storedEvents()).isEqualTo(events);
        assertError(other, 400, "TAG_INVALID");
    }

    @Test
    void aMutableTagMovesAndTheSameContentAgainChangesNothing() {
        String name = repository("MUTABLE");
        Image first = OciImages.image("one", "amd64", 100);
        Image second = OciImages.image("two", "amd64", 100);
        push(name, "latest", first);
        long events = storedEvents();

        push(name, "latest", first);
        assertThat(storedEvents()).isEqualTo(events);
        push(name, "latest", second);

        assertThat(oci("GET", "/v2/" + name + "/manifests/latest", null, null).body()).isEqualTo(second.manifest().bytes());
        assertThat(oci("GET", "/v2/" + name + "/manifests/" + first.manifest().digest(), null, null).status()).isEqualTo(200);
    }

    @Test
    void aSchemaOneRetryOfARefusedPushIsRefusedTheSameWay() {
        String name = repository("IMMUTABLE");
        push(name, "v1", OciImages.image("kept", "amd64", 100));
        byte[] schemaOne = ("{\"schemaVersion\":1,\"name\":\"" + name + "\",\"tag\":\"v1\",\"architecture\":\"amd64\",\"fsLayers\":[],"
                + "\"history\":[]}").getBytes(StandardCharsets.UTF_8);

        Response retried = oci("PUT", "/v2/" + name + "/manifests/v1", "application/vnd.docker.distribution.manifest.v1+prettyjws", schemaOne);

        assertError(retried, 400, "TAG_INVALID");
    }

    @Test
    void twentyConcurrentPutsOfOneImmutableTagHaveExactlyOneWinner() throws Exception {
        String name = repository("IMMUTABLE");
        List<Image> images = new java.util.ArrayList<>();
        for (int i = 0; i < 20; i++) {
            Image image = OciImages.image("racer-" + i, "amd64", 50);
            image.blobs().forEach(blob -> upload(name, blob));
            images.add(image);
        }
        List<Integer> statuses = Race.of(images.size(), racer ->
                oci("PUT", "/v2/" + name + "/manifests/v1", OciImages.OCI_MANIFEST, images.get(racer).manifest().bytes()).status());

        assertThat(statuses).filteredOn(status -> status == 201).hasSize(1);
        assertThat(statuses).filteredOn(status -> status == 400).hasSize(19);
        String winner = oci("GET", "/v2/" + name + "/manifests/v1", null, null).header("Docker-Content-Digest");
        assertThat(images.stream().map(image -> image.manifest().digest())).contains(winner);
    }

    @Test
    void tagsAndTheCatalogArePagedWithALinkToTheNextPage() {
        String name = repository("MUTABLE");
        for (String tag : List.of("a", "b", "c")) {
            push(name, tag, OciImages.image(name + tag, "amd64", 10));
        }

        Response first = oci("GET", "/v2/" + name + "/tags/list?n=2", null, null);
        Response rest = oci("GET", "/v2/" + name + "/tags/list?n=2&last=b", null, null);
        Response catalog = oci("GET", "/v2/_catalog?n=1000", null, null);

        assertThat(first.json().get("tags").toString()).isEqualTo("[\"a\",\"b\"]");
        assertThat(first.header("Link")).isEqualTo("</v2/" + name + "/tags/list?n=2&last=b>; rel=\"next\"");
        assertThat(rest.json().get("tags").toString()).isEqualTo("[\"c\"]");
        assertThat(rest.header("Link")).isNull();
        assertThat(catalog.json().get("repositories").toString()).contains("\"" + name + "\"");
    }

    @Test
    void referrersListTheArtifactsThatReferToAManifest() {
        String name = repository("MUTABLE");
        Image image = OciImages.image("signed", "amd64", 100);
        push(name, "v1", image);
        Image signature = OciImages.artifact("application/vnd.example.signature", "signed by ci", image.manifest());
        Image sbom = OciImages.artifact("application/vnd.example.sbom", "an sbom", image.manifest());
        signature.blobs().forEach(blob -> upload(name, blob));
        sbom.blobs().forEach(blob -> upload(name, blob));

        Response put = oci("PUT", "/v2/" + name + "/manifests/" + signature.manifest().digest(), OciImages.OCI_MANIFEST,
                signature.manifest().bytes());
        push(name, sbom.manifest().digest(), sbom);
        Response all = oci("GET", "/v2/" + name + "/referrers/" + image.manifest().digest(), null, null);
        Response signatures = oci("GET", "/v2/" + name + "/referrers/" + image.manifest().digest()
                + "?artifactType=application/vnd.example.signature", null, null);

        assertThat(put.header("OCI-Subject")).isEqualTo(image.manifest().digest());
        assertThat(all.header("Content-Type")).isEqualTo(OciImages.OCI_INDEX);
        assertThat(all.json().get("manifests")).hasSize(2);
        assertThat(signatures.header("OCI-Filters-Applied")).isEqualTo("artifactType");
        assertThat(signatures.json().get("manifests")).singleElement().satisfies(referrer -> {
            assertThat(referrer.get("digest").asText()).isEqualTo(signature.manifest().digest());
            assertThat(referrer.get("artifactType").asText()).isEqualTo("application/vnd.example.signature");
            assertThat(referrer.get("size").asInt()).isEqualTo(signature.manifest().bytes().length);
            assertThat(referrer.at("/annotations/org.example.note").asText()).isEqualTo("signed by ci");
        });
    }

    @Test
    void deletingByDigestRemovesTheImageAndByTagTheTag() {
        String name = repository("MUTABLE");
        Image image = OciImages.image("deleted", "amd64", 10);
        push(name, "v1", image);
        push(name, "v2", image);

        assertThat(oci("DELETE", "/v2/" + name + "/manifests/v1", null, null).status()).isEqualTo(202);
        assertThat(oci("GET", "/v2/" + name + "/manifests/v2", null, null).status()).isEqualTo(200);
        assertThat(oci("DELETE", "/v2/" + name + "/manifests/" + image.manifest().digest(), null, null).status()).isEqualTo(202);
        assertError(oci("GET", "/v2/" + name + "/manifests/v2", null, null), 404, "MANIFEST_UNKNOWN");
    }

    @Test
    void badNamesAndMissingRepositoriesGetTheSpecificationsErrors() {
        Blob blob = OciImages.layer("x", 10);

        assertError(oci("POST", "/v2/no/such-repo/blobs/uploads/", null, null), 404, "NAME_UNKNOWN");
        assertError(oci("PUT", "/v2/no/such-repo/manifests/v1", OciImages.OCI_MANIFEST,
                OciImages.image("nowhere", "amd64", 10).manifest().bytes()), 404, "NAME_UNKNOWN");
        assertError(oci("GET", "/v2/Upper/Case/tags/list", null, null), 400, "NAME_INVALID");
        assertError(oci("GET", "/v2/a/../b/tags/list", null, null), 400, "NAME_INVALID");
        assertError(oci("GET", "/v2/team/app/blobs/sha256:xyz", null, null), 400, "DIGEST_INVALID");
        String name = repository("MUTABLE");
        assertError(oci("GET", "/v2/" + name + "/manifests/missing", null, null), 404, "MANIFEST_UNKNOWN");
        assertError(oci("GET", "/v2/" + name + "/blobs/" + blob.digest(), null, null), 404, "BLOB_UNKNOWN");
        assertError(oci("PUT", "/v2/" + name + "/manifests/v1", OciImages.OCI_MANIFEST, "{\"a\":1}".getBytes(StandardCharsets.UTF_8)),
                400, "MANIFEST_INVALID");
        assertError(oci("PUT", "/v2/" + name + "/manifests/v1", OciImages.OCI_MANIFEST, new byte[5 * 1024 * 1024]), 413, "SIZE_INVALID");
        assertError(oci("PATCH", "/v2/" + name + "/blobs/uploads/x", null, null), 404, "BLOB_UPLOAD_UNKNOWN");
        assertError(oci("GET", "/v2/" + name + "/nothing/here", null, null), 404, "UNSUPPORTED");
    }
}
