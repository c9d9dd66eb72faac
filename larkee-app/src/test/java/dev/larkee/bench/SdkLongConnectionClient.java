package dev.larkee.bench;

/**
 * The official SDK's long-connection client ({@code com.lark.oapi.ws.Client} 2.5.3) in a JVM of its
 * own, as a user runs it: the long-connection benchmark starts it beside Payara with the same heap
 * and collector, pointed at the benchmark's simulator, answering every card action with the toast
 * larkee's bench observer answers. Arguments: the platform's base URL and the App ID; the App
 * Secret comes in the environment ({@code BENCH_APP_SECRET}), never on the command line.
 */
public final class SdkLongConnectionClient {

    private SdkLongConnectionClient() {
    }

    public static void main(String[] args) {
        com.lark.oapi.ws.Client client = new com.lark.oapi.ws.Client.Builder(args[1], System.getenv("BENCH_APP_SECRET"))
                .domain(args[0])
                .eventHandler(SdkResource.okToastDispatcher("", ""))
                .build();
        client.start(); // its threads keep the JVM up until the benchmark ends the process
    }
}
