package org.ordertower.testing.hostile;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Predicate;

/**
 * Tries every payload of a corpus on one piece of code and sorts the outcomes: taken (the code returned), refused (it
 * threw what the caller counts as a clear refusal) or mishandled (anything else: another exception, an error, a
 * refusal without a message). A test asserts that nothing was mishandled.
 */
public final class HostileRun {
    /** The code under test. */
    @FunctionalInterface
    public interface Attempt {
        Object apply(String payload) throws Exception;
    }

    /** What a corpus came to. */
    public record Outcome(int taken, int refused, List<String> mishandled) {
        /** One line for the test's output. */
        public String summary(String what, int size) {
            return String.format("%s: %d payloads, %d refused with a clear error, %d taken, %d mishandled", what, size,
                    refused, taken, mishandled.size());
        }

        /** The first mishandled payloads, for an assertion's message. */
        public String firstMishandled() {
            return String.join("\n", mishandled.subList(0, Math.min(30, mishandled.size())));
        }
    }

    private HostileRun() {
    }

    /**
     * @param clearRefusal whether a thrown exception is the clear refusal the code promises; its message must also
     *                     be there and not blank
     */
    public static Outcome run(Map<String, String> corpus, Attempt attempt, Predicate<Throwable> clearRefusal) {
        int taken = 0;
        int refused = 0;
        List<String> mishandled = new ArrayList<>();
        for (Map.Entry<String, String> c : corpus.entrySet()) {
            try {
                attempt.apply(c.getValue());
                taken++;
            } catch (Throwable t) {
                if (t instanceof VirtualMachineError && !(t instanceof StackOverflowError)) {
                    throw (VirtualMachineError) t;
                }
                if (clearRefusal.test(t) && t.getMessage() != null && !t.getMessage().isBlank()) {
                    refused++;
                } else {
                    mishandled.add(c.getKey() + ": " + t);
                }
            }
        }
        return new Outcome(taken, refused, mishandled);
    }

    /**
     * Builds the corpus of {@code valid}, runs it, prints the summary and fails with the first mishandled payloads when
     * any payload was mishandled or when fewer than half were refused (a corpus that mostly passes tests nothing).
     *
     * @return the outcome, for further checks
     */
    public static Outcome assertRefusedClearly(String what, String valid, Attempt attempt, Predicate<Throwable> clearRefusal) {
        Map<String, String> corpus = HostileJson.corpus(valid);
        if (corpus.size() < 500) {
            throw new AssertionError(what + ": a corpus of only " + corpus.size() + " payloads");
        }
        Outcome o = run(corpus, attempt, clearRefusal);
        System.out.println(o.summary(what, corpus.size()));
        if (!o.mishandled().isEmpty()) {
            throw new AssertionError(what + ": " + o.mishandled().size() + " mishandled:\n" + o.firstMishandled());
        }
        if (o.refused() <= corpus.size() / 2) {
            throw new AssertionError(o.summary(what, corpus.size()));
        }
        return o;
    }
}
