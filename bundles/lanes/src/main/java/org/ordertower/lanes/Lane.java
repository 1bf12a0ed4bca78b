package org.ordertower.lanes;

/**
 * Work that a lane's route does when some is due: a shop's pull, a channel's stock pushes, a batch of events.
 * {@link #take} is asked on every poll and must not block; when it returns work, the route gets one exchange
 * with that work as its body and {@link #run} does it. A lane is never polled by two threads at once.
 *
 * @param <T> what one exchange carries
 */
public interface Lane<T> {
    /** The work due now, or {@code null} when there is none (no exchange is made, so idle polls are not counted). */
    T take() throws Exception;

    /** Does the work {@link #take} handed out; an exception fails the exchange and is logged by the lane. */
    void run(T work) throws Exception;

    /** A lane that is always due: every poll does {@code work} once (a pull on the shop's interval). */
    static Lane<Boolean> every(Work work) {
        return new Lane<>() {
            @Override
            public Boolean take() {
                return Boolean.TRUE;
            }

            @Override
            public void run(Boolean due) throws Exception {
                work.run();
            }
        };
    }

    /** A piece of work with no input. */
    @FunctionalInterface
    interface Work {
        void run() throws Exception;
    }
}
