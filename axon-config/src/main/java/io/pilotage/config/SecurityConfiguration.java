package io.pilotage.config;

import io.pilotage.shared.web.Allowed;
import java.lang.reflect.Method;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Supplier;
import org.aopalliance.intercept.MethodInvocation;
import org.springframework.aop.Advisor;
import org.springframework.aop.support.annotation.AnnotationMatchingPointcut;
import org.springframework.beans.factory.config.BeanDefinition;
import org.springframework.core.annotation.AnnotatedElementUtils;
import org.springframework.security.authorization.AuthorizationDecision;
import org.springframework.security.authorization.AuthorizationManager;
import org.springframework.security.authorization.AuthorizationResult;
import org.springframework.security.authorization.method.AuthorizationInterceptorsOrder;
import org.springframework.security.authorization.method.AuthorizationManagerBeforeMethodInterceptor;
import org.springframework.security.core.Authentication;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.pilotage.reports.open311.Open311Errors;
import io.pilotage.shared.web.Permission;
import io.pilotage.shared.web.Problems;
import io.pilotage.shared.web.Role;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.annotation.Order;
import org.springframework.http.HttpStatus;
import org.springframework.security.config.annotation.method.configuration.EnableMethodSecurity;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.config.http.SessionCreationPolicy;
import org.springframework.security.core.GrantedAuthority;
import org.springframework.security.core.authority.SimpleGrantedAuthority;
import org.springframework.security.core.userdetails.User;
import org.springframework.security.core.userdetails.UserDetailsService;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.security.oauth2.jwt.JwtDecoder;
import org.springframework.security.oauth2.server.resource.authentication.JwtAuthenticationConverter;
import org.springframework.security.oauth2.server.resource.web.BearerTokenAuthenticationEntryPoint;
import org.springframework.security.provisioning.InMemoryUserDetailsManager;
import org.springframework.security.web.SecurityFilterChain;
import org.springframework.security.web.access.AccessDeniedHandler;
import org.springframework.security.web.AuthenticationEntryPoint;
import org.springframework.security.web.firewall.RequestRejectedHandler;

/**
 * Who may call what. Locally, HTTP Basic users from properties, one per role; in production, a JWT
 * resource server as soon as an issuer (or key) is configured, with roles read from a claim. Health and
 * the API description stay public; every other call needs a user, and each endpoint names its roles.
 */
@Configuration(proxyBeanMethods = false)
@EnableMethodSecurity
@EnableConfigurationProperties(SecurityConfiguration.UsersProperties.class)
public class SecurityConfiguration {

    /** Basic users of the default profile: name to password (with its {@code {id}} encoding prefix) and roles. */
    @ConfigurationProperties("pilotage.security")
    public record UsersProperties(Map<String, UserEntry> users, String jwtRolesClaim) {
        public record UserEntry(String password, List<String> roles) {
        }

        public UsersProperties {
            users = users == null ? Map.of() : users;
            jwtRolesClaim = jwtRolesClaim == null ? "roles" : jwtRolesClaim;
        }
    }

    /**
     * Open311 GeoReport v2 authenticates its clients by the standard's own {@code api_key}, posted with the request
     * and checked by the Open311 controller against the keys administrators issued; reads are public. No Basic user
     * nor bearer token is read here, so the API's credentials grant nothing under {@code /open311}, and every answer,
     * refusals included, is the standard's, not the API's.
     */
    @Bean
    @Order(1)
    public SecurityFilterChain open311(HttpSecurity http) throws Exception {
        http.securityMatcher(Open311Errors.PATH_PREFIX + "/**")
                .csrf(csrf -> csrf.disable())
                .sessionManagement(session -> session.sessionCreationPolicy(SessionCreationPolicy.STATELESS))
                .requestCache(cache -> cache.disable())
                .authorizeHttpRequests(requests -> requests.anyRequest().permitAll());
        return http.build();
    }

    @Bean
    @Order(2)
    public SecurityFilterChain api(HttpSecurity http, ObjectProvider<JwtDecoder> jwtDecoder, UsersProperties users,
                                   ObjectMapper objectMapper) throws Exception {
        http.csrf(csrf -> csrf.disable())
                .sessionManagement(session -> session.sessionCreationPolicy(SessionCreationPolicy.STATELESS))
                .authorizeHttpRequests(requests -> requests
                        .requestMatchers("/actuator/health", "/actuator/health/**", "/actuator/info").permitAll()
                        .requestMatchers("/v3/api-docs", "/v3/api-docs/**", "/swagger-ui.html", "/swagger-ui/**").permitAll()
                        .requestMatchers("/actuator/**").hasAnyAuthority(authorities(Permission.ADMINISTER))
                        .requestMatchers("/api/**").authenticated()
                        .requestMatchers("/error").permitAll()
                        .anyRequest().denyAll())
                .exceptionHandling(errors -> errors
                        .authenticationEntryPoint(unauthenticated(objectMapper))
                        .accessDeniedHandler(forbidden(objectMapper)));
        if (jwtDecoder.getIfAvailable() != null) {
            JwtAuthenticationConverter converter = new JwtAuthenticationConverter();
            converter.setJwtGrantedAuthoritiesConverter(jwt -> roles(jwt, users.jwtRolesClaim()));
            http.oauth2ResourceServer(server -> server
                    .authenticationEntryPoint(badToken(objectMapper))
                    .jwt(jwt -> jwt.jwtAuthenticationConverter(converter)));
        } else {
            http.httpBasic(basic -> basic.authenticationEntryPoint(unauthenticated(objectMapper)));
        }
        return http.build();
    }

    /**
     * Enforces {@link Allowed} before the endpoint runs, where {@code @PreAuthorize} would: the caller must hold a
     * role the permission's table grants, or the call is denied (403). A direct check rather than a
     * {@code @PreAuthorize} expression: evaluating the expression resolved the permission's type by name on every
     * call, some 15 % of the CPU a light point registration took.
     */
    @Bean
    @org.springframework.context.annotation.Role(BeanDefinition.ROLE_INFRASTRUCTURE)
    public static Advisor allowedEndpoints() {
        AuthorizationManagerBeforeMethodInterceptor interceptor = new AuthorizationManagerBeforeMethodInterceptor(
                new AnnotationMatchingPointcut(null, Allowed.class, true), new AllowedAuthorization());
        interceptor.setOrder(AuthorizationInterceptorsOrder.PRE_AUTHORIZE.getOrder());
        return interceptor;
    }

    /**
     * Looks up each endpoint's {@link Allowed} once: finding the merged annotation on every call was 1.8 % of a
     * light point registration's CPU in a profile of B1 (2026-12-02).
     */
    static final class AllowedAuthorization implements AuthorizationManager<MethodInvocation> {

        private final Map<Method, Optional<Permission>> permissions = new ConcurrentHashMap<>();

        @Override
        public AuthorizationResult authorize(Supplier<Authentication> authentication, MethodInvocation invocation) {
            Optional<Permission> permission = permissions.computeIfAbsent(invocation.getMethod(), method ->
                    Optional.ofNullable(AnnotatedElementUtils.findMergedAnnotation(method, Allowed.class))
                            .map(Allowed::value));
            return new AuthorizationDecision(permission.map(allowed -> allowed.isGrantedTo(authentication.get())).orElse(false));
        }

        @Override
        @Deprecated
        public AuthorizationDecision check(Supplier<Authentication> authentication, MethodInvocation invocation) {
            return (AuthorizationDecision) authorize(authentication, invocation);
        }
    }

    private static String[] authorities(Permission permission) {
        return permission.roles().stream().map(Role::authority).toArray(String[]::new);
    }

    /**
     * Exposed as a plain lookup, not as the manager itself: Spring Security would otherwise "upgrade"
     * the stored passwords to bcrypt after the first login and spend about 100 ms of CPU on every
     * later Basic request.
     */
    @Bean
    public UserDetailsService basicUsers(UsersProperties properties) {
        InMemoryUserDetailsManager manager = new InMemoryUserDetailsManager();
        properties.users().forEach((name, entry) -> manager.createUser(User.withUsername(name)
                .password(entry.password())
                .roles(entry.roles().toArray(String[]::new))
                .build()));
        return manager::loadUserByUsername;
    }

    private static Collection<GrantedAuthority> roles(Jwt jwt, String claim) {
        List<String> roles = jwt.getClaimAsStringList(claim);
        if (roles == null) {
            return List.of();
        }
        return roles.stream().<GrantedAuthority>map(role -> new SimpleGrantedAuthority("ROLE_" + role)).toList();
    }

    private static AuthenticationEntryPoint unauthenticated(ObjectMapper mapper) {
        return (request, response, exception) -> {
            response.setHeader("WWW-Authenticate", "Basic realm=\"pilotage\", Bearer");
            Problems.write(response, Problems.of(HttpStatus.UNAUTHORIZED, "authentication-required",
                    "Authentication required", "Send credentials (HTTP Basic locally, a bearer token in production)."), mapper);
        };
    }

    /**
     * A token that was sent but refused: the bearer entry point sets the challenge with its RFC 6750 error
     * code, and the body says the same thing as every other 401.
     */
    private static AuthenticationEntryPoint badToken(ObjectMapper mapper) {
        BearerTokenAuthenticationEntryPoint bearer = new BearerTokenAuthenticationEntryPoint();
        return (request, response, exception) -> {
            bearer.commence(request, response, exception);
            Problems.write(response, Problems.ofStatus(HttpStatus.UNAUTHORIZED.value()), mapper);
        };
    }

    /**
     * The firewall refuses requests whose URL could be read two ways (encoded dots or slashes, {@code ;},
     * {@code //}) before any other filter sees them; without this handler they would reach the container's
     * error page instead of the same problem as every other 400.
     */
    @Bean
    public RequestRejectedHandler rejectedRequests(ObjectMapper mapper) {
        return (request, response, rejected) -> {
            if (Open311Errors.concerns(request.getRequestURI())) {
                Open311Errors.write(response, request.getRequestURI(), HttpStatus.BAD_REQUEST.value(),
                        "The request URL or headers are not accepted.");
                return;
            }
            Problems.write(response, Problems.of(HttpStatus.BAD_REQUEST,
                "rejected-request", "Request rejected", "The request URL or headers are not accepted."), mapper);
        };
    }

    private static AccessDeniedHandler forbidden(ObjectMapper mapper) {
        return (request, response, exception) -> Problems.write(response, Problems.of(HttpStatus.FORBIDDEN,
                "forbidden", "Forbidden", "Your role does not allow this operation."), mapper);
    }

}
