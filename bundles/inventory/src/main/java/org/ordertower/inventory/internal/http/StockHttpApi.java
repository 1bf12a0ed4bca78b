package org.ordertower.inventory.internal.http;

import org.ordertower.core.spi.http.HttpReply;
import org.ordertower.core.spi.http.HttpHandler;
import org.ordertower.core.spi.http.JsonReplies;
import org.ordertower.core.spi.http.JsonFields;
import org.ordertower.core.spi.http.KeysetPage;
import org.ordertower.core.spi.http.QueryParams;
import java.io.StringReader;
import java.io.StringWriter;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.function.Supplier;
import java.util.stream.Collectors;

import org.ordertower.api.Caller;
import org.ordertower.api.StoreUnavailableException;
import org.ordertower.api.inventory.CatalogService;
import org.ordertower.api.inventory.CatalogTable;
import org.ordertower.api.inventory.ImportReport;
import org.ordertower.api.inventory.InventoryException;
import org.ordertower.api.inventory.InventoryService;
import org.ordertower.api.inventory.LedgerCheck;
import org.ordertower.api.inventory.StockRow;
import org.ordertower.api.inventory.StockView;
import org.ordertower.core.spi.http.OrderJson;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * The stock and catalog REST interface, free of any HTTP server (see {@link HttpHandler}). It
 * answers with what the {@code stock:*} and {@code catalog:*} commands show: JSON, except catalog
 * tables, which travel as the CSV files {@code catalog:import} reads. Changes are made by the caller.
 *
 * <pre>
 * GET  /api/v1/stock?after=&amp;limit=             the stock board: SKUs in code order, sellable in all and per channel,
 *                                             low-stock and presale settings, the last low-stock forecast
 * GET  /api/v1/stock/{sku}                    stock per warehouse, in transit, per channel
 * PUT  /api/v1/stock/{sku}/presale            {"threshold", "quota", "reason"}: the SKU's presale switch (0: off)
 * POST /api/v1/stock/{sku}/receive            {"warehouse", "quantity", "reference"}: goods received
 * POST /api/v1/stock/{sku}/adjust             {"warehouse", "delta", "reason"}: a count correction
 * GET  /api/v1/stock/check                    every counter proved against the ledger
 * GET  /api/v1/stock/pushes?limit=&amp;after=&amp;failed=   recent pushes to the channels, newest first
 * GET  /api/v1/stock/alerts?limit=&amp;after=   recent low-stock alerts, newest first
 * POST /api/v1/catalog/{table}?dryRun=        CSV import (text/csv, at most 16 MB), all rows or none
 * GET  /api/v1/catalog/{table}                CSV export
 * </pre>
 *
 * <p>The lists page alike ({@link QueryParams#limit}): {@code limit} 1 to {@value #MAX_LIMIT} (the board, which
 * reads each SKU's stock, 1 to {@value #BOARD_MAX}), {@code after} the {@code next} of the previous page.
 *
 * <p>{@code check}, {@code pushes} and {@code alerts} are matched before a SKU code, so the stock
 * of a SKU literally named one of them is shown only by {@code stock:show}. The inventory and the
 * catalog are optional services: while they are not installed, their paths answer 503.
 */
public final class StockHttpApi implements HttpHandler {
    public static final String STOCK_BASE = "/api/v1/stock";
    public static final String CATALOG_BASE = "/api/v1/catalog";
    /** JSON bodies are small, as for orders. */
    public static final int MAX_JSON = 1 << 20;
    /** A catalog file of the importer's 100,000 rows fits. */
    public static final int MAX_CSV = 16 << 20;
    private static final int DEFAULT_LIMIT = 50;
    /** As every list over HTTP. */
    static final int MAX_LIMIT = 500;
    /** The newest alerts the board reads for its forecasts. */
    private static final int BOARD_ALERTS = 10_000;
    private static final String CSV = "text/csv; charset=utf-8";
    private static final String TABLES = Arrays.stream(CatalogTable.values()).map(StockHttpApi::name)
            .collect(Collectors.joining(", "));
    private final Logger logger = LoggerFactory.getLogger(StockHttpApi.class);
    private final Supplier<Optional<InventoryService>> inventory;
    private final Supplier<Optional<CatalogService>> catalog;
    private final OrderJson json;
    private final JsonReplies replies;

    /**
     * @param inventory the inventory service while it is installed
     * @param catalog the catalog service while it is installed
     */
    public StockHttpApi(Supplier<Optional<InventoryService>> inventory, Supplier<Optional<CatalogService>> catalog,
            OrderJson json) {
        this.inventory = inventory;
        this.catalog = catalog;
        this.json = json;
        this.replies = new JsonReplies(json);
    }

    /** The body is null when it was over {@link #MAX_JSON} (stock) or {@link #MAX_CSV} (catalog). */
    @Override
    public HttpReply handle(Caller caller, String method, String path, Map<String, String> query, String contentType, String body) {
        try {
            if (under(path, STOCK_BASE)) {
                return stock(caller, method, path, segments(path, STOCK_BASE), query, contentType, body);
            }
            if (under(path, CATALOG_BASE)) {
                return catalog(method, path, segments(path, CATALOG_BASE), query, contentType, body);
            }
            return replies.error(404, "no such resource " + path);
        } catch (InventoryException e) {
            return replies.error(422, e.getMessage());
        } catch (StoreUnavailableException e) {
            logger.debug("Answering 503: {}", e.getMessage());
            return replies.unavailable("the inventory database is not available; retry later");
        } catch (IllegalArgumentException e) {
            return replies.error(400, e.getMessage());
        } catch (RuntimeException e) {
            return replies.internalError(logger, method, path, e, "internal error; check the stock before you retry");
        }
    }

    // ---- stock

    private HttpReply stock(Caller caller, String method, String path, List<String> segments, Map<String, String> query, String contentType,
            String body) {
        Optional<InventoryService> service = inventory.get();
        if (service.isEmpty()) {
            return notInstalled();
        }
        InventoryService inv = service.get();
        if (segments.isEmpty()) {
            return method.equals("GET") ? board(inv, query) : replies.notAllowed(method, path, "GET");
        }
        String first = segments.get(0);
        if (segments.size() == 1) {
            if (!method.equals("GET")) {
                return replies.notAllowed(method, path, "GET");
            }
            return switch (first) {
                case "check" -> check(inv);
                case "pushes" -> pushes(inv, query);
                case "alerts" -> alerts(inv, query);
                default -> view(inv, first);
            };
        }
        String action = segments.get(1);
        if (segments.size() == 2 && action.equals("presale")) {
            if (!method.equals("PUT")) {
                return replies.notAllowed(method, path, "PUT");
            }
            HttpReply bad = replies.unreadable(contentType, "application/json", body, MAX_JSON,
                    "the body is empty; send one JSON object");
            return bad != null ? bad : presale(inv, first, json.readObject(body), caller);
        }
        if (segments.size() > 2 || !(action.equals("receive") || action.equals("adjust"))) {
            return replies.error(404, "no such resource " + path);
        }
        if (!method.equals("POST")) {
            return replies.notAllowed(method, path, "POST");
        }
        HttpReply bad = replies.unreadable(contentType, "application/json", body, MAX_JSON,
                "the body is empty; send one JSON object");
        if (bad != null) {
            return bad;
        }
        ObjectNode fields = json.readObject(body);
        return action.equals("receive") ? receive(inv, first, fields, caller) : adjust(inv, first, fields, caller);
    }

    /** The most SKUs one page of the board shows. */
    static final int BOARD_MAX = 200;

    /**
     * One page of the stock board: the catalog's SKUs after {@code after} in code order, each with what
     * {@code stock:show} counts (sellable in all and per channel, presale now) and its settings, and the last low-stock
     * forecast of the last 24 hours where there is one. {@code next} is the code to ask after for the next page.
     */
    private HttpReply board(InventoryService inv, Map<String, String> query) {
        Optional<CatalogService> cat = catalog.get();
        if (cat.isEmpty()) {
            return notInstalled();
        }
        int limit = QueryParams.limit(query, DEFAULT_LIMIT, BOARD_MAX);
        String after = query.get("after") == null || query.get("after").isBlank() ? null : query.get("after").strip();
        java.time.Instant dayAgo = java.time.Instant.now().minus(java.time.Duration.ofHours(24));
        Map<String, org.ordertower.api.inventory.StockAlert> lastAlert = new java.util.HashMap<>();
        for (org.ordertower.api.inventory.StockAlert a : inv.alerts(BOARD_ALERTS)) {
            if (a.at().isAfter(dayAgo)) {
                lastAlert.merge(a.sku(), a, (x, y) -> x.at().isAfter(y.at()) ? x : y);
            }
        }
        List<org.ordertower.api.inventory.Sku> page = cat.get().skus(after, limit + 1);
        ObjectNode n = json.object();
        ArrayNode items = n.putArray("items");
        for (org.ordertower.api.inventory.Sku sku : page.subList(0, Math.min(limit, page.size()))) {
            StockView v;
            try {
                v = inv.view(sku.code());
            } catch (InventoryException e) {
                continue; // removed since the page was read
            }
            ObjectNode o = items.addObject();
            o.put("sku", sku.code());
            o.put("name", sku.name());
            o.put("kit", !sku.parts().isEmpty());
            o.put("onHand", v.rows().stream().mapToInt(StockRow::onHand).sum());
            o.put("reserved", v.rows().stream().mapToInt(StockRow::reserved).sum());
            o.put("sellable", v.sellable());
            o.set("perChannel", json.tree(v.perChannel()));
            o.put("lowStockThreshold", sku.lowStockThreshold());
            o.put("low", sku.lowStockThreshold() > 0 && v.sellable() <= sku.lowStockThreshold());
            o.put("presaleThreshold", sku.presaleThreshold());
            o.put("presaleQuota", sku.presaleQuota());
            o.put("presale", v.presale());
            org.ordertower.api.inventory.StockAlert a = lastAlert.get(sku.code());
            if (a != null) {
                o.put("forecast24h", a.forecast24h());
                o.put("alertAt", a.at().toString());
            }
        }
        if (page.size() > limit) {
            n.put("next", page.get(limit - 1).code());
        } else {
            n.putNull("next");
        }
        return replies.ok(n);
    }

    /**
     * The presale switch of a SKU: below {@code threshold} sellable units the channels are offered {@code quota}
     * units as presale; a threshold of 0 turns presale off. Saved in the catalog like an import, so the channels get
     * the new quantities at once.
     */
    private HttpReply presale(InventoryService inv, String code, ObjectNode body, Caller caller) {
        Optional<CatalogService> cat = catalog.get();
        if (cat.isEmpty()) {
            return notInstalled();
        }
        JsonFields f = new JsonFields(body, "threshold", "quota", "reason");
        int threshold = f.integer("threshold");
        int quota = f.integer("quota");
        String reason = f.text("reason");
        if (!f.problems.isEmpty()) {
            return replies.problems(400, "invalid body", f.problems);
        }
        List<String> problems = new ArrayList<>();
        if (threshold < 0) {
            problems.add("threshold: must be 0 (presale off) or more, was " + threshold);
        }
        if (quota < 0 || (threshold > 0 && quota == 0)) {
            problems.add("quota: must be above 0 while presale is on, was " + quota);
        }
        if (!problems.isEmpty()) {
            return replies.problems(422, "invalid presale switch", problems);
        }
        Optional<org.ordertower.api.inventory.Sku> found = cat.get().sku(code);
        if (found.isEmpty()) {
            return replies.error(404, "unknown SKU '" + code + "'");
        }
        org.ordertower.api.inventory.Sku s = found.get();
        cat.get().saveSku(new org.ordertower.api.inventory.Sku(s.code(), s.name(), s.barcode(), s.basePrice(), s.weightGrams(),
                s.attributes(), s.coldChain(), s.parts(), s.lowStockThreshold(), threshold, quota));
        logger.info("{} sets the presale of {} to {} (was threshold {}, quota {}): {}", caller.actor(), code,
                threshold == 0 ? "off" : "threshold " + threshold + ", quota " + quota, s.presaleThreshold(),
                s.presaleQuota(), reason);
        return view(inv, code);
    }

    /** A SKU is the only input of {@link InventoryService#view}, so a refusal means there is no such SKU. */
    private HttpReply view(InventoryService inv, String sku) {
        StockView view;
        try {
            view = inv.view(sku);
        } catch (InventoryException e) {
            return replies.error(404, e.getMessage());
        }
        ObjectNode n = (ObjectNode) json.tree(view);
        ArrayNode rows = n.putArray("rows");
        view.rows().forEach(r -> rows.add(row(r)));
        return replies.ok(n);
    }

    private HttpReply receive(InventoryService inv, String sku, ObjectNode body, Caller caller) {
        JsonFields f = new JsonFields(body, "warehouse", "quantity", "reference");
        String warehouse = f.text("warehouse");
        int quantity = f.integer("quantity");
        String reference = f.text("reference");
        if (!f.problems.isEmpty()) {
            return replies.problems(400, "invalid body", f.problems);
        }
        return replies.ok(row(inv.receive(sku, warehouse, quantity, reference, caller.actor())));
    }

    private HttpReply adjust(InventoryService inv, String sku, ObjectNode body, Caller caller) {
        JsonFields f = new JsonFields(body, "warehouse", "delta", "reason");
        String warehouse = f.text("warehouse");
        int delta = f.integer("delta");
        String reason = f.text("reason");
        if (!f.problems.isEmpty()) {
            return replies.problems(400, "invalid body", f.problems);
        }
        return replies.ok(row(inv.adjust(sku, warehouse, delta, caller.actor(), reason)));
    }

    private HttpReply check(InventoryService inv) {
        LedgerCheck check = inv.check();
        ObjectNode n = (ObjectNode) json.tree(check);
        n.put("ok", check.ok());
        return replies.ok(n);
    }

    /**
     * Like {@code stock:pushes}, one page, newest first: with {@code failed=true}, only the failures among the pushes this
     * node keeps. {@code next} is the push number ({@code id}) to pass as {@code after}.
     */
    private HttpReply pushes(InventoryService inv, Map<String, String> query) {
        int limit = QueryParams.limit(query, DEFAULT_LIMIT, MAX_LIMIT);
        boolean failed = QueryParams.bool(query, "failed");
        Long after = QueryParams.afterId(query);
        return page(KeysetPage.of(inv.recentPushes(after, failed, limit + 1), limit, p -> String.valueOf(p.id())));
    }

    /** Like {@code stock:alerts}, one page, newest first; {@code next} is the alert id to pass as {@code after}. */
    private HttpReply alerts(InventoryService inv, Map<String, String> query) {
        int limit = QueryParams.limit(query, DEFAULT_LIMIT, MAX_LIMIT);
        Long after = QueryParams.afterId(query);
        return page(KeysetPage.of(inv.alerts(after, limit + 1), limit, a -> String.valueOf(a.id())));
    }

    private HttpReply page(KeysetPage<?> page) {
        return replies.ok(page.write(json.object(), json::tree));
    }

    /** A row with its sellable units, which are computed, not a component of the record. */
    private ObjectNode row(StockRow r) {
        ObjectNode n = (ObjectNode) json.tree(r);
        n.put("sellable", r.sellable());
        return n;
    }

    // ---- catalog

    private HttpReply catalog(String method, String path, List<String> segments, Map<String, String> query,
            String contentType, String body) {
        if (segments.size() != 1) {
            return replies.error(404, "no such resource " + path + "; the catalog tables are at " + CATALOG_BASE + "/{table}, "
                    + "one of " + TABLES);
        }
        Optional<CatalogTable> table = Arrays.stream(CatalogTable.values()).filter(t -> name(t).equalsIgnoreCase(segments.get(0)))
                .findFirst();
        if (table.isEmpty()) {
            return replies.error(404, "no catalog table '" + segments.get(0) + "'; use one of " + TABLES);
        }
        Optional<CatalogService> service = catalog.get();
        if (service.isEmpty()) {
            return notInstalled();
        }
        return switch (method) {
            case "GET" -> export(service.get(), table.get());
            case "POST" -> importCsv(service.get(), table.get(), query, contentType, body);
            default -> replies.notAllowed(method, path, "GET, POST");
        };
    }

    private HttpReply importCsv(CatalogService cat, CatalogTable table, Map<String, String> query, String contentType,
            String body) {
        HttpReply bad = replies.unreadable(contentType, "text/csv", body, MAX_CSV,
                "the body is empty; send the CSV file with its header row");
        if (bad != null) {
            return bad;
        }
        boolean dryRun = QueryParams.bool(query, "dryRun");
        ImportReport report = cat.importCsv(table, new StringReader(body), dryRun);
        int badRows = report.errors().size();
        if (badRows == 0) {
            ObjectNode n = json.object();
            n.setAll((ObjectNode) json.tree(report));
            n.put("dryRun", dryRun);
            return replies.json(200, n);
        }
        // a problem detail like every other refusal, with the import report's members beside it
        List<String> lines = report.errors().stream().map(e -> "line " + e.line() + ": " + e.reason()).toList();
        ObjectNode n = JsonReplies.problem(json.object(), 422, badRows + (badRows == 1 ? " bad row" : " bad rows")
                + " in the " + name(table) + " file; nothing was imported: " + String.join("; ", lines));
        n.set("problems", json.tree(lines));
        n.putArray("fields");
        n.setAll((ObjectNode) json.tree(report));
        n.put("dryRun", dryRun);
        return new HttpReply(422, json.toJson(n), java.util.Map.of(), JsonReplies.PROBLEM_JSON);
    }

    private HttpReply export(CatalogService cat, CatalogTable table) {
        StringWriter out = new StringWriter();
        cat.exportCsv(table, out);
        return new HttpReply(200, out.toString(), Map.of("Content-Disposition", "attachment; filename=\"" + name(table) + ".csv\""),
                CSV);
    }

    private static String name(CatalogTable table) {
        return table.name().toLowerCase(Locale.ROOT);
    }

    // ---- plumbing

    private HttpReply notInstalled() {
        return replies.unavailable("the inventory is not installed");
    }

    private static boolean under(String path, String base) {
        return path.equals(base) || path.startsWith(base + "/");
    }

    /** The percent-decoded path segments after {@code base}; none for the base itself. */
    private static List<String> segments(String path, String base) {
        String rest = path.substring(base.length());
        if (rest.isEmpty() || rest.equals("/")) {
            return List.of();
        }
        List<String> out = new ArrayList<>();
        for (String segment : rest.substring(1).split("/", -1)) {
            try {
                // a '+' in a path is a plus, not a space
                out.add(URLDecoder.decode(segment.replace("+", "%2B"), StandardCharsets.UTF_8));
            } catch (IllegalArgumentException e) {
                throw new IllegalArgumentException("path segment '" + segment + "' is not valid percent-encoding");
            }
        }
        return out;
    }
}
