package io.tagledger.query.view;

import java.time.Instant;

/** A stored image: one per digest in a repository, with its manifest text exactly as pushed. */
public class ImageEntry {

    private String repositoryName;

    private String digest;

    private String mediaType;

    private long sizeBytes;

    private Instant pushedAt;

    private String manifest;

    /** The digest of the manifest this one refers to (its {@code subject}), for the referrers API. */
    private String subject;

    public ImageEntry(String repositoryName, String digest, String mediaType, long sizeBytes, Instant pushedAt, String manifest,
                      String subject) {
        this.repositoryName = repositoryName;
        this.digest = digest;
        this.mediaType = mediaType;
        this.sizeBytes = sizeBytes;
        this.pushedAt = pushedAt;
        this.manifest = manifest;
        this.subject = subject;
    }

    public String getRepositoryName() {
        return repositoryName;
    }

    public String getDigest() {
        return digest;
    }

    public String getMediaType() {
        return mediaType;
    }

    public long getSizeBytes() {
        return sizeBytes;
    }

    public Instant getPushedAt() {
        return pushedAt;
    }

    public String getManifest() {
        return manifest;
    }

    public String getSubject() {
        return subject;
    }
}
