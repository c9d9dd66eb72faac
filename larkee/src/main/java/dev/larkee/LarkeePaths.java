package dev.larkee;

import jakarta.servlet.ServletContext;
import jakarta.servlet.ServletRegistration;

/**
 * Where larkee's HTTP endpoints live in the WAR: under {@link LarkeeApplication}'s path,
 * {@value #DEFAULT_API_PATH} unless the application's {@code web.xml} maps the servlet named
 * {@code dev.larkee.LarkeeApplication} elsewhere (the standard Jakarta REST way to move an
 * {@code Application}):
 *
 * <pre>{@code
 * <servlet><servlet-name>dev.larkee.LarkeeApplication</servlet-name></servlet>
 * <servlet-mapping>
 *     <servlet-name>dev.larkee.LarkeeApplication</servlet-name>
 *     <url-pattern>/feishu/*</url-pattern>
 * </servlet-mapping>
 * }</pre>
 *
 * The filters that guard those endpoints follow the same mapping, so there is one place to change.
 */
public final class LarkeePaths {

    /** The path of larkee's endpoints inside the WAR when {@code web.xml} does not move them. */
    public static final String DEFAULT_API_PATH = "/api";

    private LarkeePaths() {
    }

    /**
     * larkee's endpoint path inside the WAR, without a trailing slash ({@code "/api"}, {@code ""} when
     * mapped to the root): read from the Jakarta REST servlet's registration.
     */
    public static String apiPath(ServletContext context) {
        ServletRegistration registration = context.getServletRegistration(LarkeeApplication.class.getName());
        if (registration != null) {
            for (String mapping : registration.getMappings()) {
                if (mapping.endsWith("/*")) {
                    return mapping.substring(0, mapping.length() - 2);
                }
            }
        }
        return DEFAULT_API_PATH;
    }
}
