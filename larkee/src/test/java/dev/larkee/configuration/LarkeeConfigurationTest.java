package dev.larkee.configuration;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class LarkeeConfigurationTest {

    private static LarkeeConfiguration of(Map<String, String> values) {
        return LarkeeConfiguration.from(k -> Optional.ofNullable(values.get(k)));
    }

    private static Map<String, String> app() {
        Map<String, String> m = new HashMap<>();
        m.put("larkee.app-id", "cli_a1b2c3d4e5f60718");
        m.put("larkee.app-secret", "app-secret-value");
        m.put("larkee.verification-token", "vt-value");
        m.put("larkee.encrypt-key", "ek-value");
        return m;
    }

    @Test
    void defaultsAreSafe() {
        LarkeeConfiguration c = of(app());
        assertFalse(c.simulated());
        assertEquals(2500, c.callbackDeadlineMs());
        assertEquals(300, c.replayWindowSeconds());
        assertEquals(1 << 20, c.maxBodyBytes());
        assertEquals("https://open.feishu.cn", c.domain("/larkee").baseUrl().toString());
        assertEquals(1, c.connections());
        assertTrue(c.livenessMultiple() > 0, "watchdog on by default");
        assertFalse(c.examplesEnabled(), "examples answer only against the simulator unless asked");
    }

    @Test
    void clusterSettingsDefaultToThePlatformsCapAndRefuseWhatTheyCannotMean() {
        ClusterSettings c = of(app()).cluster();
        assertEquals(ClusterSettings.DataGrid.AUTO, c.dataGrid());
        assertEquals(50, c.connectionCap());
        assertEquals(5000, c.standbyCheckMs());
        for (String[] bad : new String[][] {{ClusterSettings.DATA_GRID, "sometimes"}, {ClusterSettings.CONNECTION_CAP, "51"},
                {ClusterSettings.CONNECTION_CAP, "0"}, {ClusterSettings.STANDBY_CHECK_MS, "10"}}) {
            Map<String, String> m = app();
            m.put(bad[0], bad[1]);
            InvalidConfigurationException e = assertThrows(InvalidConfigurationException.class, () -> of(m));
            assertEquals(bad[0], e.key(), bad[1]);
        }
        Map<String, String> m = app();
        m.put(ClusterSettings.DATA_GRID, " OFF ");
        m.put(ClusterSettings.CONNECTION_CAP, "2");
        assertEquals(ClusterSettings.DataGrid.OFF, of(m).cluster().dataGrid());
        assertEquals(2, of(m).cluster().connectionCap());
    }

    private static final String SIMULATOR = "larkee.simulator.enabled";

    @Test
    void noCredentialAndNoSimulatorSwitchFailsClosedNamingTheKeys() {
        InvalidConfigurationException e = assertThrows(InvalidConfigurationException.class, () -> of(Map.of()));
        assertEquals("larkee.app-id", e.key());
        for (String named : new String[] {"larkee.app-id", "larkee.app-secret", "larkee.verification-token", SIMULATOR}) {
            assertTrue(e.getMessage().contains(named), e.getMessage());
        }
        // A misspelled credential is no credential: still refused, never a silent simulator.
        assertThrows(InvalidConfigurationException.class, () -> of(Map.of("larkee.verfication-token", "vt")));
        assertThrows(InvalidConfigurationException.class, () -> of(Map.of(SIMULATOR, "false")));
    }

    @Test
    void theSimulatorNeverRunsBesideRealCredentials() {
        Map<String, String> m = app();
        m.put(SIMULATOR, "true");
        InvalidConfigurationException e = assertThrows(InvalidConfigurationException.class, () -> of(m));
        assertEquals(SIMULATOR, e.key());
        assertFalse(e.getMessage().contains("app-secret-value") || e.getMessage().contains("vt-value"), e.getMessage());
    }

    @Test
    void executorsFallBackQuietlyUnlessANameWasGiven() {
        LarkeeConfiguration unset = of(app());
        assertEquals("concurrent/larkee", unset.executor());
        assertFalse(unset.executorNamed() || unset.schedulerNamed(), "unset: the server's defaults, no warning");
        Map<String, String> m = app();
        m.put("larkee.executor", "java:comp/DefaultManagedThreadFactory");
        m.put("larkee.scheduler", "concurrent/mine");
        assertTrue(of(m).executorNamed() && of(m).schedulerNamed());
    }

    @Test
    void theSimulatorAnswersLoopbackClientsOnlyUnlessAllowed() {
        assertFalse(of(Map.of(SIMULATOR, "true")).simulatorRemoteClients());
        assertTrue(of(Map.of(SIMULATOR, "true", "larkee.simulator.remote-clients", "true")).simulatorRemoteClients());
    }

    @Test
    void noCredentialAtAllMeansTheLocalSimulatorWithThrowAwayCredentials() {
        LarkeeConfiguration c = of(Map.of("larkee.http-port", "18080", SIMULATOR, "true"));
        assertTrue(c.simulated());
        assertTrue(c.appId().startsWith("cli_"));
        assertTrue(c.encryptKey().isPresent());
        assertEquals("http://127.0.0.1:18080/larkee/api/simulator", c.domain("/larkee/api").baseUrl().toString());
        assertTrue(c.examplesEnabled());
        assertFalse(c.verificationToken().reveal().equals(of(Map.of(SIMULATOR, "true")).verificationToken().reveal()),
                "each start draws new credentials");
    }

    @Test
    void theSimulatorIsReachedOnThePortTheServerReportsUnlessLarkeeHttpPortIsSet() {
        assertEquals("http://127.0.0.1:18500/x/api/simulator",
                of(Map.of(SIMULATOR, "true", "payara.instance.http.port", "18500")).domain("/x/api").baseUrl().toString());
        assertEquals(18080, of(Map.of(SIMULATOR, "true", "payara.instance.http.port", "18500", "larkee.http-port", "18080")).httpPort());
        assertEquals(8080, of(Map.of(SIMULATOR, "true")).httpPort());
        // The server's value is not larkee's to reject: anything that is not a port falls back to 8080.
        assertEquals(8080, of(Map.of(SIMULATOR, "true", "payara.instance.http.port", "-1")).httpPort());
        assertEquals(8080, of(Map.of(SIMULATOR, "true", "payara.instance.http.port", "none")).httpPort());
        assertEquals(18600, of(Map.of(SIMULATOR, "true", "jboss.http.port", "18600")).httpPort(), "WildFly's -Djboss.http.port");
    }

    @Test
    void domainAcceptsFeishuLarkOrABaseUrl() {
        Map<String, String> m = app();
        m.put("larkee.domain", "lark");
        assertEquals("https://open.larksuite.com", of(m).domain("").baseUrl().toString());
        m.put("larkee.domain", "https://proxy.example.com/");
        assertEquals("https://proxy.example.com/callback/ws/endpoint", of(m).domain("").endpointDiscovery().toString());
    }

    @Test
    void badValuesFailNamingTheKey() {
        assertFails("larkee.domain", "wechat");
        assertFails("larkee.domain", "ftp://x");
        assertFails("larkee.callback-deadline-ms", "3000");
        assertFails("larkee.callback-deadline-ms", "-1");
        assertFails("larkee.callback-deadline-ms", "soon");
        assertFails("larkee.webhook.replay-window-seconds", "-5");
        assertFails("larkee.webhook.max-body-bytes", "0");
        assertFails("larkee.long-connection.connections", "51");
        assertFails("larkee.long-connection.connections", "0");
        assertFails("larkee.webhook.enabled", "yes");
        assertFails("larkee.webhook.event-path", "a/b");
        assertFails("larkee.long-connection.proxy", "no-port");
    }

    @Test
    void eachTransportIsOnWhenItsCredentialsAreThereUnlessSetExplicitly() {
        Map<String, String> webhookOnly = new HashMap<>(Map.of("larkee.verification-token", "vt", "larkee.encrypt-key", "ek"));
        assertTrue(of(webhookOnly).webhookEnabled());
        assertFalse(of(webhookOnly).longConnectionEnabled(), "no app id and secret: no long connection, no failure");

        Map<String, String> longConnectionOnly = new HashMap<>(Map.of("larkee.app-id", "cli_1", "larkee.app-secret", "s"));
        assertTrue(of(longConnectionOnly).longConnectionEnabled());
        assertFalse(of(longConnectionOnly).webhookEnabled(), "no Verification Token: no webhook that would accept anything");

        Map<String, String> m = app();
        m.remove("larkee.app-secret");
        assertFalse(of(m).longConnectionEnabled());
        m.put("larkee.long-connection.enabled", "true");
        assertFails(m, "larkee.app-secret");

        Map<String, String> noToken = new HashMap<>(longConnectionOnly);
        noToken.put("larkee.webhook.enabled", "true");
        assertFails(noToken, "larkee.verification-token");

        assertFails(new HashMap<>(Map.of("larkee.app-id", "cli_1")), "larkee.app-secret");
        assertFails(new HashMap<>(Map.of("larkee.encrypt-key", "ek")), "larkee.verification-token");
    }

    @Test
    void secretsNeverShowInToStringOrErrors() {
        LarkeeConfiguration c = of(app());
        String text = c.toString() + c.appSecret() + c.verificationToken() + c.encryptKey().orElseThrow();
        assertFalse(text.contains("app-secret-value") || text.contains("vt-value") || text.contains("ek-value"), text);
        Map<String, String> m = app();
        m.put("larkee.callback-deadline-ms", "ek-value");
        InvalidConfigurationException e = assertThrows(InvalidConfigurationException.class, () -> of(m));
        assertEquals("larkee.callback-deadline-ms", e.key());
    }

    private static void assertFails(String key, String value) {
        Map<String, String> m = app();
        m.put(key, value);
        assertFails(m, key);
    }

    private static void assertFails(Map<String, String> m, String key) {
        InvalidConfigurationException e = assertThrows(InvalidConfigurationException.class, () -> of(m), key);
        assertEquals(key, e.key());
        assertTrue(e.getMessage().contains(key), e.getMessage());
    }
}
