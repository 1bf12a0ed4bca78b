package org.ordertower.inventory.internal.catalog;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.Writer;
import java.util.ArrayList;
import java.util.List;

/**
 * A small RFC 4180 reader and writer: fields separated by commas, quoted when they hold a comma, a
 * quote or a line break, quotes doubled inside quotes. Reads CRLF or LF line ends and skips a
 * leading UTF-8 byte order mark; writes CRLF.
 */
final class Csv {
    private Csv() {
    }

    /** One record and the line of the file it starts on (1 is the first line). */
    record Row(int line, List<String> fields) {
        Row {
            fields = List.copyOf(fields);
        }

        /** True for an empty line, which carries no data. */
        boolean blank() {
            return fields.size() == 1 && fields.get(0).isEmpty();
        }
    }

    /** The file is not valid CSV at {@code line}. */
    static final class SyntaxError extends Exception {
        private static final long serialVersionUID = 1L;
        private final int line;

        SyntaxError(int line, String message) {
            super(message);
            this.line = line;
        }

        int line() {
            return line;
        }
    }

    /** Reads records one at a time; not thread-safe. */
    static final class Reader {
        private static final int EOF = -1;
        private final BufferedReader in;
        private int line = 1;
        private int peeked = -2;
        private boolean started;

        Reader(java.io.Reader in) {
            this.in = in instanceof BufferedReader b ? b : new BufferedReader(in);
        }

        /** The next record, or null at the end of the file. */
        Row next() throws IOException, SyntaxError {
            if (!started) {
                started = true;
                if (peek() == '\uFEFF') {
                    read();
                }
            }
            if (peek() == EOF) {
                return null;
            }
            int start = line;
            List<String> fields = new ArrayList<>();
            StringBuilder field = new StringBuilder();
            while (true) {
                int c = read();
                if (c == '"' && field.length() == 0) {
                    readQuoted(field);
                    c = read();
                    if (c != ',' && c != EOF && c != '\r' && c != '\n') {
                        throw new SyntaxError(line, "unexpected character '" + (char) c + "' after a closing quote");
                    }
                }
                if (c == ',') {
                    fields.add(field.toString());
                    field.setLength(0);
                } else if (c == EOF || endOfLine(c)) {
                    fields.add(field.toString());
                    return new Row(start, fields);
                } else {
                    field.append((char) c);
                }
            }
        }

        private void readQuoted(StringBuilder field) throws IOException, SyntaxError {
            int opened = line;
            while (true) {
                int c = read();
                if (c == EOF) {
                    throw new SyntaxError(opened, "unterminated quote: the quoted field opened on line " + opened
                            + " is never closed");
                }
                if (c == '"') {
                    if (peek() != '"') {
                        return;
                    }
                    read();
                }
                if (c == '\n' || (c == '\r' && peek() != '\n')) {
                    line++;
                }
                field.append((char) c);
            }
        }

        /** Consumes a line end (CRLF, LF or a lone CR) that starts with {@code c}. */
        private boolean endOfLine(int c) throws IOException {
            if (c == '\r') {
                if (peek() == '\n') {
                    read();
                }
                line++;
                return true;
            }
            if (c == '\n') {
                line++;
                return true;
            }
            return false;
        }

        private int peek() throws IOException {
            if (peeked == -2) {
                peeked = in.read();
            }
            return peeked;
        }

        private int read() throws IOException {
            int c = peek();
            peeked = -2;
            return c;
        }
    }

    /** Writes one record and a CRLF. */
    static void write(Writer out, List<String> fields) throws IOException {
        for (int i = 0; i < fields.size(); i++) {
            if (i > 0) {
                out.write(',');
            }
            out.write(quote(fields.get(i)));
        }
        out.write("\r\n");
    }

    static String quote(String field) {
        if (field == null) {
            return "";
        }
        if (field.indexOf(',') < 0 && field.indexOf('"') < 0 && field.indexOf('\n') < 0 && field.indexOf('\r') < 0) {
            return field;
        }
        return '"' + field.replace("\"", "\"\"") + '"';
    }
}
