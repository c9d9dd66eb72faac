package com.example.approvals;

import jakarta.ws.rs.ApplicationPath;
import jakarta.ws.rs.core.Application;

/**
 * The application's own REST API, at {@code /rest}. Like most applications it lists no classes, so
 * Jakarta REST gives it every resource and provider in the WAR: its own, and larkee's resource classes
 * too (larkee ships no provider). Those answer 404 under {@code /rest}; larkee serves them only under
 * its own path (see web.xml). ApprovalsIT checks both.
 */
@ApplicationPath("rest")
public class ApprovalsApplication extends Application {
}
