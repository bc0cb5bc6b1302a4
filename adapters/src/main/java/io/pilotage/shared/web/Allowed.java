package io.pilotage.shared.web;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;
import org.springframework.security.access.prepost.PreAuthorize;

/**
 * Guards an endpoint with one {@link Permission}. A {@code @PreAuthorize} template (resolved thanks to the
 * template defaults declared in the security configuration), so that the table that decides access is
 * also the one {@link Actor} reads the recorded role from: they cannot drift apart.
 */
@Target({ElementType.METHOD, ElementType.TYPE})
@Retention(RetentionPolicy.RUNTIME)
@Documented
@PreAuthorize("T(io.pilotage.shared.web.Permission).{value}.isGrantedTo(authentication)")
public @interface Allowed {

    Permission value();
}
