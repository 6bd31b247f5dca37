package io.tagledger.api;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.Test;

import java.net.URI;
import java.net.http.HttpRequest;
import java.nio.charset.StandardCharsets;
import java.time.Duration;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * With no identity configured, every caller is let in as {@code anonymous}: a name it gives itself is
 * recorded as a claim, never as the principal. A web page on another origin still cannot change state.
 */
class OpenModeTest extends ApiTest {

    private Response post(String path, String contentType, String body, String... headers) {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create("http://localhost:" + port + path))
                .POST(HttpRequest.BodyPublishers.ofString(body, StandardCharsets.UTF_8))
                .header("Content-Type", contentType);
        if (headers.length > 0) {
            request.headers(headers);
        }
        return exchange(request.build());
    }

    @Test
    void aNameTheCallerGivesItselfIsRecordedAsAClaimNotAsThePrincipal() {
        String name = newRepositoryName();
        assertThat(post("/repositories", "application/json", "{\"name\":\"" + name + "\"}", "X-Actor", "ci-bot").status())
                .isEqualTo(201);

        JsonNode event = get("/repositories/" + name + "/-/events").json().get("items").get(0);
        assertThat(event.at("/metadata/principal").asText()).isEqualTo("anonymous");
        assertThat(event.at("/metadata/claimedBy").asText()).isEqualTo("ci-bot");
        JsonNode entry = await().atMost(Duration.ofSeconds(10)).until(
                () -> get("/audit?repository=" + name).json().get("items"), items -> items.size() == 1).get(0);
        assertThat(entry.get("principal").asText()).isEqualTo("anonymous");
        assertThat(entry.get("claimedBy").asText()).isEqualTo("ci-bot");
        assertThat(get("/audit?repository=" + name + "&principal=ci-bot").json().get("items")).isEmpty();
    }

    @Test
    void aCrossOriginPostCannotStartAReplay() {
        Response fromAnotherSite = post("/admin/projections/history/replay", "text/plain", "x", "Origin", "http://evil.example");
        Response fetchedCrossSite = post("/admin/projections/history/replay", "text/plain", "x", "Sec-Fetch-Site", "cross-site");

        for (Response refused : new Response[] {fromAnotherSite, fetchedCrossSite}) {
            assertThat(refused.status()).isEqualTo(403);
            assertThat(refused.header("Content-Type")).startsWith("application/problem+json");
            assertThat(refused.json().get("code").asText()).isEqualTo("AccessDeniedException");
            assertThat(refused.header("Access-Control-Allow-Origin")).isNull();
        }
        JsonNode tagHistory = null;
        for (JsonNode projection : get("/admin/projections").json()) {
            if (projection.get("name").asText().equals("history")) {
                tagHistory = projection;
            }
        }
        assertThat(tagHistory).isNotNull();
        assertThat(tagHistory.get("state").asText()).isEqualTo("live");
    }

    @Test
    void aSameOriginPageAndToolsThatSendNoOriginMayWrite() {
        String name = newRepositoryName();
        Response sameOrigin = post("/repositories", "application/json", "{\"name\":\"" + name + "\"}",
                "Origin", "http://localhost:" + port, "Sec-Fetch-Site", "same-origin");

        assertThat(sameOrigin.status()).isEqualTo(201);
        assertThat(postJson("/repositories", "{\"name\":\"" + newRepositoryName() + "\"}").status()).isEqualTo(201);
    }

    @Test
    void noCorsIsOfferedToAnotherOrigin() {
        Response preflight = exchange(HttpRequest.newBuilder(URI.create("http://localhost:" + port + "/repositories"))
                .method("OPTIONS", HttpRequest.BodyPublishers.noBody())
                .header("Origin", "http://evil.example")
                .header("Access-Control-Request-Method", "DELETE").build());

        assertThat(preflight.header("Access-Control-Allow-Origin")).isNull();
        assertThat(preflight.header("Access-Control-Allow-Methods")).isNull();
    }
}
