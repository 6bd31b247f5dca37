package io.tagledger.api.nodes;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.tagledger.domain.Refusal;
import io.tagledger.domain.RegistryException;
import com.fasterxml.jackson.core.type.TypeReference;
import org.axonframework.serialization.SerializedObject;
import org.axonframework.serialization.Serializer;
import org.axonframework.serialization.SimpleSerializedObject;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import java.io.IOException;
import java.net.ConnectException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpConnectTimeoutException;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * A command sent to its repository's owner, and the owner's answer: {@code POST /internal/commands}
 * between nodes. The command travels as Axon serializes it, with the caller that the sending node
 * recorded; the answer is the command's result as JSON, or its refusal by rule and subjects, which
 * the sender raises again as if decided there. The request is signed with the nodes' shared secret
 * (HMAC-SHA256 over the time and the body), since the owner takes the caller it names on trust.
 */
public final class CommandForwarding {

    public static final String PATH = "/internal/commands";
    public static final String SIGNATURE = "X-Tagledger-Node-Signature";
    public static final String SIGNED_AT = "X-Tagledger-Node-Time";
    /** The owner's answer when it does not own the repository: HTTP's Misdirected Request. */
    public static final int NOT_THE_OWNER = 421;
    public static final int REFUSED = 422;
    private static final Duration MAX_AGE = Duration.ofMinutes(2);

    private final Serializer serializer;
    private final ObjectMapper json;
    private final byte[] secret;
    private final HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(2)).build();

    /** A command as its owner receives it. */
    public record Forwarded(String repository, Object command, Map<String, String> metadata) {
    }

    public CommandForwarding(Serializer serializer, ObjectMapper json, String secret) {
        this.serializer = serializer;
        this.json = json;
        this.secret = secret.getBytes(StandardCharsets.UTF_8);
    }

    /**
     * Sends the command to the owner and gives its result, read as the type given, or throws its refusal.
     *
     * @throws NotTheOwner if the node is not the owner, or could not be reached: nothing was decided
     */
    public Object send(String owner, String repository, Object command, Map<String, String> metadata, TypeReference<?> resultType) {
        SerializedObject<byte[]> serialized = serializer.serialize(command, byte[].class);
        ObjectNode body = json.createObjectNode()
                .put("repository", repository)
                .put("type", serialized.getType().getName())
                .put("revision", serialized.getType().getRevision())
                .put("payload", Base64.getEncoder().encodeToString(serialized.getData()));
        body.set("metadata", json.valueToTree(metadata));
        byte[] bytes = write(body);
        String signedAt = Instant.now().toString();
        HttpRequest request = HttpRequest.newBuilder(URI.create(owner + PATH))
                .timeout(Duration.ofSeconds(60))
                .header("Content-Type", "application/json")
                .header(SIGNED_AT, signedAt)
                .header(SIGNATURE, sign(signedAt, bytes))
                .POST(HttpRequest.BodyPublishers.ofByteArray(bytes)).build();
        HttpResponse<byte[]> response;
        try {
            response = http.send(request, HttpResponse.BodyHandlers.ofByteArray());
        } catch (ConnectException | HttpConnectTimeoutException unreachable) {
            throw new NotTheOwner("Node " + owner + " could not be reached: " + unreachable);
        } catch (IOException e) {
            // Sent, perhaps decided: not sent again, lest it be decided twice. The caller may ask again.
            throw RegistryException.of(Refusal.OWNER_UNAVAILABLE, "repository", repository, "retryAfterSeconds", "1");
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("Interrupted while node " + owner + " decided", e);
        }
        return switch (response.statusCode()) {
            case 200 -> json.convertValue(read(response.body()).get("result"), json.getTypeFactory().constructType(resultType));
            case REFUSED -> throw refusal(read(response.body()));
            case NOT_THE_OWNER -> throw new NotTheOwner("Node " + owner + " does not own " + repository);
            default -> throw new IllegalStateException("Node " + owner + " answered " + response.statusCode() + " to a command for "
                    + repository + ": " + new String(response.body(), StandardCharsets.UTF_8));
        };
    }

    /**
     * Reads a forwarded command.
     *
     * @throws SecurityException if its signature is not the nodes' or it is too old
     */
    public Forwarded receive(byte[] body, String signedAt, String signature) {
        if (signedAt == null || signature == null
                || !MessageDigest.isEqual(sign(signedAt, body).getBytes(StandardCharsets.US_ASCII), signature.getBytes(StandardCharsets.US_ASCII))) {
            throw new SecurityException("The forwarded command is not signed with the nodes' secret");
        }
        Instant at = Instant.parse(signedAt);
        if (Duration.between(at, Instant.now()).abs().compareTo(MAX_AGE) > 0) {
            throw new SecurityException("The forwarded command was signed at " + signedAt + ", too long ago");
        }
        JsonNode command = read(body);
        String revision = command.path("revision").isNull() ? null : command.path("revision").asText(null);
        Object payload = serializer.deserialize(new SimpleSerializedObject<>(Base64.getDecoder().decode(command.get("payload").asText()),
                byte[].class, command.get("type").asText(), revision));
        Map<String, String> metadata = new LinkedHashMap<>();
        command.path("metadata").fields().forEachRemaining(entry -> metadata.put(entry.getKey(), entry.getValue().asText()));
        return new Forwarded(command.get("repository").asText(), payload, metadata);
    }

    /** The owner's answer with the command's result. */
    public byte[] result(Object result) {
        ObjectNode answer = json.createObjectNode();
        answer.set("result", json.valueToTree(result));
        return write(answer);
    }

    /** The owner's answer with the command's refusal. */
    public byte[] refused(RegistryException refusal) {
        ObjectNode answer = json.createObjectNode().put("rule", refusal.rule().name());
        answer.set("subjects", json.valueToTree(refusal.subjects()));
        return write(answer);
    }

    private RegistryException refusal(JsonNode answer) {
        Map<String, String> subjects = new LinkedHashMap<>();
        answer.path("subjects").fields().forEachRemaining(entry -> subjects.put(entry.getKey(), entry.getValue().asText()));
        return RegistryException.of(Refusal.valueOf(answer.get("rule").asText()), subjects);
    }

    private String sign(String signedAt, byte[] body) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(secret, "HmacSHA256"));
            mac.update(signedAt.getBytes(StandardCharsets.UTF_8));
            mac.update((byte) '\n');
            return Base64.getEncoder().encodeToString(mac.doFinal(body));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("The JDK has no HmacSHA256", e);
        }
    }

    private byte[] write(JsonNode node) {
        try {
            return json.writeValueAsBytes(node);
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    private JsonNode read(byte[] body) {
        try {
            return json.readTree(body);
        } catch (IOException e) {
            throw new IllegalArgumentException("Not a forwarded command's JSON", e);
        }
    }
}
