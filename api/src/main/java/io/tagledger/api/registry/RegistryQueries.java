package io.tagledger.api.registry;

import io.tagledger.api.consistency.ProjectionGate;
import io.tagledger.domain.RegistryException;
import io.tagledger.domain.RepositoryName;
import io.tagledger.query.messages.FindImages;
import io.tagledger.query.messages.FindRepository;
import io.tagledger.query.messages.FindTags;
import io.tagledger.query.messages.ImagePage;
import io.tagledger.query.messages.ImageSummary;
import io.tagledger.query.messages.RepositoryExists;
import io.tagledger.query.messages.RepositorySummary;
import io.tagledger.query.messages.TagPage;
import io.tagledger.query.messages.TagSummary;
import org.axonframework.messaging.responsetypes.ResponseTypes;
import org.axonframework.queryhandling.QueryGateway;
import org.springframework.stereotype.Component;

import java.time.Instant;
import java.util.Collection;
import java.util.List;
import java.util.Optional;

/**
 * Sends one query on the query bus and waits for its answer; shared by every API. A query on a view
 * reads it before or after a rebuild swaps its tables, never during ({@link ProjectionGate}).
 */
@Component
public class RegistryQueries {

    private final QueryGateway queryGateway;
    private final ProjectionGate gate;

    RegistryQueries(QueryGateway queryGateway, ProjectionGate gate) {
        this.queryGateway = queryGateway;
        this.gate = gate;
    }

    public <R> R ask(Object query, Class<R> responseType) {
        return gate.reading(query, () -> queryGateway.query(query, ResponseTypes.instanceOf(responseType)).join());
    }

    public <R> Optional<R> find(Object query, Class<R> responseType) {
        return gate.reading(query, () -> queryGateway.query(query, ResponseTypes.optionalInstanceOf(responseType)).join());
    }

    /** The repository as the views hold it now; one that does not exist is refused. */
    public RepositorySummary repository(RepositoryName name) {
        return find(new FindRepository(name.value()), RepositorySummary.class).orElseThrow(() -> notFound(name));
    }

    /** Whether the repository exists: a key lookup, where {@link #repository} also counts its images. */
    boolean exists(RepositoryName name) {
        return ask(new RepositoryExists(name.value()), Boolean.class);
    }

    /** A repository that does not exist is refused. */
    void requireExists(RepositoryName name) {
        if (!exists(name)) {
            throw notFound(name);
        }
    }

    /** The tags among {@code tags} that exist. */
    List<TagSummary> tags(RepositoryName name, Collection<String> tags) {
        return find(new FindTags(name.value(), tags), TagPage.class).orElseThrow(() -> notFound(name)).items();
    }

    /** The images among {@code digests} that exist. */
    List<ImageSummary> images(RepositoryName name, Collection<String> digests) {
        return find(new FindImages(name.value(), digests), ImagePage.class).orElseThrow(() -> notFound(name)).items();
    }

    static RegistryException notFound(RepositoryName name) {
        return RegistryException.repositoryNotFound(name.value());
    }

    /** A point-in-time read: an instant that has not come yet has no answer, so it is refused rather than guessed. */
    static Instant past(String parameter, Instant at) {
        if (at.isAfter(Instant.now())) {
            throw RegistryException.invalidParameter(parameter, "Member must not be in the future");
        }
        return at;
    }
}
