package io.tagledger.api.settings;

import org.springframework.boot.context.properties.bind.UnboundConfigurationPropertiesException;
import org.springframework.boot.context.properties.source.ConfigurationProperty;
import org.springframework.boot.diagnostics.AbstractFailureAnalyzer;
import org.springframework.boot.diagnostics.FailureAnalysis;
import org.springframework.boot.origin.Origin;
import org.springframework.boot.origin.PropertySourceOrigin;

import java.util.stream.Collectors;

/**
 * Says which {@code tagledger.*} setting stopped the start, and what was meant: the nearest name that
 * tagledger reads, or what replaced a name that an earlier version read. The settings refuse a name
 * they do not know ({@link TagledgerProperties}), so that a misspelled security setting stops the start
 * rather than leaving the registry open.
 */
public final class UnknownSettingAnalyzer extends AbstractFailureAnalyzer<UnboundConfigurationPropertiesException> {

    @Override
    protected FailureAnalysis analyze(Throwable rootFailure, UnboundConfigurationPropertiesException cause) {
        SettingNames names = new SettingNames();
        String settings = cause.getUnboundProperties().stream()
                .map(property -> explain(names, property))
                .collect(Collectors.joining("\n"));
        return new FailureAnalysis("tagledger does not read these settings, so it does not start:\n" + settings,
                "Correct or remove them. docs/operations.md lists every setting.", cause);
    }

    private static String explain(SettingNames names, ConfigurationProperty property) {
        String name = property.getName().toString();
        Origin origin = property.getOrigin();
        String where = origin instanceof PropertySourceOrigin source ? " (in " + source.getPropertySource().getName() + ")"
                : origin != null ? " (in " + origin + ")" : "";
        return names.replacement(name)
                .map(replacement -> "- " + name + where + " is no longer read: it was replaced by " + replacement)
                .orElseGet(() -> "- " + name + where + " is not a setting; did you mean " + names.nearest(name) + "?");
    }
}
