package io.tagledger.query.view;

import jakarta.persistence.Basic;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.FetchType;
import jakarta.persistence.Id;
import jakarta.persistence.IdClass;
import jakarta.persistence.Index;
import jakarta.persistence.Lob;
import jakarta.persistence.Table;

import java.time.Instant;

/** A stored image: one per digest in a repository, with its manifest text exactly as pushed. */
@Entity
@Table(name = "image_view", indexes = @Index(name = "image_view_subject", columnList = "repositoryName,subject"))
@IdClass(ImageKey.class)
public class ImageEntry {

    @Id
    @Column(length = 256)
    private String repositoryName;

    @Id
    @Column(length = 71)
    private String digest;

    @Column(nullable = false, length = 128)
    private String mediaType;

    private long sizeBytes;

    @Column(nullable = false)
    private Instant pushedAt;

    @Lob
    @Basic(fetch = FetchType.LAZY)
    @Column(nullable = false)
    private String manifest;

    /** The digest of the manifest this one refers to (its {@code subject}), for the referrers API. */
    @Column(length = 71)
    private String subject;

    protected ImageEntry() {
    }

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
