package org.ordertower.testing.hostile;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.function.BiConsumer;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ContainerNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * A corpus of malformed and hostile JSON payloads built from one valid payload, so that every intake and every
 * channel's mapping is tried against the same kinds of attack:
 * <ul>
 * <li><b>truncated</b>: every prefix of the payload (cut off mid-way, as a dropped connection leaves it);</li>
 * <li><b>each field wrong</b>: every leaf of the document set to each of {@link #VALUES}: wrong types, empty and blank
 * strings, NUL and terminal control characters, bidirectional overrides, SQL, JNDI and script injection, path
 * traversal, huge, negative, zero and non-finite numbers, unknown enum values, impossible dates, 70,000-character
 * texts, empty and nested containers;</li>
 * <li><b>each field missing</b>: every leaf removed, and every object or array removed whole;</li>
 * <li><b>whole-body attacks</b>: 100,000-deep arrays and 50,000-deep objects, ten megabytes in one field, a BOM, two
 * documents, an array of them, a bare string, number or null, XML with external entities, comments, trailing garbage,
 * an unpaired surrogate.</li>
 * </ul>
 * Names are unique and say what each payload is; the order is fixed, so a failure names the same payload every run.
 * <p>
 * For property tests it also gives a deep copy with the object keys in a random order ({@link #shuffled}) and a copy
 * with one node replaced or removed ({@link #damaged}), driven by plain numbers so that any generator can choose them.
 */
public final class HostileJson {
    private static final ObjectMapper MAPPER = new ObjectMapper();

    /** The wrong or hostile values each field is set to. */
    public static final List<Object> VALUES = List.of("", " ", "\u0000", "\u202e\u0007\u001b[31m",
            "<script>alert(1)</script>", "' OR 1=1; DROP TABLE orders; --", "${jndi:ldap://127.0.0.1/x}",
            "../../etc/passwd", "NaN", "-1", "0", "1e400", "9".repeat(400), "x".repeat(70_000), -1, 0, Long.MAX_VALUE,
            1e308, -1e308, true, "UNKNOWN_ENUM", "2026-13-45T99:99:99Z", List.of(), Map.of(), Map.of("a", List.of(1, 2)));

    /** What {@link #damaged} puts in place of a node, as JSON texts. */
    private static final List<String> DAMAGE = List.of("null", "\"\"", "\" \"", "\"x\"", "-1", "0", "1.5", "true",
            "{}", "[]", "[\"x\"]", "{\"a\":1}", "99999999999999999999999");

    private HostileJson() {
    }

    /** The corpus of {@code valid}, name to payload. */
    public static Map<String, String> corpus(String valid) {
        return corpus(valid, (copy, n) -> { });
    }

    /**
     * The corpus of {@code valid}, name to payload.
     *
     * @param tag called on every copy with a running number before the copy is changed, so that a caller can give each
     *            payload an id of its own (for example, to store each as a separate order) that the change may then
     *            spoil like any other field
     */
    public static Map<String, String> corpus(String valid, BiConsumer<ObjectNode, Integer> tag) {
        JsonNode root;
        try {
            root = MAPPER.readTree(valid);
        } catch (IOException e) {
            throw new UncheckedIOException("the payload to build a corpus from is not JSON", e);
        }
        if (!(root instanceof ObjectNode doc)) {
            throw new IllegalArgumentException("the payload to build a corpus from must be a JSON object");
        }
        String base = doc.toString();
        Map<String, String> c = new LinkedHashMap<>();
        for (int i = 0; i < base.length(); i++) {
            c.put("prefix " + i, base.substring(0, i));
        }
        List<String> leaves = new ArrayList<>();
        List<String> containers = new ArrayList<>();
        paths(doc, "", leaves, containers);
        int n = 0;
        for (String path : leaves) {
            for (Object v : VALUES) {
                ObjectNode copy = doc.deepCopy();
                tag.accept(copy, n++);
                set(copy, path, MAPPER.valueToTree(v));
                c.put(name(path, v), copy.toString());
            }
            ObjectNode without = doc.deepCopy();
            tag.accept(without, n++);
            remove(without, path);
            c.put("without " + path, without.toString());
        }
        for (String path : containers) {
            ObjectNode without = doc.deepCopy();
            tag.accept(without, n++);
            remove(without, path);
            c.put("without all of " + path, without.toString());
        }
        String firstText = firstText(doc);
        c.put("deep nesting", "[".repeat(100_000) + "]".repeat(100_000));
        c.put("deep object", "{\"a\":".repeat(50_000) + "1" + "}".repeat(50_000));
        if (firstText != null) {
            c.put("ten megabytes in one field", base.replaceFirst(java.util.regex.Pattern.quote(firstText),
                    "S".repeat(10 * 1024 * 1024)));
        }
        c.put("a BOM first", "\ufeff" + base);
        c.put("two documents", base + base);
        c.put("an array of documents", "[" + base + "," + base + "]");
        c.put("an empty object", "{}");
        c.put("an empty array", "[]");
        c.put("a string", "\"order\"");
        c.put("a number", "42");
        c.put("null", "null");
        c.put("nothing", "");
        c.put("blanks", " \r\n\t ");
        c.put("xml with an external entity",
                "<?xml version=\"1.0\"?><!DOCTYPE o [<!ENTITY x SYSTEM \"file:///etc/passwd\">]><o>&x;</o>");
        c.put("comments", "/* hi */" + base);
        c.put("trailing garbage", base + "}}}");
        c.put("single quotes", base.replace('"', '\''));
        c.put("an unpaired surrogate", base.replaceFirst("\"", "\"\\\\ud800"));
        c.put("a NUL byte inside", base.substring(0, base.length() / 2) + "\u0000" + base.substring(base.length() / 2));
        c.put("a replacement character (invalid UTF-8 decoded)", base.replaceFirst("\"", "\"\ufffd\ufffd"));
        return c;
    }

    /** The name of the payload with the leaf at {@code path} set to {@code value}: the value as JSON, cut at 30. */
    public static String name(String path, Object value) {
        return path + " = " + abbreviate(MAPPER.valueToTree(value).toString());
    }

    private static String firstText(JsonNode n) {
        if (n.isTextual() && !n.asText().isEmpty()) {
            return "\"" + n.asText() + "\"";
        }
        for (JsonNode child : n) {
            String t = firstText(child);
            if (t != null && !t.contains("\\")) {
                return t;
            }
        }
        return null;
    }

    private static void paths(JsonNode n, String at, List<String> leaves, List<String> containers) {
        if (n.isObject()) {
            for (Iterator<Map.Entry<String, JsonNode>> it = n.fields(); it.hasNext();) {
                Map.Entry<String, JsonNode> e = it.next();
                String p = at.isEmpty() ? e.getKey() : at + "." + e.getKey();
                if (e.getValue().isContainerNode()) {
                    containers.add(p);
                }
                paths(e.getValue(), p, leaves, containers);
            }
        } else if (n.isArray()) {
            for (int i = 0; i < n.size(); i++) {
                String p = at + "." + i;
                if (n.get(i).isContainerNode()) {
                    containers.add(p);
                }
                paths(n.get(i), p, leaves, containers);
            }
        } else {
            leaves.add(at);
        }
    }

    private static ContainerNode<?> parent(ObjectNode root, String[] parts) {
        JsonNode n = root;
        for (int i = 0; i < parts.length - 1; i++) {
            n = n.isArray() ? n.get(Integer.parseInt(parts[i])) : n.get(parts[i]);
        }
        return (ContainerNode<?>) n;
    }

    /** Sets the value at a dotted path of object keys and array indexes. */
    public static void set(ObjectNode root, String path, JsonNode value) {
        String[] parts = path.split("\\.");
        ContainerNode<?> p = parent(root, parts);
        String last = parts[parts.length - 1];
        if (p instanceof ArrayNode a) {
            a.set(Integer.parseInt(last), value);
        } else {
            ((ObjectNode) p).set(last, value);
        }
    }

    /** Removes the value at a dotted path of object keys and array indexes. */
    public static void remove(ObjectNode root, String path) {
        String[] parts = path.split("\\.");
        ContainerNode<?> p = parent(root, parts);
        String last = parts[parts.length - 1];
        if (p instanceof ArrayNode a) {
            a.remove(Integer.parseInt(last));
        } else {
            ((ObjectNode) p).remove(last);
        }
    }

    /**
     * A deep copy of {@code node} whose objects list their keys in a random order; arrays keep the order of their
     * elements. The same {@code random} state gives the same order.
     */
    public static JsonNode shuffled(JsonNode node, Random random) {
        if (node.isObject()) {
            List<String> names = new ArrayList<>();
            node.fieldNames().forEachRemaining(names::add);
            Collections.shuffle(names, random);
            ObjectNode copy = MAPPER.createObjectNode();
            names.forEach(name -> copy.set(name, shuffled(node.get(name), random)));
            return copy;
        }
        if (node.isArray()) {
            ArrayNode copy = MAPPER.createArrayNode();
            node.forEach(e -> copy.add(shuffled(e, random)));
            return copy;
        }
        return node;
    }

    /** The values {@link #damaged(JsonNode, int, int)} puts in place of a node, as JSON texts. */
    public static List<String> damageValues() {
        return DAMAGE;
    }

    /**
     * {@code root} as JSON text with one node replaced or removed, using {@link #damageValues()}.
     *
     * @see #damaged(JsonNode, int, int, List)
     */
    public static String damaged(JsonNode root, int node, int value) {
        return damaged(root, node, value, DAMAGE);
    }

    /**
     * {@code root} as JSON text with one node (an object member or an array element, leaf or container) replaced or
     * removed. The slots are every member and element, depth-first, each before its own children; the one changed is
     * slot {@code node % slots}. It is set to the {@code value}-th of {@code values}, or removed when {@code value >=
     * values.size()}. {@code root} itself is changed in place.
     *
     * @param node any number {@code >= 0}
     * @param value {@code 0..values.size()}, where {@code values.size()} means removal
     * @param values JSON texts
     * @throws IllegalArgumentException if {@code root} has no member or element, {@code node} or {@code value} is
     *             negative, or the chosen value is not JSON
     */
    public static String damaged(JsonNode root, int node, int value, List<String> values) {
        if (node < 0 || value < 0) {
            throw new IllegalArgumentException("node and value must not be negative: " + node + ", " + value);
        }
        List<Object[]> slots = new ArrayList<>();
        slots(root, slots);
        if (slots.isEmpty()) {
            throw new IllegalArgumentException("nothing to damage: no object member or array element in " + root);
        }
        Object[] slot = slots.get(node % slots.size());
        JsonNode replacement = value < values.size() ? json(values.get(value)) : null;
        if (slot[0] instanceof ObjectNode parent) {
            if (replacement == null) {
                parent.remove((String) slot[1]);
            } else {
                parent.set((String) slot[1], replacement);
            }
        } else {
            ArrayNode parent = (ArrayNode) slot[0];
            if (replacement == null) {
                parent.remove((Integer) slot[1]);
            } else {
                parent.set((Integer) slot[1], replacement);
            }
        }
        return root.toString();
    }

    /** Every object member and array element under {@code n} as {parent, key or index}, depth-first. */
    private static void slots(JsonNode n, List<Object[]> out) {
        if (n instanceof ObjectNode o) {
            o.fieldNames().forEachRemaining(name -> {
                out.add(new Object[] { o, name });
                slots(o.get(name), out);
            });
        } else if (n instanceof ArrayNode a) {
            for (int i = 0; i < a.size(); i++) {
                out.add(new Object[] { a, i });
                slots(a.get(i), out);
            }
        }
    }

    private static JsonNode json(String text) {
        try {
            return MAPPER.readTree(text);
        } catch (IOException e) {
            throw new IllegalArgumentException("not JSON: " + text, e);
        }
    }

    private static String abbreviate(String s) {
        return s.length() > 30 ? s.substring(0, 30) + "…(" + s.length() + ")" : s;
    }
}
