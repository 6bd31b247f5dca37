package io.tagledger.api.registry;

import io.tagledger.api.security.Action;
import io.tagledger.domain.ImageTag;
import io.tagledger.domain.RegistryException;
import io.tagledger.domain.RepositoryName;
import io.tagledger.query.messages.ListTags;
import io.tagledger.query.messages.ListTagsAsOf;
import io.tagledger.query.messages.RepositorySummary;
import io.tagledger.query.messages.TagPage;
import io.tagledger.query.messages.TagSummary;
import org.springframework.stereotype.Component;

import java.time.Instant;
import java.util.List;

import static io.tagledger.api.registry.RegistryQueries.notFound;
import static io.tagledger.api.registry.RegistryQueries.past;

/** A repository's tags, for every API: each with the digest it points to and whether it is immutable. */
@Component
public class Tags {

    private final RegistryQueries queries;
    private final PageTokens tokens;
    private final Access access;
    private final Repositories repositories;

    Tags(RegistryQueries queries, PageTokens tokens, Access access, Repositories repositories) {
        this.queries = queries;
        this.tokens = tokens;
        this.access = access;
        this.repositories = repositories;
    }

    /** Tags by name: now, or as they were at {@code asOf}. */
    public Page<TagState> tags(RepositoryName name, PageRequest request, Instant asOf) {
        access.require(Action.LIST_IMAGES, name);
        String listing = "tags " + name.value() + " " + asOf;
        String after = tokens.afterKey(listing, request);
        Object query = asOf == null ? new ListTags(name.value(), request.limit(), after)
                : new ListTagsAsOf(name.value(), request.limit(), after, past("asOf", asOf));
        TagPage page = queries.find(query, TagPage.class).orElseThrow(() -> notFound(name));
        RepositorySummary repository = asOf == null ? queries.repository(name) : repositories.asOf(name, asOf);
        return new Page<>(page.items().stream().map(tag -> TagState.of(tag, repository)).toList(), tokens.next(listing, page.nextAfter()));
    }

    public TagState tag(RepositoryName name, ImageTag tag) {
        access.require(Action.LIST_IMAGES, name);
        TagSummary found = queries.tags(name, List.of(tag.value())).stream().findFirst()
                .orElseThrow(() -> RegistryException.tagNotFound(name.value(), tag.value()));
        return TagState.of(found, queries.repository(name));
    }

    /** The tags of a repository by name, after {@code last}, as the registry API lists them. */
    public Names names(RepositoryName name, int limit, String last) {
        access.require(Action.LIST_IMAGES, name);
        TagPage page = queries.find(new ListTags(name.value(), limit, last), TagPage.class).orElseThrow(() -> notFound(name));
        return new Names(page.items().stream().map(TagSummary::tag).toList(), page.nextAfter() != null);
    }
}
