package io.tagledger.api.admin;

import org.springframework.stereotype.Component;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.locks.ReadWriteLock;
import java.util.concurrent.locks.ReentrantReadWriteLock;
import java.util.function.Supplier;

/**
 * Keeps a view's queries and the swap of its rebuilt tables apart on this node: a query reads the
 * tables before the swap or after it, never while H2 replaces them one statement at a time.
 * (PostgreSQL's swap is one transaction, which every node's queries see whole anyway.)
 */
@Component
public class ViewSwaps {

    private final Map<String, ReadWriteLock> locks = new ConcurrentHashMap<>();

    private ReadWriteLock lock(String view) {
        return locks.computeIfAbsent(view, name -> new ReentrantReadWriteLock(true));
    }

    /** Runs a query on the view, which is not swapped meanwhile. */
    public <T> T reading(String view, Supplier<T> query) {
        lock(view).readLock().lock();
        try {
            return query.get();
        } finally {
            lock(view).readLock().unlock();
        }
    }

    /** Runs the swap once no query reads the view, holding new ones until it is done. */
    void swapping(String view, Runnable swap) {
        lock(view).writeLock().lock();
        try {
            swap.run();
        } finally {
            lock(view).writeLock().unlock();
        }
    }
}
