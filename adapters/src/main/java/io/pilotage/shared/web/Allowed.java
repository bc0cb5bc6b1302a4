package io.pilotage.shared.web;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Guards an endpoint with one {@link Permission}, checked before the endpoint runs (by an interceptor the security
 * configuration declares), so that the table that decides access is also the one {@link Actor} reads the recorded
 * role from: they cannot drift apart.
 */
@Target({ElementType.METHOD, ElementType.TYPE})
@Retention(RetentionPolicy.RUNTIME)
@Documented
public @interface Allowed {

    Permission value();
}
