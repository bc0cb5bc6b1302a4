package io.pilotage.config;

import io.pilotage.reports.open311.Open311Errors;
import jakarta.servlet.http.HttpServletRequest;
import org.springframework.boot.autoconfigure.web.servlet.MultipartProperties;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.web.multipart.support.StandardServletMultipartResolver;

/**
 * Boot's multipart resolver, except under {@code /open311}: the dispatcher resolves multipart bodies before it picks
 * a controller, so a malformed one was refused there with the API's problem instead of Open311's error. Open311 takes
 * form-encoded bodies only, and its controller answers anything else with 415 in the standard's format.
 */
@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties(MultipartProperties.class)
class Open311Multipart {

    @Bean(name = "multipartResolver")
    StandardServletMultipartResolver multipartResolver(MultipartProperties properties) {
        StandardServletMultipartResolver resolver = new StandardServletMultipartResolver() {
            @Override
            public boolean isMultipart(HttpServletRequest request) {
                return !Open311Errors.concerns(request.getRequestURI()) && super.isMultipart(request);
            }
        };
        resolver.setResolveLazily(properties.isResolveLazily());
        resolver.setStrictServletCompliance(properties.isStrictServletCompliance());
        return resolver;
    }
}
