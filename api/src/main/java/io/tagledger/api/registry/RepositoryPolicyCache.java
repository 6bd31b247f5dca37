package io.tagledger.api.registry;

import io.tagledger.api.security.RepositoryPolicy;
import io.tagledger.api.settings.TagledgerProperties;
import io.tagledger.domain.RegistryException;
import io.tagledger.query.messages.ListRepositoryPolicies;
import io.tagledger.query.messages.RepositoryPolicies;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.ReentrantLock;

/**
 * The repository policies, as every authorization reads them: held in memory and read again from the
 * view when a second old, so that a request pays no query. A policy set or deleted on this node applies
 * to its next request ({@link #forget}); one set on another node, within {@link #FRESH}.
 */
@Component
class RepositoryPolicyCache {

    static final Duration FRESH = Duration.ofSeconds(1);
    private static final Logger log = LoggerFactory.getLogger(RepositoryPolicyCache.class);

    private record Loaded(Map<String, RepositoryPolicy> policies, long atNanos) {
    }

    private final RegistryQueries queries;
    private final String registryId;
    private final ReentrantLock reading = new ReentrantLock();
    private final AtomicLong generation = new AtomicLong();
    private volatile Loaded loaded;

    RepositoryPolicyCache(RegistryQueries queries, TagledgerProperties properties) {
        this.queries = queries;
        this.registryId = properties.ecr().registryId();
    }

    /**
     * The repository's policy. Policies a second old are read again; while one request reads them, the others
     * go on with the last ones read. Policies that cannot be read fail the request: nothing is allowed on
     * policies that might have changed.
     */
    Optional<RepositoryPolicy> of(String repository) {
        Loaded current = loaded;
        if (current == null || System.nanoTime() - current.atNanos() > FRESH.toNanos()) {
            current = reload(current);
        }
        return Optional.ofNullable(current.policies().get(repository));
    }

    void forget() {
        generation.incrementAndGet();
        loaded = null;
    }

    private Loaded reload(Loaded stale) {
        if (stale != null && !reading.tryLock()) {
            return stale;
        }
        if (stale == null) {
            reading.lock();
        }
        try {
            Loaded current = loaded;
            if (current != null && System.nanoTime() - current.atNanos() <= FRESH.toNanos()) {
                return current;
            }
            // A change of this node's own, made while these are read, must not be hidden by them.
            long readFor = generation.get();
            Map<String, RepositoryPolicy> policies = new HashMap<>();
            queries.ask(new ListRepositoryPolicies(), RepositoryPolicies.class).policies().forEach((repository, text) -> {
                try {
                    policies.put(repository, RepositoryPolicy.parse(text, registryId));
                } catch (RegistryException e) {
                    // A policy kept under other rules than these: nobody may act on the repository until it is set again.
                    log.error("The policy of {} no longer parses ({}): every action on it is denied until it is set again", repository,
                            e.getMessage());
                    policies.put(repository, RepositoryPolicy.denyingEverything());
                }
            });
            current = new Loaded(Map.copyOf(policies), System.nanoTime());
            if (generation.get() == readFor) {
                loaded = current;
            }
            return current;
        } finally {
            reading.unlock();
        }
    }
}
