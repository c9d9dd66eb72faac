package dev.larkee.bench;

import dev.larkee.longconnection.InlineTimers;
import dev.larkee.simulator.PlatformSimulator;
import java.lang.reflect.Field;
import java.util.Map;

/**
 * Bench only: takes the simulator's own per-frame cost out of the comparison. Tyrus 2.1.5 re-arms
 * a session's idle timer on every message sent and received, on Payara's managed scheduled
 * executor, whose per-task context capture scans the class path (a {@code ServiceLoader}): on the
 * simulator's server-side sessions this was ~36% of Payara's CPU and capped both clients at the
 * same ~7k acks/s (the driver's push is serialized by it). The simulator's sessions have idle
 * timeout 0, so the task does nothing; here it runs inline, as on larkee's own sessions ({@link InlineTimers}). Reflection into Tyrus and the
 * simulator's internals, applied to the pushed-to connection of either client alike.
 */
final class SimulatorSessionTimers {

    private static final InlineTimers INLINE = new InlineTimers("bench-simulator-timer");

    private SimulatorSessionTimers() {
    }

    /** Swaps the timer service of the simulator's session for {@code deviceId}. */
    static void install(PlatformSimulator proxy, String deviceId) {
        try {
            // The injected bean is Weld's client proxy: WeldClientProxy.getMetadata().getContextualInstance().
            Object simulator = proxy;
            for (Class<?> i : proxy.getClass().getInterfaces()) {
                if (i.getName().equals("org.jboss.weld.proxy.WeldClientProxy")) {
                    Object metadata = i.getMethod("getMetadata").invoke(proxy);
                    simulator = metadata.getClass().getMethod("getContextualInstance").invoke(metadata);
                }
            }
            Object connection;
            Field monitorField = PlatformSimulator.class.getDeclaredField("monitor");
            monitorField.setAccessible(true);
            Field connectionsField = PlatformSimulator.class.getDeclaredField("connections");
            connectionsField.setAccessible(true);
            synchronized (monitorField.get(simulator)) {
                connection = ((Map<?, ?>) connectionsField.get(simulator)).get(deviceId);
            }
            if (connection == null) {
                return;
            }
            Field sessionField = connection.getClass().getDeclaredField("session");
            sessionField.setAccessible(true);
            Object session = sessionField.get(connection);
            Field service = findField(session.getClass(), "service");
            service.setAccessible(true);
            service.set(session, INLINE);
        } catch (ReflectiveOperationException | RuntimeException e) {
            throw new IllegalStateException("could not swap the simulator session's timers: " + e, e);
        }
    }

    private static Field findField(Class<?> type, String name) throws NoSuchFieldException {
        for (Class<?> c = type; c != null; c = c.getSuperclass()) {
            try {
                return c.getDeclaredField(name);
            } catch (NoSuchFieldException e) {
                // try the superclass
            }
        }
        throw new NoSuchFieldException(type.getName() + "." + name);
    }
}
