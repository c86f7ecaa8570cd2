package dev.isosync.server.auth;

/** What an ACL entry says: allow or deny. On equal specificity DENY wins, as in LoopBack. */
public enum Permission {
    ALLOW, DENY
}
