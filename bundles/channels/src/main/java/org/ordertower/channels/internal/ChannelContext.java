package org.ordertower.channels.internal;

import java.time.Clock;
import java.util.Collection;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.atomic.AtomicInteger;

import org.ordertower.api.OrderService;
import org.ordertower.api.channel.ChannelException;
import org.ordertower.jdbc.Database;
import org.ordertower.lanes.Lanes;

/** The state the channel runtime's parts share: database, order service, clock, options, the shops and the executors. */
final class ChannelContext {
    final Database db;
    final OrderService orders;
    final Clock clock;
    final ChannelRuntime.Options options;
    final ChannelRuntime.Vocabularies vocabularies;
    final Vocabulary vocabulary;
    final ChannelStore store = new ChannelStore();
    /** Shop key ({@link ChannelRuntime#key}) -> the shop. */
    final Map<String, Shop> shops = new ConcurrentHashMap<>();
    final ScheduledExecutorService timers;
    final ExecutorService intakePool;
    /** Each shop's pull and message consumption, as routes of the channels' CamelContext. */
    final Lanes lanes;

    ChannelContext(Database db, OrderService orders, Clock clock, ChannelRuntime.Options options,
            ChannelRuntime.Vocabularies vocabularies, Lanes lanes) {
        this.lanes = lanes;
        this.vocabularies = vocabularies;
        this.vocabulary = new Vocabulary(db, clock, vocabularies.catalog(), vocabularies.carrierOverrides());
        this.db = db;
        this.orders = orders;
        this.clock = clock;
        this.options = options;
        this.timers = Executors.newScheduledThreadPool(2, daemon("ordertower-channel-timer"));
        this.intakePool = Executors.newFixedThreadPool(options.intakeThreads(), daemon("ordertower-channel-intake"));
    }

    /** The shop of {@code channel} and {@code shop}, or null. */
    Shop find(String channel, String shop) {
        return shops.get(ChannelRuntime.key(channel, shop));
    }

    /** The shops in key order. */
    Collection<Shop> sorted() {
        return new TreeMap<>(shops).values();
    }

    /** The shop asked for by an operator or a caller: one not configured is an argument error naming those that are. */
    Shop shop(String channel, String shop) {
        Shop s = find(channel, shop);
        if (s == null) {
            throw new IllegalArgumentException("no shop " + shop + " is configured for channel " + channel
                    + (shops.isEmpty() ? " (no shop is configured at all)" : "; configured: " + new TreeMap<>(shops).keySet()));
        }
        return s;
    }

    /** The shop's connector for a call fulfilment retries: one not installed now may come back (TRANSIENT). */
    Shop installed(String channel, String shop) {
        Shop s = find(channel, shop);
        if (s == null) {
            throw new ChannelException(ChannelException.Kind.TRANSIENT, "no connector of shop " + shop + " of channel "
                    + channel + " is installed now");
        }
        return s;
    }

    <T> T read(Database.Work<T> work) {
        return ChannelRuntime.read(db, work);
    }

    <T> T write(Database.Work<T> work) {
        return ChannelRuntime.write(db, work);
    }

    static ThreadFactory daemon(String name) {
        AtomicInteger n = new AtomicInteger();
        return r -> {
            Thread t = new Thread(r, name + "-" + n.incrementAndGet());
            t.setDaemon(true);
            return t;
        };
    }
}
