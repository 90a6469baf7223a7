package org.xmodal.app.data;

import java.util.LinkedHashMap;
import java.util.Map;

/** A map that forgets the least recently used entry beyond a capacity. Not thread-safe: use it from one thread. */
public final class LruCache<K, V> {
    private final LinkedHashMap<K, V> map;

    public LruCache(int capacity) {
        if (capacity < 1) {
            throw new IllegalArgumentException("capacity must be at least 1, got " + capacity);
        }
        this.map = new LinkedHashMap<>(16, 0.75f, true) {
            private static final long serialVersionUID = 1L;

            @Override
            protected boolean removeEldestEntry(Map.Entry<K, V> eldest) {
                return size() > capacity;
            }
        };
    }

    public V get(K key) {
        return map.get(key);
    }

    public void put(K key, V value) {
        map.put(key, value);
    }

    public int size() {
        return map.size();
    }
}
