package com.example.approvals;

import jakarta.inject.Inject;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.ext.ExceptionMapper;
import jakarta.ws.rs.ext.Provider;

/** The application's own resource: the decision on an approval request, with its own error format. */
@Path("requests")
public class RequestsResource {

    @Inject
    ApprovalRequests requests;

    @GET
    @Path("{id}")
    @Produces(MediaType.TEXT_PLAIN)
    public String decision(@PathParam("id") String id) {
        if (id.equals("broken")) {
            throw new IllegalStateException("the application's own failure");
        }
        return requests.decision(id).orElseThrow(() -> new NoSuchRequest(id));
    }

    /** The application's own "not found". */
    public static class NoSuchRequest extends RuntimeException {
        private static final long serialVersionUID = 1L;

        NoSuchRequest(String id) {
            super("no approval request " + id);
        }
    }

    /** The application's own error format: plain text. */
    @Provider
    public static class NoSuchRequestMapper implements ExceptionMapper<NoSuchRequest> {
        @Override
        public Response toResponse(NoSuchRequest e) {
            return Response.status(404).type(MediaType.TEXT_PLAIN).entity(e.getMessage()).build();
        }
    }
}
