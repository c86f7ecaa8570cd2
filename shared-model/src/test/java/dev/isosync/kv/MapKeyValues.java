package dev.isosync.kv;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * An in-memory {@link KeyValues} with localStorage's behaviour, that can be made to fail: when full, or
 * by losing every write after a number of them, as a tab that died in the middle of a commit does.
 */
final class MapKeyValues implements KeyValues {
    final Map<String, String> map = new TreeMap<>();
    /** Writes refused from now on, as a full storage refuses them. */
    boolean full;
    /** Writes left before the page "dies": every later write is lost; negative for never. */
    int writesUntilCrash = -1;
    /** Whether the page has died: writes no longer reach the storage. */
    boolean dead;

    @Override
    public String get(String key) {
        return map.get(key);
    }

    @Override
    public void put(String key, String value) {
        if (full) {
            throw new IllegalStateException("QuotaExceededError");
        }
        if (lostToCrash()) {
            return;
        }
        map.put(key, value);
    }

    @Override
    public void remove(String key) {
        if (lostToCrash()) {
            return;
        }
        map.remove(key);
    }

    @Override
    public List<String> keys(String prefix) {
        List<String> out = new ArrayList<>();
        for (String k : map.keySet()) {
            if (k.startsWith(prefix)) {
                out.add(k);
            }
        }
        return out;
    }

    private boolean lostToCrash() {
        if (writesUntilCrash == 0) {
            dead = true;
        }
        if (writesUntilCrash > 0) {
            writesUntilCrash--;
        }
        return dead;
    }
}
