package io.tagledger.api.settings;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DataObjectPropertyName;

import java.lang.reflect.ParameterizedType;
import java.lang.reflect.RecordComponent;
import java.lang.reflect.Type;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Every name under {@code tagledger.} that {@link TagledgerProperties} reads, as its records spell them
 * (a list's items as {@code [*]}), and the known name nearest to one that is not, for the message that
 * stops a start with a misspelled setting: a misspelled key must never leave the registry open.
 */
public final class SettingNames {

    /** Names that an earlier version read, and what replaced each. */
    static final Map<String, String> REPLACED = Map.of(
            "tagledger.ecr.credentials", "tagledger.security.access-keys[i].id, .secret, .principal and .groups");

    /** Where tagledger's settings are. */
    static final String PREFIX = TagledgerProperties.class.getAnnotation(ConfigurationProperties.class).value();

    private static final Pattern INDEX = Pattern.compile("\\[[^]]*]");

    private final List<String> known = new ArrayList<>();

    public SettingNames() {
        collect(PREFIX, TagledgerProperties.class);
    }

    public List<String> known() {
        return List.copyOf(known);
    }

    /** What replaced the name, if an earlier version read it. */
    public Optional<String> replacement(String name) {
        return REPLACED.entrySet().stream()
                .filter(entry -> name.equals(entry.getKey()) || name.startsWith(entry.getKey() + ".") || name.startsWith(entry.getKey() + "["))
                .map(Map.Entry::getValue)
                .findFirst();
    }

    /** The known name nearest to the given one, by edits of its characters, with the given one's list indexes. */
    public String nearest(String name) {
        String pattern = INDEX.matcher(name).replaceAll("[*]");
        String best = known.stream().min(Comparator.comparingInt(candidate -> distance(pattern, candidate))).orElseThrow();
        return withIndexesOf(name, best);
    }

    private void collect(String prefix, Class<?> type) {
        for (RecordComponent component : type.getRecordComponents()) {
            String name = prefix + "." + DataObjectPropertyName.toDashedForm(component.getName());
            Type generic = component.getGenericType();
            Class<?> raw = component.getType();
            if (List.class.isAssignableFrom(raw) && generic instanceof ParameterizedType list
                    && list.getActualTypeArguments()[0] instanceof Class<?> item && item.isRecord()) {
                collect(name + "[*]", item);
            } else if (raw.isRecord()) {
                collect(name, raw);
            } else {
                known.add(List.class.isAssignableFrom(raw) ? name + "[*]" : name);
            }
        }
    }

    private static String withIndexesOf(String name, String pattern) {
        Matcher indexes = INDEX.matcher(name);
        StringBuilder result = new StringBuilder();
        int from = 0;
        int star;
        while ((star = pattern.indexOf("[*]", from)) >= 0) {
            result.append(pattern, from, star).append(indexes.find() ? indexes.group() : "[0]");
            from = star + 3;
        }
        return result.append(pattern.substring(from)).toString();
    }

    /** Levenshtein's distance: the fewest insertions, deletions and substitutions from one text to the other. */
    private static int distance(String a, String b) {
        int[] previous = new int[b.length() + 1];
        int[] current = new int[b.length() + 1];
        for (int j = 0; j <= b.length(); j++) {
            previous[j] = j;
        }
        for (int i = 1; i <= a.length(); i++) {
            current[0] = i;
            for (int j = 1; j <= b.length(); j++) {
                int substitution = previous[j - 1] + (a.charAt(i - 1) == b.charAt(j - 1) ? 0 : 1);
                current[j] = Math.min(substitution, Math.min(previous[j] + 1, current[j - 1] + 1));
            }
            int[] swap = previous;
            previous = current;
            current = swap;
        }
        return previous[b.length()];
    }
}
