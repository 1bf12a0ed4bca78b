package org.ordertower.channel.jd.internal;

import org.ordertower.channel.jd.internal.api.JdWire;

/**
 * Where a listing download stands: {@code jdsku1.<pageNo>.<pageSize>}, the searchSkuList page to read next and the
 * page size it was counted with (so a download resumed after a configuration change reads the same pages).
 */
record JdListingToken(int pageNo, int pageSize) {
    private static final String MARK = "jdsku1";

    String encode() {
        return String.join(".", MARK, Integer.toString(pageNo), Integer.toString(pageSize));
    }

    /** @throws org.ordertower.api.channel.ChannelException PERMANENT for text this connector did not write */
    static JdListingToken decode(String text) {
        String[] part = text == null ? new String[0] : text.split("\\.", -1);
        if (part.length == 3 && MARK.equals(part[0]) && part[1].matches("\\d{1,6}") && part[2].matches("\\d{1,2}")) {
            JdListingToken t = new JdListingToken(Integer.parseInt(part[1]), Integer.parseInt(part[2]));
            if (t.pageNo >= 2 && t.pageSize >= 1 && t.pageSize <= JdConstants.MAX_SKU_PAGE_SIZE) {
                return t;
            }
        }
        throw JdWire.failure("listing page token '" + text + "' was not issued by this connector", null);
    }
}
