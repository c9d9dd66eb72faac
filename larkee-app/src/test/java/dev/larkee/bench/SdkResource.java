package dev.larkee.bench;

import com.lark.oapi.core.request.EventReq;
import com.lark.oapi.core.response.EventResp;
import com.lark.oapi.event.EventDispatcher;
import com.lark.oapi.event.cardcallback.P2CardActionTriggerHandler;
import com.lark.oapi.event.cardcallback.model.CallBackToast;
import com.lark.oapi.event.cardcallback.model.P2CardActionTrigger;
import com.lark.oapi.event.cardcallback.model.P2CardActionTriggerResponse;
import jakarta.annotation.PostConstruct;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.logging.Level;
import java.util.logging.Logger;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * The official Java SDK's webhook handling ({@code com.lark.oapi.event.EventDispatcher}, 2.5.x) on
 * the same server, keys and requests as larkee: decrypt, verify the signature, parse, call a
 * {@code card.action.trigger} handler that answers the same toast. Headers are handed over the way
 * the SDK's servlet adapter does it (names lower-cased, every value).
 */
@ApplicationScoped
@Path("bench/sdk")
public class SdkResource {

    private static final Logger LOG = Logger.getLogger(SdkResource.class.getName());

    @Inject
    @ConfigProperty(name = "larkee.encrypt-key")
    String encryptKey;

    @Inject
    @ConfigProperty(name = "larkee.verification-token")
    String verificationToken;

    private EventDispatcher dispatcher;

    @PostConstruct
    void init() {
        dispatcher = okToastDispatcher(verificationToken, encryptKey);
        LOG.info(() -> "bench: SDK dispatcher ready; slf4j binding "
                + org.slf4j.LoggerFactory.getILoggerFactory().getClass().getName());
    }

    /**
     * The official SDK's dispatcher whose card.action.trigger handler answers the same toast as
     * BenchObserver; the long-connection benchmark's SDK client uses it too.
     */
    static EventDispatcher okToastDispatcher(String verificationToken, String encryptKey) {
        return EventDispatcher.newBuilder(verificationToken, encryptKey)
                .onP2CardActionTrigger(new P2CardActionTriggerHandler() {
                    @Override
                    public P2CardActionTriggerResponse handle(P2CardActionTrigger event) {
                        CallBackToast toast = new CallBackToast();
                        toast.setType("success");
                        toast.setContent("ok");
                        P2CardActionTriggerResponse response = new P2CardActionTriggerResponse();
                        response.setToast(toast);
                        return response;
                    }
                })
                .build();
    }

    @POST
    @Consumes(MediaType.WILDCARD)
    public Response receive(byte[] body, @Context HttpHeaders headers) {
        EventReq req = new EventReq();
        Map<String, List<String>> lower = new HashMap<>();
        headers.getRequestHeaders().forEach((k, v) -> lower.put(k.toLowerCase(Locale.ROOT), v));
        req.setHeaders(lower);
        req.setBody(body);
        req.setHttpPath("/test/bench/sdk");
        EventResp resp;
        try {
            resp = dispatcher.handle(req);
        } catch (Throwable e) {
            LOG.log(Level.WARNING, "bench: SDK dispatcher failed", e);
            return Response.serverError().build();
        }
        Response.ResponseBuilder out = Response.status(resp.getStatusCode()).entity(resp.getBody());
        resp.getHeaders().forEach((k, v) -> v.forEach(value -> out.header(k, value)));
        return out.build();
    }
}
