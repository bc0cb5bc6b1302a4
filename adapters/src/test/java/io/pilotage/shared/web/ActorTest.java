package io.pilotage.shared.web;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.pilotage.shared.Channel;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.security.authentication.TestingAuthenticationToken;
import org.springframework.security.core.context.SecurityContextHolder;

class ActorTest {

    @AfterEach
    void clear() {
        SecurityContextHolder.clearContext();
    }

    private static void signIn(String... roles) {
        TestingAuthenticationToken token = new TestingAuthenticationToken("chief", "secret", roles);
        token.setAuthenticated(true);
        SecurityContextHolder.getContext().setAuthentication(token);
    }

    @Test
    void givenAnOperatorWhoIsAlsoSupervisor_whenActingUnderTheSupervisePermission_thenRecordedAsSupervisor() {
        signIn("ROLE_OPERATOR", "ROLE_SUPERVISOR");

        Actor actor = Actor.current(Channel.API, Permission.SUPERVISE);

        assertThat(actor.id()).isEqualTo("chief");
        assertThat(actor.role()).isEqualTo("SUPERVISOR");
        assertThat(Actor.current(Channel.API, Permission.DISPATCH).role()).isEqualTo("OPERATOR");
    }

    @Test
    void givenNoEndpointNamingAPermission_whenAskedForTheCurrentActor_thenRefusedRatherThanGuessingARole() {
        signIn("ROLE_OPERATOR", "ROLE_SUPERVISOR");

        assertThatThrownBy(() -> Actor.current(Channel.API)).isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("@Allowed");
    }
}
