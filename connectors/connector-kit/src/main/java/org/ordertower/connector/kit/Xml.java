package org.ordertower.connector.kit;

import java.io.IOException;
import java.io.StringReader;
import java.util.ArrayList;
import java.util.List;

import javax.xml.XMLConstants;
import javax.xml.parsers.DocumentBuilder;
import javax.xml.parsers.DocumentBuilderFactory;
import javax.xml.parsers.ParserConfigurationException;

import org.w3c.dom.Element;
import org.w3c.dom.Node;
import org.xml.sax.ErrorHandler;
import org.xml.sax.InputSource;
import org.xml.sax.SAXException;
import org.xml.sax.SAXParseException;

/**
 * Hostile-safe XML for partners that speak it: the JDK's DOM parser with DOCTYPE declarations refused outright
 * (so no external entities, no entity expansion bombs, no DTD fetches), XInclude off, and a few helpers to read
 * and write the simple element-only documents such protocols use. Thread-safe (a new builder per parse).
 */
public final class Xml {
    private Xml() {
    }

    /** A document that cannot be read, with a reason fit for an error message (no document content in it). */
    public static final class XmlException extends Exception {
        private static final long serialVersionUID = 1L;

        public XmlException(String message, Throwable cause) {
            super(message, cause);
        }
    }

    /**
     * Parses a whole document and gives its root element.
     *
     * @throws XmlException when the text is empty, not well-formed (truncated...) or declares a DOCTYPE
     */
    public static Element parse(String text) throws XmlException {
        if (text == null || text.isBlank()) {
            throw new XmlException("the body is empty", null);
        }
        try {
            DocumentBuilder builder = BUILDER.get();
            builder.reset(); // a parse that failed half-way leaves nothing behind
            builder.setErrorHandler(SILENT);
            builder.setEntityResolver(NO_ENTITIES);
            return builder.parse(new InputSource(new StringReader(text))).getDocumentElement();
        } catch (SAXParseException e) {
            String reason = e.getMessage() == null ? "not well-formed" : e.getMessage();
            if (reason.contains("DOCTYPE")) {
                throw new XmlException("a DOCTYPE is not allowed (DTDs and entities are refused)", e);
            }
            throw new XmlException("not well-formed XML at line " + e.getLineNumber() + ", column " + e.getColumnNumber()
                    + ": " + reason, e);
        } catch (SAXException e) {
            throw new XmlException("not acceptable XML: " + e.getMessage(), e);
        } catch (IOException e) {
            throw new XmlException("unreadable XML: " + e.getMessage(), e);
        }
    }

    private static final org.xml.sax.EntityResolver NO_ENTITIES = (publicId, systemId) -> {
        throw new SAXException("external entities are not allowed");
    };

    /**
     * One safe parser per thread: making the factory (a service lookup) and the parser cost more than most parses of a
     * partner's callback, which came one per parcel event.
     */
    private static final ThreadLocal<DocumentBuilder> BUILDER = ThreadLocal.withInitial(() -> {
        try {
            return factory().newDocumentBuilder();
        } catch (ParserConfigurationException e) {
            throw new IllegalStateException("the JDK's XML parser cannot be made safe: " + e.getMessage(), e);
        }
    });

    private static DocumentBuilderFactory factory() throws ParserConfigurationException {
        DocumentBuilderFactory f = DocumentBuilderFactory.newInstance();
        f.setFeature("http://apache.org/xml/features/disallow-doctype-decl", true);
        f.setFeature("http://xml.org/sax/features/external-general-entities", false);
        f.setFeature("http://xml.org/sax/features/external-parameter-entities", false);
        f.setFeature("http://apache.org/xml/features/nonvalidating/load-external-dtd", false);
        f.setFeature(XMLConstants.FEATURE_SECURE_PROCESSING, true);
        f.setAttribute(XMLConstants.ACCESS_EXTERNAL_DTD, "");
        f.setAttribute(XMLConstants.ACCESS_EXTERNAL_SCHEMA, "");
        f.setXIncludeAware(false);
        f.setExpandEntityReferences(false);
        f.setNamespaceAware(false);
        return f;
    }

    private static final ErrorHandler SILENT = new ErrorHandler() {
        @Override
        public void warning(SAXParseException e) {
            // warnings do not stop a parse and must not reach stderr
        }

        @Override
        public void error(SAXParseException e) throws SAXException {
            throw e;
        }

        @Override
        public void fatalError(SAXParseException e) throws SAXException {
            throw e;
        }
    };

    /** The first child element of that name, or null. */
    public static Element child(Element parent, String name) {
        if (parent == null) {
            return null;
        }
        for (Node n = parent.getFirstChild(); n != null; n = n.getNextSibling()) {
            if (n instanceof Element e && name.equals(e.getTagName())) {
                return e;
            }
        }
        return null;
    }

    /** The child elements of that name, in document order. */
    public static List<Element> children(Element parent, String name) {
        List<Element> out = new ArrayList<>();
        if (parent == null) {
            return out;
        }
        for (Node n = parent.getFirstChild(); n != null; n = n.getNextSibling()) {
            if (n instanceof Element e && name.equals(e.getTagName())) {
                out.add(e);
            }
        }
        return out;
    }

    /** The stripped text of the first child element of that name, or null when absent or blank. */
    public static String text(Element parent, String name) {
        Element e = child(parent, name);
        if (e == null) {
            return null;
        }
        String t = e.getTextContent();
        return t == null || t.isBlank() ? null : t.strip();
    }

    /** Text with {@code & < > " '} escaped for element content and attribute values. */
    public static String escape(String text) {
        StringBuilder sb = new StringBuilder(text.length() + 16);
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            switch (c) {
                case '&' -> sb.append("&amp;");
                case '<' -> sb.append("&lt;");
                case '>' -> sb.append("&gt;");
                case '"' -> sb.append("&quot;");
                case '\'' -> sb.append("&apos;");
                default -> {
                    // characters XML 1.0 cannot carry at all are dropped rather than sent broken
                    if (c >= 0x20 || c == '\t' || c == '\n' || c == '\r') {
                        sb.append(c);
                    }
                }
            }
        }
        return sb.toString();
    }

    /** Writes an element-only document: {@code open}, {@code leaf}, {@code close}, then {@link #toString()}. */
    public static final class Writer {
        private final StringBuilder sb = new StringBuilder("<?xml version=\"1.0\" encoding=\"utf-8\"?>");

        public Writer open(String name) {
            sb.append('<').append(name).append('>');
            return this;
        }

        public Writer close(String name) {
            sb.append("</").append(name).append('>');
            return this;
        }

        /** {@code <name>value</name>}, or nothing when value is null. */
        public Writer leaf(String name, Object value) {
            if (value != null) {
                sb.append('<').append(name).append('>').append(escape(value.toString())).append("</").append(name)
                        .append('>');
            }
            return this;
        }

        @Override
        public String toString() {
            return sb.toString();
        }
    }
}
