package org.ordertower.sim.kit;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.Function;

import org.ordertower.api.sim.RunningSimulator;
import org.ordertower.api.sim.SimulatorOptions;

/**
 * The standalone simulators' command line, the same for every platform: {@code --port N --rate
 * ordersPerMinute [--peak] [--app-key K] [--app-secret S] [--shop SHOP] [--push-url URL] [--set key=value]...}.
 *
 * @param port the port to listen on
 * @param rate orders generated per minute
 * @param peak 20 times the rate
 * @param settings the simulator's settings (appKey, appSecret, shop, pushUrl and any {@code --set})
 */
public record SimCommandLine(int port, double rate, boolean peak, Map<String, String> settings) {
    private static final String USAGE = "use --port N --rate ordersPerMinute [--peak] [--app-key K] [--app-secret S] [--shop SHOP]"
            + " [--push-url URL] [--set key=value]";

    /**
     * @throws IllegalArgumentException naming an unknown option or a missing or malformed value
     */
    public static SimCommandLine parse(String[] args, int defaultPort) {
        Map<String, String> settings = new LinkedHashMap<>();
        int port = defaultPort;
        double rate = 60;
        boolean peak = false;
        for (int i = 0; i < args.length; i++) {
            String option = args[i];
            switch (option) {
                case "--peak" -> peak = true;
                case "--port" -> port = Integer.parseInt(value(args, ++i, option));
                case "--rate" -> rate = Double.parseDouble(value(args, ++i, option));
                case "--app-key" -> settings.put("appKey", value(args, ++i, option));
                case "--app-secret" -> settings.put("appSecret", value(args, ++i, option));
                case "--shop" -> settings.put("shop", value(args, ++i, option));
                case "--push-url" -> settings.put("pushUrl", value(args, ++i, option));
                case "--set" -> {
                    String pair = value(args, ++i, option);
                    int eq = pair.indexOf('=');
                    if (eq <= 0) {
                        throw new IllegalArgumentException("--set takes key=value, not '" + pair + "'");
                    }
                    settings.put(pair.substring(0, eq), pair.substring(eq + 1));
                }
                default -> throw new IllegalArgumentException("unknown option " + option + " (" + USAGE + ")");
            }
        }
        return new SimCommandLine(port, rate, peak, settings);
    }

    /** {@link #parse}, for a {@code main}: a bad command line prints its one-line reason and exits with 2. */
    public static SimCommandLine parseOrExit(String[] args, int defaultPort) {
        try {
            return parse(args, defaultPort);
        } catch (IllegalArgumentException e) {
            System.err.println(e.getMessage());
            System.exit(2);
            throw e; // not reached
        }
    }

    /**
     * A standalone simulator's {@code main}: parses the command line ({@link #parseOrExit}), starts the simulator
     * with its port, rate, peak and settings, and {@link #serve}s it.
     */
    public static void run(String[] args, int defaultPort, String title,
            Function<SimulatorOptions, ? extends RunningSimulator> start) throws InterruptedException {
        SimCommandLine line = parseOrExit(args, defaultPort);
        RunningSimulator sim = start.apply(new SimulatorOptions(line.port(), line.rate(), line.peak(), line.settings()));
        serve(title, sim.shopConfiguration(), sim);
    }

    /**
     * Prints what a client configures to talk to the simulator (its gateway, app and tokens: test
     * credentials the simulator made up), closes it on shutdown, and waits.
     */
    public static void serve(String title, Map<String, String> shopConfiguration, AutoCloseable simulator)
            throws InterruptedException {
        System.out.println(title + " listening; a shop's configuration to use it:");
        new TreeMap<>(shopConfiguration).forEach((k, v) -> System.out.printf("  %-13s = %s%n", k, v));
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            try {
                simulator.close();
            } catch (Exception e) {
                System.err.println("closing the simulator failed: " + e.getMessage());
            }
        }));
        Thread.currentThread().join();
    }

    private static String value(String[] args, int i, String option) {
        if (i >= args.length) {
            throw new IllegalArgumentException(option + " needs a value");
        }
        return args[i];
    }
}
