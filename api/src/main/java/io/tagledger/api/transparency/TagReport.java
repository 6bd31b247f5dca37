package io.tagledger.api.transparency;

import com.fasterxml.jackson.databind.JsonNode;
import io.tagledger.domain.Wildcard;

import java.io.PrintStream;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * The monitor's report on the tags it watches, read from a verified log's entries alone: each change of
 * each tag in the log's order (leaf, time, what, digests, who, through which API), where it points now,
 * and whether it ever pointed at a second digest, which answers "has {@code v1.4.2} ever pointed elsewhere?".
 */
final class TagReport {

    private final List<Watch> watches;

    /** A tag to watch: a repository, and a tag that may have {@code *} wildcards. */
    record Watch(String repository, String tagPattern) {

        /** {@code REPOSITORY:TAG}; empty when it is not that. */
        static Optional<Watch> parse(String text) {
            int colon = text.lastIndexOf(':');
            if (colon < 1 || colon == text.length() - 1) {
                return Optional.empty();
            }
            return Optional.of(new Watch(text.substring(0, colon), text.substring(colon + 1)));
        }
    }

    TagReport(List<Watch> watches) {
        this.watches = List.copyOf(watches);
    }

    /** Every change of the watched tags, in the log's order, and whether each ever pointed at a second digest. */
    public void print(List<JsonNode> entries, PrintStream out) {
        Map<String, List<String>> lines = new LinkedHashMap<>();
        Map<String, Set<String>> digests = new LinkedHashMap<>();
        Map<String, String> current = new LinkedHashMap<>();
        for (int leaf = 0; leaf < entries.size(); leaf++) {
            JsonNode entry = entries.get(leaf);
            for (TagChanges.Change change : TagChanges.of(entry)) {
                for (String name : watched(change, current.keySet())) {
                    String line = String.format("  leaf %d  %s  %s%s%s  by %s via %s", leaf, entry.path("time").asText(), change.what(),
                            change.previousDigest() == null ? "" : " " + change.previousDigest() + " ->",
                            change.digest() == null ? "" : " " + change.digest(), entry.path("metadata").path("principal").asText("?"),
                            entry.path("metadata").path("api").asText("?"))
                            + (change.detail() == null ? "" : "  (" + change.detail() + ")");
                    lines.computeIfAbsent(name, key -> new ArrayList<>()).add(line);
                    if (change.points()) {
                        digests.computeIfAbsent(name, key -> new LinkedHashSet<>()).add(change.digest());
                        current.put(name, change.digest());
                    } else if (change.removes()) {
                        current.remove(name);
                    }
                }
            }
        }
        for (Watch watch : watches) {
            if (lines.keySet().stream().noneMatch(name -> matches(watch, name))) {
                out.printf("%s:%s: no entry in the log%n", watch.repository(), watch.tagPattern());
            }
        }
        lines.forEach((name, changes) -> {
            out.println(name);
            changes.forEach(out::println);
            Set<String> pointed = digests.getOrDefault(name, Set.of());
            out.printf("  %s; %s%n", current.containsKey(name) ? "points at " + current.get(name) : "points nowhere now",
                    pointed.size() > 1 ? "MOVED: it has pointed at " + pointed.size() + " digests"
                            : pointed.size() == 1 ? "never pointed elsewhere" : "never pointed at an image");
        });
    }

    /** The watched names ({@code repository:tag}) a change concerns; a repository's deletion concerns those it had. */
    private List<String> watched(TagChanges.Change change, Set<String> known) {
        if (change.tag() != null) {
            String name = change.repository() + ":" + change.tag();
            return watches.stream().anyMatch(watch -> matches(watch, name)) ? List.of(name) : List.of();
        }
        return known.stream().filter(name -> name.startsWith(change.repository() + ":")).toList();
    }

    private static boolean matches(Watch watch, String name) {
        int colon = name.lastIndexOf(':');
        return name.substring(0, colon).equals(watch.repository()) && Wildcard.matches(watch.tagPattern(), name.substring(colon + 1));
    }
}
