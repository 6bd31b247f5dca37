package io.tagledger.query.view;

import io.tagledger.domain.Manifest;
import io.tagledger.query.messages.ImageSummary;
import io.tagledger.query.messages.Referrers;
import io.tagledger.query.messages.RepositorySummary;
import io.tagledger.query.messages.TagSummary;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/** How the registry views' rows are answered, whichever store they come from. */
public final class ViewSummaries {

    private ViewSummaries() {
    }

    public static RepositorySummary repository(RepositoryEntry entry, long imageCount) {
        return entry.getRules().summary(entry.getName(), entry.getCreatedAt(), imageCount);
    }

    public static TagSummary tag(TagEntry entry) {
        return new TagSummary(entry.getTag(), entry.getDigest(), entry.getPushedAt());
    }

    /**
     * Each image with the tags that point to it; {@code tags} come in tag order (both stores keep them so)
     * and may hold tags of other images too.
     */
    public static List<ImageSummary> images(List<ImageEntry> images, List<TagEntry> tags) {
        Map<String, List<String>> tagsByDigest = new HashMap<>();
        tags.forEach(tag -> tagsByDigest.computeIfAbsent(tag.getDigest(), digest -> new ArrayList<>()).add(tag.getTag()));
        return images.stream()
                .map(image -> new ImageSummary(image.getDigest(), tagsByDigest.getOrDefault(image.getDigest(), List.of()),
                        image.getMediaType(), image.getSizeBytes(), image.getPushedAt()))
                .toList();
    }

    /** A referring manifest as the referrers API describes it: its artifact type and annotations come from the manifest. */
    public static Referrers.Referrer referrer(ImageEntry image) {
        Manifest.References manifest = Manifest.referencesOf(image.getManifest());
        return new Referrers.Referrer(image.getMediaType(), image.getDigest(), image.getManifest().getBytes(StandardCharsets.UTF_8).length,
                manifest.artifactType(), manifest.annotations());
    }
}
