package org.ordertower.channel.douyin.internal;

import static org.ordertower.channel.douyin.internal.DouyinConstants.MAX_PRODUCT_PAGE_SIZE;
import static org.ordertower.channel.douyin.internal.DouyinConstants.MAX_PRODUCT_WINDOW;
import static org.ordertower.channel.douyin.internal.DouyinConstants.PRODUCT_FIRST_PAGE;

import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.ordertower.api.channel.ChannelException;

/**
 * Where a listings download stands: the product.listV2 {@code page} (from 1) to ask for next, at {@code size}
 * products a page. The size travels with the token so a download resumed after a configuration change keeps its
 * offsets. Text form: {@code dyl1:<page>:<size>}.
 */
record DouyinListingToken(int page, int size) {
    private static final Pattern FORM = Pattern.compile("dyl1:(\\d{1,5}):(\\d{1,3})");

    static DouyinListingToken first(int size) {
        return new DouyinListingToken(PRODUCT_FIRST_PAGE, size);
    }

    /**
     * @throws ChannelException PERMANENT when the text is not a token this connector issued, or names a page the
     *     platform would refuse (size outside 1..100, page × size over 10,000)
     */
    static DouyinListingToken parse(String text) {
        Matcher m = FORM.matcher(text);
        if (!m.matches()) {
            throw new ChannelException(ChannelException.Kind.PERMANENT, "douyin: '" + abbreviate(text)
                    + "' is not a listings page token");
        }
        int page = Integer.parseInt(m.group(1));
        int size = Integer.parseInt(m.group(2));
        if (page < PRODUCT_FIRST_PAGE || size < 1 || size > MAX_PRODUCT_PAGE_SIZE || (long) page * size > MAX_PRODUCT_WINDOW) {
            throw new ChannelException(ChannelException.Kind.PERMANENT, "douyin: listings page token '" + text
                    + "' names a page product.listV2 does not serve");
        }
        return new DouyinListingToken(page, size);
    }

    /** The next page, or null when it would pass product.listV2's 10,000-product window. */
    DouyinListingToken next() {
        return (long) (page + 1) * size > MAX_PRODUCT_WINDOW ? null : new DouyinListingToken(page + 1, size);
    }

    String text() {
        return "dyl1:" + page + ":" + size;
    }

    private static String abbreviate(String s) {
        return s.length() > 40 ? s.substring(0, 40) + "..." : s;
    }
}
