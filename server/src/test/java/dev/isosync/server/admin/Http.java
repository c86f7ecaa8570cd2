package dev.isosync.server.admin;

import dev.isosync.json.Json;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpHeaders;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;

/** Plain HTTP requests to a test server, with whatever headers a test needs; never follows redirects. */
final class Http {
    private final HttpClient client = HttpClient.newBuilder().followRedirects(HttpClient.Redirect.NEVER).build();
    private final String origin;

    Http(int port) {
        this.origin = "http://127.0.0.1:" + port;
    }

    /**
     * @param headers name, value, name, value, ...
     */
    Response send(String method, String path, String body, String... headers) {
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(origin + path));
        for (int i = 0; i < headers.length; i += 2) {
            b.header(headers[i], headers[i + 1]);
        }
        if (body == null) {
            b.method(method, HttpRequest.BodyPublishers.noBody());
        } else {
            boolean typed = false;
            for (int i = 0; i < headers.length; i += 2) {
                typed |= headers[i].equalsIgnoreCase("Content-Type");
            }
            if (!typed) {
                b.header("Content-Type", "application/json");
            }
            b.method(method, HttpRequest.BodyPublishers.ofString(body, StandardCharsets.UTF_8));
        }
        try {
            HttpResponse<String> r = client.send(b.build(), HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
            return new Response(r.statusCode(), r.body(), r.headers());
        } catch (java.io.IOException e) {
            throw new IllegalStateException(method + " " + path + " failed", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(method + " " + path + " was interrupted", e);
        }
    }

    Response get(String path, String... headers) {
        return send("GET", path, null, headers);
    }

    Response post(String path, String body, String... headers) {
        return send("POST", path, body, headers);
    }

    /** Registers user {@code name} (the password is the name and "-password") and signs in; returns the token. */
    String signUp(String name) {
        Response registered = post("/api/Users", Json.write(Map.of("username", name, "email", name + "@example.com",
                "password", name + "-password")));
        if (registered.status != 200) {
            throw new IllegalStateException("Could not register " + name + ": " + registered);
        }
        Response login = post("/api/Users/login", Json.write(Map.of("username", name, "password",
                name + "-password")));
        if (login.status != 200) {
            throw new IllegalStateException("Could not sign " + name + " in: " + login);
        }
        return (String) login.json().get("id");
    }

    /** A response: status, body, headers. */
    static final class Response {
        final int status;
        final String body;
        final HttpHeaders headers;

        Response(int status, String body, HttpHeaders headers) {
            this.status = status;
            this.body = body;
            this.headers = headers;
        }

        String header(String name) {
            return headers.firstValue(name).orElse(null);
        }

        List<String> allHeaders(String name) {
            return headers.allValues(name);
        }

        @SuppressWarnings("unchecked")
        Map<String, Object> json() {
            return (Map<String, Object>) Json.parse(body);
        }

        @Override
        public String toString() {
            return status + " " + body;
        }
    }
}
