package dev.larkee.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.larkee.configuration.LarkeeConfiguration;
import dev.larkee.longconnection.ConnectionStatus;
import dev.larkee.longconnection.LongConnections;
import dev.larkee.simulator.Ack;
import dev.larkee.simulator.Delivery;
import dev.larkee.simulator.PlatformSimulator;
import jakarta.inject.Inject;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.jboss.shrinkwrap.api.spec.WebArchive;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * larkee's very first connection after deployment, against a platform with a backlog that pushes
 * the instant the socket opens, the frames arriving in the same read as the 101 response (larkee
 * dials through a {@link CoalescingProxy}): every frame is dispatched and acknowledged. A
 * deployment of its own, so the connection is the first of a fresh server.
 */
@ExtendWith(ArquillianExtension.class)
class FirstConnectionIT {

    @Deployment
    static WebArchive deployment() {
        return Deployments.larkee(Map.of(
                        LarkeeConfiguration.SIMULATOR_ENABLED, "true",
                        LarkeeConfiguration.EXAMPLES_ENABLED, "false",
                        LarkeeConfiguration.HTTP_PORT, Integer.toString(freePort()),
                        BacklogOnOpen.UPSTREAM_PORT, System.getProperty("it.http.port")))
                .addClasses(FirstConnectionIT.class, BacklogOnOpen.class, CoalescingProxy.class,
                        LongConnectionObservers.class);
    }

    private static int freePort() {
        try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return s.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Inject
    PlatformSimulator simulator;

    @Inject
    BacklogOnOpen backlog;

    @Inject
    LongConnectionObservers observers;

    @Inject
    LongConnections connections;

    @Test
    void aBacklogPushedWithTheHandshakeIsAcknowledgedOnTheFirstConnection() throws Exception {
        assertTrue(simulator.await(s -> s.backlogDeliveries().size() == BacklogOnOpen.SIZE, Duration.ofSeconds(30)),
                "the first socket opened and got the backlog");
        List<Delivery> deliveries = simulator.backlogDeliveries();
        String firstDevice = deliveries.get(0).deviceId();
        for (Delivery d : deliveries) {
            Ack ack = d.ack().get(10, TimeUnit.SECONDS);
            assertEquals(200, ack.code(), d.messageId());
            assertEquals(List.of(), ack.problems(), d.messageId());
            assertEquals(firstDevice, ack.deviceId(), "acknowledged on the socket it came on");
        }
        for (String id : backlog.eventIds()) {
            assertNotNull(observers.seen(id), id);
        }
        assertEquals(1, simulator.handshakeAttempts(), "all on the server's very first socket");
        assertEquals(1, backlog.coalescedHandshakes(), "the backlog came in one write with the 101 response");
        ConnectionStatus status = connections.status().get(0);
        assertEquals(firstDevice, status.deviceId(), "and still on it: " + status);
    }
}
