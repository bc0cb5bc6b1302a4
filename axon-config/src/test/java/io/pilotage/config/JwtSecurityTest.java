package io.pilotage.config;

import static org.assertj.core.api.Assertions.assertThat;

import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.crypto.RSASSASigner;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import io.pilotage.Api;
import io.pilotage.PilotageApplication;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.time.Instant;
import java.util.Base64;
import java.util.Date;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.web.context.WebServerApplicationContext;
import org.springframework.context.ConfigurableApplicationContext;

/**
 * Production mode: once a token issuer's key is configured, the API takes JWT bearer tokens, reads roles
 * from the {@code roles} claim, and the workstation's Basic users no longer get in.
 */
class JwtSecurityTest {

    @TempDir
    Path dir;

    @Test
    void givenAnIssuerKey_whenCalledWithTokens_thenRolesComeFromTheTokenAndBasicIsRefused() throws Exception {
        KeyPairGenerator generator = KeyPairGenerator.getInstance("RSA");
        generator.initialize(2048);
        KeyPair keys = generator.generateKeyPair();
        Path publicKey = dir.resolve("issuer.pub");
        Files.writeString(publicKey, "-----BEGIN PUBLIC KEY-----\n"
                + Base64.getMimeEncoder().encodeToString(keys.getPublic().getEncoded()) + "\n-----END PUBLIC KEY-----\n");

        try (ConfigurableApplicationContext app = new SpringApplicationBuilder(PilotageApplication.class).run(
                "--server.port=0", "--pilotage.embedded-postgres.data-dir=" + dir.resolve("postgres"),
                "--spring.security.oauth2.resourceserver.jwt.public-key-location=file:" + publicKey)) {
            int port = ((WebServerApplicationContext) app).getWebServer().getPort();
            Api auditor = new Api(port, null).with("Authorization", "Bearer " + token(keys, "alice", List.of("AUDITOR")));

            assertThat(auditor.get("/api/lighting/failures").status()).isEqualTo(200);
            assertThat(auditor.post("/api/lighting/light-points", "{}").status()).isEqualTo(403);
            assertThat(new Api(port, "operator").get("/api/lighting/failures").status()).isEqualTo(401);
            KeyPairGenerator other = KeyPairGenerator.getInstance("RSA");
            other.initialize(2048);
            Api.Response forged = new Api(port, null).with("Authorization", "Bearer " + token(other.generateKeyPair(), "mallory",
                    List.of("ADMIN"))).get("/api/lighting/failures");
            assertThat(forged.status()).isEqualTo(401);
            assertThat(forged.header("WWW-Authenticate")).startsWith("Bearer").contains("invalid_token");
            assertThat(forged.header("Content-Type")).startsWith("application/problem+json");
            assertThat(forged.json().path("status").asInt()).isEqualTo(401);
        }
    }

    private static String token(KeyPair keys, String subject, List<String> roles) throws Exception {
        JWTClaimsSet claims = new JWTClaimsSet.Builder().subject(subject).issuer("https://idp.example")
                .expirationTime(Date.from(Instant.now().plusSeconds(300))).claim("roles", roles).build();
        SignedJWT jwt = new SignedJWT(new JWSHeader(JWSAlgorithm.RS256), claims);
        jwt.sign(new RSASSASigner(keys.getPrivate()));
        return jwt.serialize();
    }
}
