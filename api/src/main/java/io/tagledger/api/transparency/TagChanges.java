package io.tagledger.api.transparency;

import com.fasterxml.jackson.databind.JsonNode;

import java.util.ArrayList;
import java.util.List;

/**
 * What a log entry says about tags, read from the entry alone ({@link LogEntry}'s JSON), so that a reader who
 * trusts nothing but the log (the monitor) and the log's own tag proofs read it alike: pushes and moves,
 * untags, deletions with an image or a repository, releases of immutable tags, signature verdicts and
 * refused attempts.
 */
public final class TagChanges {

    private TagChanges() {
    }

    /**
     * One fact about a tag.
     *
     * @param tag            the tag; {@code null} for every tag of the repository (its deletion)
     * @param what           {@code pushed}, {@code moved}, {@code untagged}, {@code deleted}, {@code repository-deleted},
     *                       {@code released}, {@code signature-checked} or {@code refused}
     * @param digest         the digest the tag points to after it, or the one it concerned
     * @param previousDigest the digest the tag pointed to before a move
     * @param detail         the refusal's code, the verdict, the release's reason; or {@code null}
     */
    public record Change(String repository, String tag, String what, String digest, String previousDigest, String detail) {

        /** Whether the tag now points at {@code digest}: a push or a move. */
        public boolean points() {
            return what.equals("pushed") || what.equals("moved");
        }

        /** Whether the tag no longer points anywhere after it. */
        public boolean removes() {
            return what.equals("untagged") || what.equals("deleted") || what.equals("repository-deleted");
        }

        /** Whether it concerns the tag of the repository. */
        public boolean concerns(String repositoryName, String tagName) {
            return repository.equals(repositoryName) && (tag == null || tag.equals(tagName));
        }
    }

    /** The tag facts of one entry, in the order the event states them; none for an entry about no tag. */
    public static List<Change> of(JsonNode entry) {
        JsonNode payload = entry.path("payload");
        String repository = text(payload, "repositoryName");
        String type = entry.path("type").asText("");
        List<Change> changes = new ArrayList<>();
        if (repository == null) {
            return changes;
        }
        String tag = text(payload, "tag");
        switch (type.substring(type.lastIndexOf('.') + 1)) {
            case "ImagePushed" -> {
                String previous = text(payload, "previousDigest");
                if (tag != null) {
                    String digest = text(payload, "imageDigest");
                    boolean moved = previous != null && !previous.equals(digest);
                    changes.add(new Change(repository, tag, moved ? "moved" : "pushed", digest, moved ? previous : null, null));
                }
            }
            case "ImageUntagged" -> changes.add(new Change(repository, tag, "untagged", text(payload, "imageDigest"), null, null));
            case "ImageDeleted" -> payload.path("tags").forEach(deleted ->
                    changes.add(new Change(repository, deleted.asText(), "deleted", text(payload, "imageDigest"), null, null)));
            case "RepositoryDeleted" -> changes.add(new Change(repository, null, "repository-deleted", null, null, null));
            case "TagReleased" -> changes.add(new Change(repository, tag, "released", text(payload, "digest"), null,
                    text(payload, "reason")));
            case "TagSignatureChecked" -> changes.add(new Change(repository, tag, "signature-checked", text(payload, "imageDigest"),
                    null, (payload.path("verified").asBoolean() ? "verified" : "not verified") + " (" + text(payload, "mode") + ")"));
            case "CommandRefused" -> {
                if (tag != null) {
                    changes.add(new Change(repository, tag, "refused", text(payload, "digest"), null, text(payload, "errorCode")));
                }
            }
            default -> {
                // about no tag
            }
        }
        return changes;
    }

    private static String text(JsonNode node, String member) {
        JsonNode value = node.get(member);
        return value == null || value.isNull() ? null : value.asText();
    }
}
