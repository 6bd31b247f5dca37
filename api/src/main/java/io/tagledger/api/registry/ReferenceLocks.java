package io.tagledger.api.registry;

import org.springframework.stereotype.Component;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.locks.ReadWriteLock;
import java.util.concurrent.locks.ReentrantReadWriteLock;

/**
 * One lock per repository between pushes and blob collection: a push holds it shared from the check
 * that its blobs are there until its manifest is stored, a collection exclusively while it decides
 * which of the repository's blobs no manifest names, and removes them. Neither sees half of the other.
 */
@Component
class ReferenceLocks {

    private final Map<String, ReadWriteLock> locks = new ConcurrentHashMap<>();

    ReadWriteLock of(String repository) {
        return locks.computeIfAbsent(repository, name -> new ReentrantReadWriteLock());
    }
}
