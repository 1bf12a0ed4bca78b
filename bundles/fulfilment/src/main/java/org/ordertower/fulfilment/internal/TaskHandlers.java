package org.ordertower.fulfilment.internal;

import java.sql.SQLException;
import java.util.EnumMap;
import java.util.EnumSet;
import java.util.Map;
import java.util.Set;

import org.ordertower.fulfilment.internal.FulfilmentContext.TxWork;

/** The handler of each {@link TaskKind}, registered by the partner call classes; every kind has exactly one. */
final class TaskHandlers {
    private final Map<TaskKind, Registered<?>> byKind = new EnumMap<>(TaskKind.class);

    private record Registered<P extends TaskPayload>(Class<P> type, TaskHandler<P> handler) {
        TxWork<Boolean> call(TaskPayload task, TaskHandler.Call call) throws SQLException {
            return handler.call(type.cast(task), call);
        }
    }

    /** Registers the handler of the kind whose payloads are {@code type}. */
    <P extends TaskPayload> TaskHandlers on(Class<P> type, TaskHandler<P> handler) {
        TaskKind kind = TaskKind.of(type);
        if (byKind.putIfAbsent(kind, new Registered<>(type, handler)) != null) {
            throw new IllegalStateException("two handlers for " + kind);
        }
        return this;
    }

    /** Checks that every kind has its handler. */
    TaskHandlers complete() {
        Set<TaskKind> missing = EnumSet.allOf(TaskKind.class);
        missing.removeAll(byKind.keySet());
        if (!missing.isEmpty()) {
            throw new IllegalStateException("no handler for " + missing);
        }
        return this;
    }

    /** Makes a task's call with its kind's handler. */
    TxWork<Boolean> call(TaskPayload task, TaskHandler.Call call) throws SQLException {
        Registered<?> r = byKind.get(task.kind());
        if (r == null) {
            throw new IllegalArgumentException("no handler for " + task.kind());
        }
        return r.call(task, call);
    }
}
