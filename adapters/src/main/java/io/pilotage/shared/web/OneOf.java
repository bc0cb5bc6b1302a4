package io.pilotage.shared.web;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Marks a text field of a request that the API parses into this enum (with {@link Params}), so that the
 * OpenAPI document lists the values it accepts. The field stays a {@code String}: an unknown value then
 * gets a 422 naming the field rather than Jackson's 400, and the list follows the enum when it grows.
 */
@Target({ElementType.RECORD_COMPONENT, ElementType.FIELD, ElementType.METHOD, ElementType.PARAMETER})
@Retention(RetentionPolicy.RUNTIME)
public @interface OneOf {

    Class<? extends Enum<?>> value();
}
