package org.ordertower.fulfilment.internal;

import java.util.ArrayList;
import java.util.List;

import org.ordertower.api.fulfilment.ParcelLine;

/**
 * A parcel's lines in one column: {@code lineNo<TAB>sku<TAB>quantity<TAB>name}, one per line. Tabs and
 * line breaks in a name are replaced by spaces (names are for labels only).
 */
final class ParcelLines {
    private ParcelLines() {
    }

    static String write(List<ParcelLine> lines) {
        StringBuilder b = new StringBuilder();
        for (ParcelLine l : lines) {
            b.append(clean(l.lineNo())).append('\t').append(clean(l.sku())).append('\t').append(l.quantity()).append('\t')
                    .append(l.name() == null ? "" : clean(l.name())).append('\n');
        }
        return b.toString();
    }

    static List<ParcelLine> read(String text) {
        List<ParcelLine> out = new ArrayList<>();
        if (text == null) {
            return out;
        }
        for (String row : text.split("\n")) {
            if (row.isEmpty()) {
                continue;
            }
            String[] f = row.split("\t", -1);
            if (f.length < 3) {
                throw new IllegalStateException("malformed parcel line '" + row + "'");
            }
            out.add(new ParcelLine(f[0], f[1], f.length > 3 && !f[3].isEmpty() ? f[3] : null, Integer.parseInt(f[2])));
        }
        return out;
    }

    private static String clean(String s) {
        return s.replace('\t', ' ').replace('\n', ' ').replace('\r', ' ');
    }
}
