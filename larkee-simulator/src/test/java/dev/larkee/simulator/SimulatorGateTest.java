package dev.larkee.simulator;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import jakarta.servlet.http.HttpServletRequest;
import java.lang.reflect.Proxy;
import java.util.Map;
import org.junit.jupiter.api.Test;

class SimulatorGateTest {

    /** A request with these headers, over http. */
    private static HttpServletRequest request(Map<String, String> headers) {
        return (HttpServletRequest) Proxy.newProxyInstance(SimulatorGateTest.class.getClassLoader(),
                new Class<?>[] {HttpServletRequest.class}, (proxy, method, args) -> switch (method.getName()) {
                    case "getHeader" -> headers.get((String) args[0]);
                    case "getScheme" -> "http";
                    default -> throw new UnsupportedOperationException(method.getName());
                });
    }

    @Test
    void onlyLoopbackAddressesAreLoopback() {
        assertTrue(SimulatorGate.isLoopback("127.0.0.1"));
        assertTrue(SimulatorGate.isLoopback("127.8.9.10"));
        assertTrue(SimulatorGate.isLoopback("0:0:0:0:0:0:0:1"));
        assertFalse(SimulatorGate.isLoopback("192.0.2.7"));
        assertFalse(SimulatorGate.isLoopback("2001:db8::1"));
        assertFalse(SimulatorGate.isLoopback(""));
        assertFalse(SimulatorGate.isLoopback(null));
    }

    @Test
    void stateChangingCallsMustComeFromTheConsolesOwnOrigin() {
        assertTrue(SimulatorGate.sameOrigin(request(Map.of("Host", "localhost:8080"))), "curl sends no Origin");
        assertTrue(SimulatorGate.sameOrigin(request(Map.of("Host", "localhost:8080", "Origin", "http://localhost:8080",
                "Sec-Fetch-Site", "same-origin"))));
        assertFalse(SimulatorGate.sameOrigin(request(Map.of("Host", "localhost:8080", "Origin", "http://evil.example"))));
        assertFalse(SimulatorGate.sameOrigin(request(Map.of("Host", "localhost:8080", "Origin", "https://localhost:8080"))));
        assertFalse(SimulatorGate.sameOrigin(request(Map.of("Host", "localhost:8080", "Origin", "null"))));
        assertFalse(SimulatorGate.sameOrigin(request(Map.of("Host", "localhost:8080", "Sec-Fetch-Site", "cross-site"))));
    }
}
