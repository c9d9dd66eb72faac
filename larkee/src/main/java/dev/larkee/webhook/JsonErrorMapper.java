package dev.larkee.webhook;

import jakarta.ws.rs.WebApplicationException;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.ext.ExceptionMapper;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * JSON for whatever JAX-RS itself refuses (404, 405, 415, …) on larkee's endpoints and for anything
 * unexpected there, so no client ever sees an HTML error page or a stack trace. Deliberately no
 * {@code @Provider}: {@link dev.larkee.LarkeeApplication} registers it for larkee's endpoints alone, and
 * an application's own Jakarta REST application, which scans the WAR for providers, does not pick up a
 * mapper that would rewrite its errors.
 */
public class JsonErrorMapper implements ExceptionMapper<Throwable> {

    private static final Logger LOG = Logger.getLogger(JsonErrorMapper.class.getName());

    @Override
    public Response toResponse(Throwable failure) {
        if (failure instanceof WebApplicationException web && web.getResponse() != null) {
            int status = web.getResponse().getStatus();
            String reason = web.getResponse().getStatusInfo().getReasonPhrase();
            return WebhookResponses.error(status, "http", reason == null ? "HTTP " + status : reason);
        }
        LOG.log(Level.SEVERE, "larkee: unexpected failure while answering a request", failure);
        return WebhookResponses.error(500, "internal", "internal error");
    }
}
