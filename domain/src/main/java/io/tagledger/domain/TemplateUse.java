package io.tagledger.domain;

import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/** What ECR applies a repository creation template for ({@code appliedFor}); tagledger creates repositories on push. */
public enum TemplateUse {
    REPLICATION,
    PULL_THROUGH_CACHE,
    CREATE_ON_PUSH;

    public static TemplateUse parse(String text) {
        for (TemplateUse use : values()) {
            if (use.name().equals(text)) {
                return use;
            }
        }
        throw RegistryException.invalidParameter("appliedFor", "Member must satisfy enum value set: [REPLICATION, PULL_THROUGH_CACHE, CREATE_ON_PUSH]");
    }

    /** Each of the names a request lists, once. */
    public static Set<TemplateUse> parseAll(List<String> names) {
        Set<TemplateUse> uses = new LinkedHashSet<>();
        names.forEach(name -> uses.add(parse(name)));
        return uses;
    }
}
