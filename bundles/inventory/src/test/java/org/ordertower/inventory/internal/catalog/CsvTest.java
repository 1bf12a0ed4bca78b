package org.ordertower.inventory.internal.catalog;

import static org.junit.jupiter.api.Assertions.*;

import java.io.StringReader;
import java.io.StringWriter;
import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.Test;

class CsvTest {

    private static List<Csv.Row> read(String text) throws Exception {
        Csv.Reader r = new Csv.Reader(new StringReader(text));
        List<Csv.Row> rows = new ArrayList<>();
        for (Csv.Row row = r.next(); row != null; row = r.next()) {
            rows.add(row);
        }
        return rows;
    }

    @Test
    void readsQuotedCommasQuotesAndLineBreaksWithTheLineEachRecordStartsOn() throws Exception {
        List<Csv.Row> rows = read("a,b,c\r\n\"x, y\",\"say \"\"hi\"\"\",\"two\nlines\"\r\nplain,,last\n");
        assertEquals(3, rows.size());
        assertEquals(List.of("a", "b", "c"), rows.get(0).fields());
        assertEquals(List.of("x, y", "say \"hi\"", "two\nlines"), rows.get(1).fields());
        assertEquals(2, rows.get(1).line());
        assertEquals(List.of("plain", "", "last"), rows.get(2).fields());
        assertEquals(4, rows.get(2).line(), "the quoted line break moves the next record to line 4");
    }

    @Test
    void skipsAByteOrderMarkAndAcceptsAMissingFinalLineEnd() throws Exception {
        List<Csv.Row> rows = read("\uFEFFcode,name\nA,\"Ä\"");
        assertEquals(List.of("code", "name"), rows.get(0).fields());
        assertEquals(List.of("A", "Ä"), rows.get(1).fields());
        assertEquals(2, rows.size());
    }

    @Test
    void anUnterminatedQuoteIsReportedWithTheLineItOpensOn() {
        Csv.SyntaxError e = assertThrows(Csv.SyntaxError.class, () -> read("a,b\nc,d\ne,\"never\nclosed\n"));
        assertEquals(3, e.line());
        assertTrue(e.getMessage().contains("unterminated quote"), e.getMessage());
    }

    @Test
    void textAfterAClosingQuoteIsAnError() {
        Csv.SyntaxError e = assertThrows(Csv.SyntaxError.class, () -> read("a\n\"x\"y\n"));
        assertEquals(2, e.line());
    }

    @Test
    void writesWhatItReads() throws Exception {
        List<String> fields = List.of("", "plain", "a,b", "q\"uote", "line\r\nbreak", " spaced ");
        StringWriter out = new StringWriter();
        Csv.write(out, fields);
        assertEquals(",plain,\"a,b\",\"q\"\"uote\",\"line\r\nbreak\", spaced \r\n", out.toString());
        assertEquals(fields, read(out.toString()).get(0).fields());
    }
}
