package dev.larkee.it;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;

/** Test-only: lets client-side tests ask how often the recording observers ran for a key. */
@ApplicationScoped
@Path("it/calls")
public class ObserverCallsResource {

    @Inject
    RecordingObservers observers;

    @GET
    @Path("{key}")
    @Produces(MediaType.TEXT_PLAIN)
    public String calls(@PathParam("key") String key) {
        return Integer.toString(observers.calls(key));
    }
}
