package io.tagledger.domain.event;

import io.tagledger.domain.TagRepush;

/**
 * {@link RepositoryCreated} and {@link TagMutabilitySet} gained {@code imageTagRepush} at revision 3.
 * Events stored before it have none, and then every repository refused a tag's digest again, as ECR
 * does: revision 2 events read with {@link TagRepush#REFUSE}.
 */
public final class TagRepushAdded extends MemberAdded {

    static final String FROM = "2";
    static final String TO = "3";

    private TagRepushAdded(Class<?> event) {
        super(event, FROM, TO, "imageTagRepush", TagRepush.REFUSE.name());
    }

    public static TagRepushAdded toRepositoryCreated() {
        return new TagRepushAdded(RepositoryCreated.class);
    }

    public static TagRepushAdded toTagMutabilitySet() {
        return new TagRepushAdded(TagMutabilitySet.class);
    }
}
