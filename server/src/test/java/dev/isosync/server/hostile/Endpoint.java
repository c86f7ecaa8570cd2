package dev.isosync.server.hostile;

import java.util.List;

/**
 * One endpoint of the API as the corpus addresses it: a method and a path whose {@code {id}} is filled in per
 * request, whether it reads a JSON body, and whether that body is a replication array (limited by item count).
 */
record Endpoint(String method, String path, boolean takesBody, boolean replication) {
    /** The Todo model's endpoints that read a JSON body. */
    static final List<Endpoint> WITH_BODY = List.of(
            new Endpoint("POST", "/api/Todos", true, false),
            new Endpoint("PATCH", "/api/Todos", true, false),
            new Endpoint("PUT", "/api/Todos", true, false),
            new Endpoint("PUT", "/api/Todos/{id}", true, false),
            new Endpoint("PATCH", "/api/Todos/{id}", true, false),
            new Endpoint("PUT", "/api/Todos/{id}/changes/last", true, false),
            new Endpoint("POST", "/api/Todos/diff", true, true),
            new Endpoint("POST", "/api/Todos/create-updates", true, true),
            new Endpoint("POST", "/api/Todos/bulk-update", true, true),
            new Endpoint("POST", "/sync/Todos/push", true, true),
            new Endpoint("POST", "/sync/Todos/conflicts", true, false),
            new Endpoint("POST", "/api/Users", true, false),
            new Endpoint("POST", "/api/Users/login", true, false),
            new Endpoint("POST", "/admin/api/conflicts/{id}/resolve", true, false));

    /** The endpoints that only read: their query strings and ids are what a caller controls. */
    static final List<Endpoint> READS = List.of(
            new Endpoint("GET", "/api/Todos", false, false),
            new Endpoint("GET", "/api/Todos/findOne", false, false),
            new Endpoint("GET", "/api/Todos/count", false, false),
            new Endpoint("GET", "/api/Todos/changes", false, false),
            new Endpoint("GET", "/api/Todos/checkpoint", false, false),
            new Endpoint("GET", "/api/Todos/{id}", false, false),
            new Endpoint("GET", "/api/Todos/{id}/exists", false, false),
            new Endpoint("GET", "/api/Todos/{id}/changes/last", false, false),
            new Endpoint("GET", "/sync/Todos/changes", false, false),
            new Endpoint("GET", "/sync/Todos/resolutions", false, false),
            new Endpoint("GET", "/admin/api/overview", false, false),
            new Endpoint("GET", "/admin/api/clients", false, false),
            new Endpoint("GET", "/admin/api/conflicts", false, false),
            new Endpoint("GET", "/admin/api/activity", false, false),
            new Endpoint("GET", "/admin/api/models/Todo/records", false, false));

    /** Endpoints whose path names a record. */
    static final List<Endpoint> BY_ID = List.of(
            new Endpoint("GET", "/api/Todos/{id}", false, false),
            new Endpoint("GET", "/api/Todos/{id}/exists", false, false),
            new Endpoint("GET", "/api/Todos/{id}/changes/last", false, false),
            new Endpoint("DELETE", "/api/Todos/{id}", false, false),
            new Endpoint("PUT", "/api/Todos/{id}", true, false),
            new Endpoint("PATCH", "/api/Todos/{id}", true, false),
            new Endpoint("PUT", "/api/Todos/{id}/changes/last", true, false));

    /** The endpoints taking a {@code filter} query parameter. */
    static final List<Endpoint> FILTERED = List.of(
            new Endpoint("GET", "/api/Todos", false, false),
            new Endpoint("GET", "/api/Todos/findOne", false, false),
            new Endpoint("GET", "/api/Todos/changes", false, false),
            new Endpoint("GET", "/sync/Todos/changes", false, false),
            new Endpoint("POST", "/sync/Todos/pull", false, false),
            new Endpoint("GET", "/admin/api/models/Todo/records", false, false));

    /** The admin endpoints' text parameters that reach the database, as {@code path?name=}. */
    static final List<Endpoint> ADMIN_PARAMETERS = List.of(
            new Endpoint("GET", "/admin/api/conflicts?state=", false, false),
            new Endpoint("GET", "/admin/api/conflicts?model=", false, false),
            new Endpoint("GET", "/admin/api/activity?model=", false, false),
            new Endpoint("GET", "/admin/api/clients?staleAfter=", false, false));

    /** The endpoints taking a {@code since} query parameter. */
    static final List<Endpoint> WITH_SINCE = List.of(
            new Endpoint("GET", "/api/Todos/changes", false, false),
            new Endpoint("POST", "/api/Todos/diff", true, true),
            new Endpoint("POST", "/sync/Todos/push", true, true),
            new Endpoint("GET", "/sync/Todos/changes", false, false),
            new Endpoint("POST", "/sync/Todos/pull", false, false));

    /** Every endpoint, {@code POST /checkpoint} included (it takes no body, so only its query string is hostile). */
    static final List<Endpoint> ALL = List.of(
            WITH_BODY, READS, List.of(new Endpoint("DELETE", "/api/Todos/{id}", false, false),
                    new Endpoint("POST", "/api/Todos/checkpoint", false, false),
                    new Endpoint("POST", "/sync/Todos/pull", false, false)))
            .stream().flatMap(List::stream).distinct().toList();

    /** Whether a valid request bumps the checkpoint (and so changes the checkpoint table). */
    boolean bumpsCheckpoint() {
        return method.equals("POST") && (path.endsWith("/checkpoint") || path.endsWith("/pull"));
    }

    /** Whether the body is {@code {"updates":[...]}} (a bulk-update, our combined push) rather than an array. */
    boolean takesUpdates() {
        return path.endsWith("/bulk-update") || path.endsWith("/push");
    }

    /** The smallest valid body: no items. */
    String emptyBody() {
        return takesUpdates() ? "{\"updates\":[]}" : "[]";
    }

    /** How the endpoint is named in the corpus table. */
    String label() {
        return method + " " + path;
    }
}
