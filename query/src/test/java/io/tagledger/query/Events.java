package io.tagledger.query;

import io.tagledger.domain.TagMutabilityMode;
import io.tagledger.domain.TagProtection;
import io.tagledger.domain.event.ImageDeleted;
import io.tagledger.domain.event.ImagePushed;
import io.tagledger.domain.event.ImageUntagged;
import io.tagledger.domain.event.RepositoryCreated;

import java.util.List;

/** A repository's events, as the aggregate applies them, for the projections' tests. */
public final class Events {

    public static final String REPOSITORY = "team/app";

    private Events() {
    }

    public static String digest(char c) {
        return "sha256:" + String.valueOf(c).repeat(64);
    }

    public static RepositoryCreated created(TagMutabilityMode mode) {
        return new RepositoryCreated(REPOSITORY, mode, List.of(), TagProtection.NONE);
    }

    public static ImagePushed pushed(char digest, String tag, String previous) {
        return new ImagePushed(REPOSITORY, digest(digest), "application/vnd.oci.image.manifest.v1+json", 10,
                "{\"manifest\":\"" + digest + "\"}", tag, previous);
    }

    public static ImageUntagged untagged(String tag, char digest) {
        return new ImageUntagged(REPOSITORY, tag, digest(digest));
    }

    public static ImageDeleted deleted(char digest, String... tags) {
        return new ImageDeleted(REPOSITORY, digest(digest), List.of(tags));
    }
}
