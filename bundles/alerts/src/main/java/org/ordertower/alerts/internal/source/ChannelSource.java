package org.ordertower.alerts.internal.source;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Supplier;

import org.ordertower.alerts.internal.alert.Alert;
import org.ordertower.alerts.internal.alert.AlertKind;
import org.ordertower.alerts.internal.alert.Links;
import org.ordertower.alerts.internal.alert.Texts;
import org.ordertower.api.channel.ChannelService;
import org.ordertower.api.channel.ShopStatus;

/**
 * The shops this node pulls ({@link ShopStatus#owned}; the channel runtime knows their state on the owning node only):
 * <ul>
 * <li>pull lag: the end of the last window pulled completely ({@code caughtUpTo}) is more than {@code pull.lag.minutes}
 * ago: key {@code pull-lag:<channel>:<shop>};</li>
 * <li>channel down: the shop's last run failed ({@code lastError} is set until a pull succeeds), the error is fresh
 * (within {@code channel.down.minutes}), and no pull finished for {@code channel.down.minutes}: key
 * {@code channel-down:<channel>:<shop>}, with the error text (which the channel runtime writes without secrets).</li>
 * </ul>
 * The runtime forgets {@code lastPullAt} when the node restarts; a shop that failed ever since is then timed from the
 * first poll that saw it failing.
 */
public final class ChannelSource implements AlertSource {
    private final Supplier<Optional<ChannelService>> channels;
    private final Texts texts;
    private final Links links;
    private final String node;
    private final Duration lagLimit;
    private final Duration downAfter;
    /** When this source first saw each failing shop fail, by channel:shop; cleared when it recovers. */
    private final Map<String, Instant> failingSince = new HashMap<>();

    public ChannelSource(Supplier<Optional<ChannelService>> channels, Texts texts, Links links, String node,
            Duration lagLimit, Duration downAfter) {
        this.channels = channels;
        this.texts = texts;
        this.links = links;
        this.node = node;
        this.lagLimit = lagLimit;
        this.downAfter = downAfter;
    }

    @Override
    public String name() {
        return "channels";
    }

    @Override
    public List<Alert> look(Instant now) {
        Optional<ChannelService> service = channels.get();
        if (service.isEmpty()) {
            failingSince.clear();
            return List.of();
        }
        List<Alert> out = new ArrayList<>();
        Map<String, Instant> stillFailing = new HashMap<>();
        for (ShopStatus s : service.get().shops()) {
            if (!s.owned()) {
                continue;
            }
            if (s.caughtUpTo() != null && s.caughtUpTo().isBefore(now.minus(lagLimit))) {
                out.add(new Alert(AlertKind.PULL_LAG.key(s.channel(), s.shop()), AlertKind.PULL_LAG,
                        AlertKind.PULL_LAG.severity(), texts.pullLagTitle(s.channel(), s.shop()),
                        texts.pullLag(s.channel(), s.shop(), s.caughtUpTo(), Duration.between(s.caughtUpTo(), now), lagLimit,
                                node), links.overview(), now));
            }
            String id = s.channel() + ":" + s.shop();
            if (s.lastError() == null || s.lastErrorAt() == null || s.lastErrorAt().isBefore(now.minus(downAfter))) {
                continue; // clean, or the error is old news
            }
            Instant since = failingSince.getOrDefault(id, now);
            stillFailing.put(id, since);
            Instant noPullSince = s.lastPullAt() != null ? s.lastPullAt() : since;
            if (!noPullSince.isAfter(now.minus(downAfter))) {
                out.add(new Alert(AlertKind.CHANNEL_DOWN.key(s.channel(), s.shop()), AlertKind.CHANNEL_DOWN,
                        AlertKind.CHANNEL_DOWN.severity(), texts.channelDownTitle(s.channel(), s.shop()),
                        texts.channelDown(s.channel(), s.shop(), downAfter, s.lastPullAt(), s.lastErrorAt(),
                                cut(s.lastError(), 500)), links.overview(), now));
            }
        }
        failingSince.clear();
        failingSince.putAll(stillFailing);
        return out;
    }

    private static String cut(String s, int max) {
        return s.length() <= max ? s : s.substring(0, max) + "…";
    }
}
