/**
 * The platform's open API, as larkee calls it: the app's tenant access token ({@link
 * dev.larkee.openapi.TenantToken}) and later card updates ({@link dev.larkee.openapi.CardUpdates}).
 */
package dev.larkee.openapi;
