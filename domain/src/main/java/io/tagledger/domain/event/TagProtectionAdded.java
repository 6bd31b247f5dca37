package io.tagledger.domain.event;

import io.tagledger.domain.TagProtection;

/**
 * {@link RepositoryCreated} and {@link TagMutabilitySet} gained {@code tagProtection} at revision 1,
 * without a revision of their own. Events stored before it have none, and then every repository's
 * protection was {@link TagProtection#NONE} (there was no other): revision 2 always has it.
 */
public final class TagProtectionAdded extends MemberAdded {

    static final String FROM = "1";
    static final String TO = "2";

    private TagProtectionAdded(Class<?> event) {
        super(event, FROM, TO, "tagProtection", TagProtection.NONE.name());
    }

    public static TagProtectionAdded toRepositoryCreated() {
        return new TagProtectionAdded(RepositoryCreated.class);
    }

    public static TagProtectionAdded toTagMutabilitySet() {
        return new TagProtectionAdded(TagMutabilitySet.class);
    }
}
