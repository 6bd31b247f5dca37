package io.tagledger.api;

import com.fasterxml.jackson.databind.JsonNode;
import org.axonframework.eventhandling.GenericEventMessage;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Lifecycle policies over simulated time, through the REST API: the events' clock is set, never slept
 * on. The simulated days lie in the past (so that the service's point-in-time reads take them), in this
 * test's own repository.
 */
class LifecyclePolicyTest extends ApiTest {

    /** Four rules, one of each kind: a pattern with a count, a prefix with an age, untagged with a count, any with an age. */
    static final String POLICY = """
            {"rules":[
              {"rulePriority":1,"description":"the two newest dev builds","selection":{"tagStatus":"tagged","tagPatternList":["dev-*"],
               "countType":"imageCountMoreThan","countNumber":2},"action":{"type":"expire"}},
              {"rulePriority":2,"description":"releases for 30 days","selection":{"tagStatus":"tagged","tagPrefixList":["rel"],
               "countType":"sinceImagePushed","countUnit":"days","countNumber":30},"action":{"type":"expire"}},
              {"rulePriority":3,"description":"one untagged image","selection":{"tagStatus":"untagged",
               "countType":"imageCountMoreThan","countNumber":1},"action":{"type":"expire"}},
              {"rulePriority":4,"description":"anything for 60 days","selection":{"tagStatus":"any",
               "countType":"sinceImagePushed","countUnit":"days","countNumber":60},"action":{"type":"expire"}}
            ]}""";

    private final Instant day0 = Instant.now().minus(Duration.ofDays(100)).truncatedTo(ChronoUnit.SECONDS);

    @AfterEach
    void realTime() {
        GenericEventMessage.clock = Clock.systemUTC();
    }

    private void at(int day, int hour) {
        GenericEventMessage.clock = Clock.fixed(day0.plus(Duration.ofDays(day)).plus(Duration.ofHours(hour)), ZoneOffset.UTC);
    }

    private String pushAt(int day, int hour, String repository, String reference, String seed) {
        at(day, hour);
        String manifest = manifest(repository + seed);
        String digest = digestOf(manifest);
        assertThat(push(repository, reference == null ? digest : reference, manifest).status()).isEqualTo(201);
        return digest;
    }

    /** Each expiry, as digest and rule. */
    private static List<String> expiries(JsonNode list) {
        List<String> found = new ArrayList<>();
        list.forEach(expiry -> found.add(expiry.get("imageDigest").asText() + " by " + expiry.get("rulePriority").asInt()));
        return found;
    }

    @Test
    void aPolicyExpiresByEachRuleKindInPriorityOrderAsItsPreviewSaidAndTheTrailSaysWhy() {
        String name = newRepositoryName();
        at(0, 0);
        createRepository(name, "MUTABLE");
        Map<String, String> images = new TreeMap<>();
        images.put("A", pushAt(0, 1, name, "dev-1", "A"));
        images.put("R", pushAt(0, 2, name, "rel-1", "R"));
        images.put("U1", pushAt(0, 3, name, null, "U1"));
        images.put("B", pushAt(1, 0, name, "dev-2", "B"));
        images.put("C", pushAt(2, 0, name, "dev-3", "C"));
        images.put("D", pushAt(3, 0, name, "dev-3", "D"));   // dev-3 moves: C is left untagged
        images.put("U2", pushAt(4, 0, name, null, "U2"));
        images.put("K", pushAt(5, 0, name, "keep", "K"));
        images.put("E", pushAt(10, 0, name, "dev-4", "E"));
        String base = "/repositories/" + name + "/-/lifecycle-policy";

        assertThat(putJson(base, POLICY).status()).isEqualTo(200);
        assertThat(get(base).json().get("lifecyclePolicyText").asText()).isEqualTo(POLICY);

        // Day 10: dev keeps D and E; rel-1 is young; of the untagged, U2 is kept; nothing is 60 days old.
        List<String> expectedDay10 = List.of(images.get("A") + " by 1", images.get("U1") + " by 3", images.get("B") + " by 1",
                images.get("C") + " by 3");
        Response preview = postJson(base + "/preview", "{}");
        assertThat(preview.status()).as(preview.text()).isEqualTo(200);
        assertThat(expiries(preview.json().get("expiries"))).containsExactlyElementsOf(expectedDay10);
        Instant previewedAt = Instant.parse(preview.json().get("at").asText());

        at(10, 1);
        Response applied = postJson(base + "/apply", "");
        assertThat(applied.status()).as(applied.text()).isEqualTo(200);
        assertThat(expiries(applied.json().get("expired"))).containsExactlyElementsOf(expectedDay10);
        assertThat(postJson(base + "/apply", "").json().get("expired")).isEmpty();

        // Day 70: rel-1 is 70 days old (rule 2); K is 65 (rule 4); D, U2 and E are older than 60 days too, but
        // rules 1 and 3 select them first, and keep them.
        at(70, 0);
        assertThat(expiries(postJson(base + "/apply", "").json().get("expired")))
                .containsExactly(images.get("R") + " by 2", images.get("K") + " by 4");
        realTime();

        // What the policy would have expired at day 10, from the history: what the preview said then.
        Response past = postJson(base + "/preview", "{\"at\":\"" + previewedAt + "\"}");
        assertThat(past.status()).as(past.text()).isEqualTo(200);
        assertThat(expiries(past.json().get("expiries"))).containsExactlyElementsOf(expectedDay10);

        assertThat(get("/repositories/" + name + "/-/images").json().get("items")).extracting(image -> image.get("digest").asText())
                .containsExactlyInAnyOrder(images.get("D"), images.get("U2"), images.get("E"));
        JsonNode trail = get("/audit?repository=" + name + "&type=ImageExpired&limit=100").json().get("items");
        assertThat(trail).hasSize(6);
        JsonNode first = trail.get(trail.size() - 1);
        assertThat(first.get("payload").get("imageDigest").asText()).isEqualTo(images.get("A"));
        assertThat(first.get("payload").get("rulePriority").asInt()).isEqualTo(1);
        assertThat(first.get("payload").get("ruleDescription").asText()).isEqualTo("the two newest dev builds");
        assertThat(first.get("payload").get("reason").asText()).isEqualTo("imageCountMoreThan 2: the 4th newest of 4 images tagged dev-*");
        assertThat(first.get("payload").get("tags")).extracting(JsonNode::asText).containsExactly("dev-1");
        assertThat(first.get("payload").get("lifecyclePolicyDigest").asText()).startsWith("sha256:");
        ledgerCheck().assertAuditTrailMatchesEventStore(name);
        ledgerCheck().assertViewsMatchEventStream(name);
    }

    @Test
    void aPolicyIsReadDeletedAndRefusedAsEcrDoes() {
        String name = newRepositoryName();
        createRepository(name, "MUTABLE");
        String base = "/repositories/" + name + "/-/lifecycle-policy";
        Response missing = get(base);
        assertThat(missing.status()).isEqualTo(404);
        assertThat(missing.json().get("code").asText()).isEqualTo("LifecyclePolicyNotFoundException");

        long stored = storedEvents();
        Response misspelled = putJson(base, POLICY.replace("tagPatternList", "tagPaternList"));
        assertThat(misspelled.status()).isEqualTo(400);
        assertThat(misspelled.json().get("code").asText()).isEqualTo("InvalidParameterException");
        assertThat(misspelled.json().get("detail").asText()).contains("unknown member 'tagPaternList'");
        assertThat(putJson(base, "{\"rules\":[]}").status()).isEqualTo(400);
        assertThat(storedEvents()).isEqualTo(stored);

        assertThat(putJson(base, POLICY).status()).isEqualTo(200);
        Response deleted = delete(base);
        assertThat(deleted.status()).isEqualTo(200);
        assertThat(deleted.json().get("lifecyclePolicyText").asText()).isEqualTo(POLICY);
        assertThat(delete(base).json().get("code").asText()).isEqualTo("LifecyclePolicyNotFoundException");
        assertThat(postJson(base + "/apply", "").json().get("code").asText()).isEqualTo("LifecyclePolicyNotFoundException");
        assertThat(get("/repositories/nobody-here/-/lifecycle-policy").json().get("code").asText())
                .isEqualTo("RepositoryNotFoundException");
    }
}
