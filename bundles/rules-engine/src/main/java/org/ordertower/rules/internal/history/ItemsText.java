package org.ordertower.rules.internal.history;

import java.util.ArrayList;
import java.util.List;

import org.ordertower.api.inventory.StockItem;

/** The {@code items} column of {@code screen_fact}: a fact's items as text ({@code SKU*2;SKU2*1}) and back. */
final class ItemsText {
    private static final int MAX_ITEMS_TEXT = 4000;

    private ItemsText() {
    }

    /** {@code SKU*2;SKU2*1}, cut at whole items to fit the column. */
    static String of(List<StockItem> items) {
        StringBuilder b = new StringBuilder();
        for (StockItem i : items) {
            String one = (b.length() == 0 ? "" : ";") + i.sku() + "*" + i.quantity();
            if (b.length() + one.length() > MAX_ITEMS_TEXT) {
                break;
            }
            b.append(one);
        }
        return b.toString();
    }

    static List<StockItem> items(String text) {
        List<StockItem> out = new ArrayList<>();
        if (text == null || text.isEmpty()) {
            return out;
        }
        try {
            for (String part : text.split(";")) {
                int star = part.lastIndexOf('*');
                out.add(new StockItem(part.substring(0, star), Integer.parseInt(part.substring(star + 1))));
            }
        } catch (RuntimeException e) { // a SKU with ';' in it (the text cannot tell it apart)
            throw new UnreadableItems("cannot read the items of a screened order: '" + text + "'", e);
        }
        return out;
    }

    /** The items as the table gives them back, or null when the text does not parse (memory keeps the text). */
    static List<StockItem> parsed(String text) {
        try {
            return items(text);
        } catch (RuntimeException e) {
            return null;
        }
    }

    /** A fact's items text that does not parse: the look-up fails, from the table as from memory. */
    static final class UnreadableItems extends IllegalStateException {
        private static final long serialVersionUID = 1L;

        UnreadableItems(String message, Throwable cause) {
            super(message, cause);
        }
    }
}
