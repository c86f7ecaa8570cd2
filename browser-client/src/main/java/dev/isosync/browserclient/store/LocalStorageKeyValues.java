package dev.isosync.browserclient.store;

import dev.isosync.kv.KeyValues;
import java.util.ArrayList;
import java.util.List;
import org.teavm.jso.browser.Storage;

/** The browser's localStorage as {@link KeyValues}, under {@link dev.isosync.kv.KeyValueStore}. */
public final class LocalStorageKeyValues implements KeyValues {
    private final Storage storage = Storage.getLocalStorage();

    @Override
    public String get(String key) {
        return storage.getItem(key);
    }

    @Override
    public void put(String key, String value) {
        storage.setItem(key, value); // a full storage throws QuotaExceededError, which arrives as an exception
    }

    @Override
    public void remove(String key) {
        storage.removeItem(key);
    }

    @Override
    public List<String> keys(String prefix) {
        List<String> out = new ArrayList<>();
        int n = storage.getLength();
        for (int i = 0; i < n; i++) {
            String k = storage.key(i);
            if (k != null && k.startsWith(prefix)) {
                out.add(k);
            }
        }
        return out;
    }

    /** Commits of the tabs of this profile run one at a time, under a Web Lock. */
    @Override
    public <T> T exclusively(java.util.function.Supplier<T> work) {
        return dev.isosync.browserclient.tabs.WebLocks.exclusively("isosync-localstorage", work);
    }
}
