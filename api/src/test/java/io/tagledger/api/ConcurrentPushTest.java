package io.tagledger.api;

import io.tagledger.domain.ImageDigest;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** Two pushes of one tag at the same moment can never both win: real requests, racing. */
class ConcurrentPushTest extends ApiTest {

    private static final int PUSHERS = 20;

    @Test
    void ofTwentySimultaneousPushesOfOneImmutableTagExactlyOneWins() throws Exception {
        String name = newRepositoryName();
        createRepository(name, "IMMUTABLE");
        long eventsBefore = storedEvents();

        List<Response> responses = Race.of(PUSHERS, i -> push(name, "release", manifest("racer-" + i)));

        List<Response> winners = responses.stream().filter(response -> response.status() == 201).toList();
        List<Response> losers = responses.stream().filter(response -> response.status() == 409).toList();
        assertThat(winners).hasSize(1);
        assertThat(losers).hasSize(PUSHERS - 1)
                .allSatisfy(loser -> assertThat(loser.json().get("code").asText()).isEqualTo("ImageTagAlreadyExistsException"));
        String winningDigest = winners.get(0).json().get("digest").asText();
        assertThat(get("/repositories/" + name + "/-/tags/release").json().get("digest").asText()).isEqualTo(winningDigest);
        assertThat(get("/repositories/" + name + "/-/images").json().get("items")).hasSize(1);
        assertThat(storedEvents()).isEqualTo(eventsBefore + 1);
    }

    @Test
    void simultaneousPushesOfOneMutableTagLeaveItOnExactlyOneOfThem() throws Exception {
        String name = newRepositoryName();
        createRepository(name, "MUTABLE");

        List<Response> responses = Race.of(PUSHERS, i -> push(name, "latest", manifest("mutable-racer-" + i)));

        assertThat(responses).allSatisfy(response -> assertThat(response.status()).isEqualTo(201));
        String digest = get("/repositories/" + name + "/-/tags/latest").json().get("digest").asText();
        List<String> pushed = new ArrayList<>();
        for (int i = 0; i < PUSHERS; i++) {
            pushed.add(ImageDigest.of(manifest("mutable-racer-" + i).getBytes(StandardCharsets.UTF_8)).value());
        }
        assertThat(pushed).contains(digest);
        assertThat(get("/repositories/" + name + "/-/images?tagStatus=TAGGED").json().get("items")).hasSize(1);
        assertThat(get("/repositories/" + name + "/-/images?tagStatus=UNTAGGED").json().get("items")).hasSize(PUSHERS - 1);
    }
}
