package io.pilotage.shared.web;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.springframework.security.authentication.TestingAuthenticationToken;
import org.springframework.security.core.Authentication;

class PermissionTest {

    private static Authentication holding(String... roles) {
        TestingAuthenticationToken token = new TestingAuthenticationToken("someone", "secret",
                Arrays.stream(roles).map(role -> "ROLE_" + role).toArray(String[]::new));
        token.setAuthenticated(true);
        return token;
    }

    @Test
    void givenAnOperatorWhoIsAlsoSupervisor_whenAuthorised_thenTheLeastPrivilegedRoleThatSufficesIsNamed() {
        Authentication chief = holding("SUPERVISOR", "OPERATOR");

        assertThat(Permission.SUPERVISE.authorisingRole(chief)).contains(Role.SUPERVISOR);
        assertThat(Permission.DISPATCH.authorisingRole(chief)).contains(Role.OPERATOR);
        assertThat(Permission.READ.authorisingRole(chief)).contains(Role.OPERATOR);
    }

    @Test
    void givenTheSameRolesInAnyOrder_whenAuthorised_thenTheSameRoleIsNamed() {
        assertThat(Permission.DISPATCH.authorisingRole(holding("ADMIN", "SUPERVISOR")))
                .isEqualTo(Permission.DISPATCH.authorisingRole(holding("SUPERVISOR", "ADMIN")))
                .contains(Role.SUPERVISOR);
    }

    @Test
    void givenARoleThePermissionDoesNotList_whenChecked_thenRefused() {
        assertThat(Permission.READ.isGrantedTo(holding("DPO"))).isFalse();
        assertThat(Permission.SUPERVISE.isGrantedTo(holding("OPERATOR", "AUDITOR"))).isFalse();
        assertThat(Permission.ADMINISTER.isGrantedTo(holding("SUPERVISOR"))).isFalse();
        assertThat(Permission.SUPERVISE.isGrantedTo(null)).isFalse();
        assertThat(Permission.SUPERVISE.isGrantedTo(holding("ADMIN"))).isTrue();
    }

    @Test
    void givenThePermissionTable_thenEveryPermissionEndsWithAdminAndListsNoRoleTwice() {
        for (Permission permission : Permission.values()) {
            List<Role> roles = permission.roles();
            assertThat(roles).as(permission.name()).doesNotHaveDuplicates().last().isEqualTo(Role.ADMIN);
        }
    }
}
