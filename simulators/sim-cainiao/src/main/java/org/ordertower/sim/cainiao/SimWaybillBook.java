package org.ordertower.sim.cainiao;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.time.Clock;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;

import javax.crypto.Cipher;
import javax.crypto.spec.SecretKeySpec;

import org.ordertower.connector.kit.Digests;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * The account's waybill subscriptions and what it issued: a balance per cp_code counted down by each new waybill
 * and given back by a cancel, one waybill per (cp_code, object_id) while it is not cancelled, deterministic
 * numbers in each carrier's format. Thread-safe (one lock: the book is small and calls are few).
 */
final class SimWaybillBook {
    /** Why an apply or cancel was refused, in the words of the simulator's answer. */
    static final class Refusal extends Exception {
        private static final long serialVersionUID = 1L;
        final String subCode;

        Refusal(String subCode, String subMsg) {
            super(subMsg, null, false, false);
            this.subCode = subCode;
        }
    }

    /** One branch balance (the simulator has one branch per carrier). */
    static final class Account {
        final String cpCode;
        long quantity;
        long allocated;
        long cancelled;

        Account(String cpCode, long quantity) {
            this.cpCode = cpCode;
            this.quantity = quantity;
        }
    }

    /** One parcel to issue, already checked. */
    record Ask(String objectId, List<String> trades, String fromCity, String toCity, String templateUrl) {
    }

    private static final ObjectMapper JSON = new ObjectMapper();

    private final Map<String, Account> accounts = new LinkedHashMap<>();
    private final Map<String, SimParcel> byObject = new ConcurrentHashMap<>();
    private final Map<String, SimParcel> byWaybill = new ConcurrentHashMap<>();
    private final Map<String, AtomicLong> serials = new ConcurrentHashMap<>();
    private final Clock clock;
    private final long seed;
    private final SecretKeySpec printKey;
    private final String printSecret;

    SimWaybillBook(Clock clock, long seed, Map<String, Long> quotas) {
        this.clock = clock;
        this.seed = seed;
        quotas.forEach((cp, q) -> accounts.put(cp, new Account(cp, q)));
        byte[] key = new byte[16];
        System.arraycopy(Digests.sha256Hex("cainiao-print:" + seed).getBytes(StandardCharsets.US_ASCII), 0, key, 0, 16);
        this.printKey = new SecretKeySpec(key, "AES");
        this.printSecret = Digests.md5Hex("print-secret:" + seed);
    }

    synchronized boolean subscribed(String cp) {
        return accounts.containsKey(cp);
    }

    /**
     * Issues (or gives again) the waybills of one apply, all or none.
     *
     * @throws Refusal when the balance does not cover the new ones
     */
    synchronized List<SimParcel> apply(String cp, List<Ask> asks) throws Refusal {
        Account account = accounts.get(cp);
        long fresh = asks.stream().filter(a -> !byObject.containsKey(cp + ":" + a.objectId())).count();
        if (account.quantity < fresh) {
            throw new Refusal("isv.invalid-parameter", "电子面单余额不足");
        }
        List<SimParcel> out = new ArrayList<>();
        for (Ask a : asks) {
            SimParcel p = byObject.get(cp + ":" + a.objectId());
            if (p == null) {
                String code = number(cp);
                p = new SimParcel(cp, a.objectId(), code, printData(cp, code, a.templateUrl()), List.copyOf(a.trades()),
                        a.fromCity(), a.toCity(), clock.instant());
                byObject.put(cp + ":" + a.objectId(), p);
                byWaybill.put(code, p);
                account.quantity--;
                account.allocated++;
            }
            out.add(p);
        }
        return out;
    }

    /**
     * Cancels an issued waybill and gives its number back to the balance.
     *
     * @throws Refusal for an unknown or already cancelled waybill
     */
    synchronized void cancel(String cp, String waybillCode, Cancelled cancelled) throws Refusal {
        SimParcel p = byWaybill.get(waybillCode);
        if (p == null || !p.cpCode().equals(cp)) {
            throw new Refusal("isv.waybill-not-exist", "面单号不存在或不属于该物流公司");
        }
        if (cancelled.is(waybillCode)) {
            throw new Refusal("isv.waybill-already-cancelled", "面单已取消，请勿重复操作");
        }
        if (cancelled.collected(waybillCode)) {
            throw new Refusal("isv.waybill-already-collected", "面单已揽收，不能取消");
        }
        cancelled.mark(waybillCode);
        byObject.remove(cp + ":" + p.objectId());
        Account account = accounts.get(cp);
        account.quantity++;
        account.cancelled++;
    }

    /** What the tracks know of a waybill's state, for cancel. */
    interface Cancelled {
        boolean is(String waybillCode);

        boolean collected(String waybillCode);

        void mark(String waybillCode);
    }

    synchronized void quota(String cp, long quantity) {
        accounts.computeIfAbsent(cp, k -> new Account(k, 0)).quantity = quantity;
    }

    synchronized long quota(String cp) {
        Account a = accounts.get(cp);
        return a == null ? 0 : a.quantity;
    }

    /** Snapshots of the accounts, optionally of one carrier. */
    synchronized List<Account> accounts(String cp) {
        List<Account> out = new ArrayList<>();
        for (Account a : accounts.values()) {
            if (cp == null || cp.equals(a.cpCode)) {
                Account copy = new Account(a.cpCode, a.quantity);
                copy.allocated = a.allocated;
                copy.cancelled = a.cancelled;
                out.add(copy);
            }
        }
        return out;
    }

    Optional<SimParcel> waybill(String code) {
        return Optional.ofNullable(byWaybill.get(code));
    }

    /** The waybills issued for a trade, cancelled ones included (the tracks drop those). */
    List<SimParcel> ofTrade(String tid) {
        return byWaybill.values().stream().filter(p -> p.trades().contains(tid))
                .sorted((a, b) -> a.issuedAt().compareTo(b.issuedAt())).toList();
    }

    int size() {
        return byWaybill.size();
    }

    /**
     * Numbers in the carriers' published shapes: SF {@code SF} + 13 digits, ZTO 14 digits from {@code 73}, YTO
     * {@code YT} + 13 digits, STO 13 digits from {@code 77}, YUNDA 13 from {@code 46}, POSTB 13 from {@code 98}, EMS
     * 13 from {@code 11}, JD {@code JDV} + 12 digits; others their cp_code + 12 digits. Deterministic by seed.
     */
    private String number(String cp) {
        long serial = serials.computeIfAbsent(cp, k -> new AtomicLong()).incrementAndGet();
        long base = Math.floorMod(Digests.md5Hex(seed + ":" + cp).hashCode() * 7_919L, 100_000_000_000L);
        String twelve = String.format("%012d", (base * 10 + serial) % 1_000_000_000_000L);
        return switch (cp) {
            case "SF" -> "SF1" + twelve;
            case "ZTO" -> "73" + twelve;
            case "YTO" -> "YT9" + twelve;
            case "STO" -> "77" + twelve.substring(1);
            case "YUNDA" -> "46" + twelve.substring(1);
            case "POSTB" -> "98" + twelve.substring(1);
            case "EMS" -> "11" + twelve.substring(1);
            case "JD" -> "JDV" + twelve;
            default -> cp + twelve;
        };
    }

    /** Like Cainiao's: a JSON string with AES-encrypted content and a signature, opaque to the merchant. */
    private String printData(String cp, String code, String templateUrl) {
        ObjectNode data = JSON.createObjectNode().put("cpCode", cp).put("waybillCode", code);
        data.putObject("routingInfo").putObject("sortation").put("name", code.substring(code.length() - 3));
        String content = data.toString();
        String encrypted;
        try {
            Cipher c = Cipher.getInstance("AES/ECB/PKCS5Padding");
            c.init(Cipher.ENCRYPT_MODE, printKey);
            encrypted = Base64.getEncoder().encodeToString(c.doFinal(content.getBytes(StandardCharsets.UTF_8)));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("AES is part of every JVM", e);
        }
        String signature = Digests.md5Hex(encrypted + printSecret).toUpperCase(java.util.Locale.ROOT);
        return JSON.createObjectNode().put("encryptedData", encrypted).put("signature", signature).put("templateURL", templateUrl)
                .put("ver", "waybill_print_secret_version_1").toString();
    }
}
