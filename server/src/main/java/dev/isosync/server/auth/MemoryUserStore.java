package dev.isosync.server.auth;

import java.util.HashMap;
import java.util.Map;

/** The {@link UserStore} of a server on the {@code memory} store: gone when the server stops. */
public final class MemoryUserStore implements UserStore {
    private final Map<String, User> users = new HashMap<>();
    private final Map<String, AccessToken> tokens = new HashMap<>();

    @Override
    public synchronized String addUser(User user) {
        if (userByEmail(user.email()) != null) {
            return "email";
        }
        if (user.username() != null && userByUsername(user.username()) != null) {
            return "username";
        }
        users.put(user.id(), user);
        return null;
    }

    @Override
    public synchronized User userById(String id) {
        return users.get(id);
    }

    @Override
    public synchronized User userByEmail(String email) {
        for (User u : users.values()) {
            if (u.email().equals(email)) {
                return u;
            }
        }
        return null;
    }

    @Override
    public synchronized User userByUsername(String username) {
        for (User u : users.values()) {
            if (username.equals(u.username())) {
                return u;
            }
        }
        return null;
    }

    @Override
    public synchronized void addToken(AccessToken token) {
        tokens.put(token.digest(), token);
    }

    @Override
    public synchronized AccessToken token(String digest) {
        return tokens.get(digest);
    }

    @Override
    public synchronized void removeToken(String digest) {
        tokens.remove(digest);
    }
}
