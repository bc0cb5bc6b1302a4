package io.pilotage.config;

import static org.assertj.core.api.Assertions.assertThat;

import io.pilotage.shared.web.Allowed;
import io.pilotage.shared.web.Permission;
import io.pilotage.shared.web.Role;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.springframework.security.authentication.UsernamePasswordAuthenticationToken;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.authority.SimpleGrantedAuthority;
import org.springframework.security.util.SimpleMethodInvocation;

/** The {@link Allowed} check, its permission looked up once per endpoint: same answers on every call. */
class AllowedAuthorizationTest {

    static class Endpoints {
        @Allowed(Permission.SUPERVISE)
        public void supervise() {
        }

        public void unmarked() {
        }
    }

    private final SecurityConfiguration.AllowedAuthorization authorization = new SecurityConfiguration.AllowedAuthorization();

    @Test
    void grantsThePermissionsRolesOnly_deniesAnEndpointWithoutAllowed_onEveryCall() throws Exception {
        SimpleMethodInvocation supervise = new SimpleMethodInvocation(new Endpoints(), Endpoints.class.getMethod("supervise"));
        SimpleMethodInvocation unmarked = new SimpleMethodInvocation(new Endpoints(), Endpoints.class.getMethod("unmarked"));
        Authentication supervisor = caller(Role.SUPERVISOR);
        Authentication operator = caller(Role.OPERATOR);
        Authentication admin = caller(Role.ADMIN);

        for (int call = 1; call <= 3; call++) {
            assertThat(granted(supervisor, supervise)).as("call %d", call).isTrue();
            assertThat(granted(admin, supervise)).as("call %d", call).isTrue();
            assertThat(granted(operator, supervise)).as("call %d", call).isFalse();
            assertThat(granted(admin, unmarked)).as("call %d", call).isFalse();
        }
        assertThat(granted(UsernamePasswordAuthenticationToken.unauthenticated("anonymous", null), supervise)).isFalse();
    }

    private boolean granted(Authentication caller, SimpleMethodInvocation invocation) {
        return authorization.authorize(() -> caller, invocation).isGranted();
    }

    private static Authentication caller(Role role) {
        return UsernamePasswordAuthenticationToken.authenticated(role.name().toLowerCase(), null,
                List.of(new SimpleGrantedAuthority(role.authority())));
    }
}
