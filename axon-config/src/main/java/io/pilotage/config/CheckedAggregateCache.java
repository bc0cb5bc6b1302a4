package io.pilotage.config;

import java.lang.reflect.Field;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.function.UnaryOperator;
import org.axonframework.common.Registration;
import org.axonframework.common.caching.Cache;
import org.axonframework.eventsourcing.AggregateCacheEntry;
import org.axonframework.eventsourcing.eventstore.EventStore;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.util.function.SingletonSupplier;

/**
 * The aggregates of one kind kept in memory between commands, used only while the event store holds nothing newer.
 * <p>
 * A cabinet receives a reading every 15 minutes without end, so loading it meant reading its snapshot and up to 250
 * events and deserializing them for every reading. Axon's caching repository avoids that, but on its own it would trust
 * an entry that another node has since moved past, and every such command would fail on the stream's sequence
 * numbers (409) before the entry was dropped. So an entry is used only when the store's last sequence number for the
 * aggregate (one probe of the stream's index, in the command's transaction) is the entry's own version; otherwise it
 * is dropped and the aggregate loaded from the store. Bounded: the least recently used entries go first.
 */
final class CheckedAggregateCache implements Cache {

    private static final Field VERSION = versionField();

    /** Looked up on first use (the store is built after the repositories that use this cache), then kept. */
    private final SingletonSupplier<EventStore> eventStore;
    private final Map<Object, Object> entries;

    CheckedAggregateCache(ObjectProvider<EventStore> eventStore, int capacity) {
        this.eventStore = SingletonSupplier.of(eventStore::getObject);
        this.entries = new LinkedHashMap<>(Math.min(capacity, 1 << 16), 0.75f, true) {
            @Override
            protected boolean removeEldestEntry(Map.Entry<Object, Object> eldest) {
                return size() > capacity;
            }
        };
    }

    @Override
    @SuppressWarnings("unchecked")
    public <K, V> V get(K key) {
        Object entry;
        synchronized (entries) {
            entry = entries.get(key);
        }
        if (entry == null) {
            return null;
        }
        if (entry instanceof AggregateCacheEntry<?> cached
                && !Objects.equals(eventStore.obtain().lastSequenceNumberFor(key.toString()), Optional.ofNullable(version(cached)))) {
            remove(key);
            return null;
        }
        return (V) entry;
    }

    @Override
    public void put(Object key, Object value) {
        synchronized (entries) {
            entries.put(key, value);
        }
    }

    @Override
    public boolean putIfAbsent(Object key, Object value) {
        synchronized (entries) {
            return entries.putIfAbsent(key, value) == null;
        }
    }

    @Override
    public boolean remove(Object key) {
        synchronized (entries) {
            return entries.remove(key) != null;
        }
    }

    @Override
    public void removeAll() {
        synchronized (entries) {
            entries.clear();
        }
    }

    @Override
    public boolean containsKey(Object key) {
        synchronized (entries) {
            return entries.containsKey(key);
        }
    }

    @Override
    @SuppressWarnings("unchecked")
    public <V> void computeIfPresent(Object key, UnaryOperator<V> update) {
        synchronized (entries) {
            entries.computeIfPresent(key, (k, value) -> update.apply((V) value));
        }
    }

    @Override
    public Registration registerCacheEntryListener(EntryListener cacheEntryListener) {
        throw new UnsupportedOperationException("Nothing listens to the aggregate caches");
    }

    private static Long version(AggregateCacheEntry<?> entry) {
        try {
            return (Long) VERSION.get(entry);
        } catch (IllegalAccessException unreadable) {
            throw new IllegalStateException(unreadable);
        }
    }

    /** Axon keeps the version an entry was cached at in a private field; without it no entry could be checked. */
    private static Field versionField() {
        try {
            Field version = AggregateCacheEntry.class.getDeclaredField("version");
            version.setAccessible(true);
            return version;
        } catch (NoSuchFieldException changed) {
            throw new ExceptionInInitializerError("AggregateCacheEntry has no version field any more: " + changed);
        }
    }
}
