package dev.larkee.bench;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;

/** The container's ceiling: a JAX-RS POST in the same application that reads the raw body and answers {@code {}}. */
@ApplicationScoped
@Path("bench/noop")
public class NoopResource {

    @POST
    @Consumes(MediaType.WILDCARD)
    @Produces("application/json; charset=utf-8")
    public String receive(byte[] body) {
        return "{}";
    }
}
