package org.ordertower.web.internal;

import java.io.IOException;
import java.io.InputStream;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

import javax.servlet.http.HttpServletRequest;
import javax.servlet.http.HttpServletResponse;

/**
 * The console's files from the bundle ({@code index.html}, {@code static/*}, Apache ECharts from its webjar). Only
 * names of letters, digits, dots, dashes and underscores under {@code static/} are served: no path leaves it. Each
 * file has an ETag of its content, so a browser asks again every time ({@code no-cache}) but downloads a file only
 * when this version of the bundle changed it.
 */
final class StaticFiles {
    private static final Map<String, String> TYPES = Map.of("html", "text/html; charset=utf-8", "js",
            "text/javascript; charset=utf-8", "css", "text/css; charset=utf-8", "svg", "image/svg+xml", "png",
            "image/png", "json", "application/json; charset=utf-8", "ico", "image/x-icon");

    private record File(byte[] bytes, String type, String etag) {
    }

    private final ClassLoader loader;
    private final Map<String, Optional<File>> files = new ConcurrentHashMap<>();

    StaticFiles(ClassLoader loader) {
        this.loader = loader;
    }

    void serve(String name, HttpServletRequest req, HttpServletResponse resp) throws IOException {
        String method = req.getMethod();
        if (!method.equals("GET") && !method.equals("HEAD")) {
            resp.setHeader("Allow", "GET, HEAD");
            resp.sendError(405);
            return;
        }
        if (!name.equals("index.html") && !name.matches("static/[A-Za-z0-9_-][A-Za-z0-9._-]{0,100}")) {
            resp.sendError(404);
            return;
        }
        Optional<File> file = files.computeIfAbsent(name, this::load);
        if (file.isEmpty()) {
            resp.sendError(404);
            return;
        }
        File f = file.get();
        resp.setHeader("Cache-Control", "no-cache");
        resp.setHeader("ETag", f.etag());
        if (f.etag().equals(req.getHeader("If-None-Match"))) {
            resp.setStatus(304);
            return;
        }
        resp.setStatus(200);
        resp.setContentType(f.type());
        resp.setContentLength(f.bytes().length);
        if (method.equals("GET")) {
            resp.getOutputStream().write(f.bytes());
        }
    }

    private Optional<File> load(String name) {
        String type = TYPES.get(name.substring(name.lastIndexOf('.') + 1));
        if (type == null) {
            return Optional.empty();
        }
        String resource = name.equals("index.html") ? "static/index.html" : name;
        try (InputStream in = loader.getResourceAsStream(resource)) {
            if (in == null) {
                return Optional.empty();
            }
            byte[] bytes = in.readAllBytes();
            byte[] digest = MessageDigest.getInstance("SHA-256").digest(bytes);
            return Optional.of(new File(bytes, type, "\"" + HexFormat.of().formatHex(digest, 0, 12) + "\""));
        } catch (IOException | NoSuchAlgorithmException e) {
            return Optional.empty();
        }
    }
}
