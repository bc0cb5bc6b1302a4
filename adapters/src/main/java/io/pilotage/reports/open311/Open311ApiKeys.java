package io.pilotage.reports.open311;

import io.pilotage.reports.open311.Open311KeyStore.StoredKey;
import io.pilotage.shared.web.IdGenerator;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.time.Clock;
import java.util.Base64;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;
import org.springframework.stereotype.Component;

/**
 * Issues, lists, revokes and checks the {@code api_key}s Open311 clients post with. A secret is 256 random bits,
 * shown once when issued; only its SHA-256 is kept, so neither the table nor a backup of it can post requests. A
 * plain hash suffices (no slow key derivation) because the secret is random, not a password someone chose.
 */
@Component
public class Open311ApiKeys {

    /** Issued secrets start with this, so that a leaked one is recognisable (secret scanners, logs). */
    static final String PREFIX = "o311_";
    private static final int SECRET_BYTES = 32;
    private static final int LONGEST_SECRET = 100;

    /** A key just issued, with the secret the client will send: never stored, never shown again. */
    public record IssuedKey(StoredKey key, String secret) {
        @Override
        public String toString() {
            return "IssuedKey[" + key.keyId() + "]";
        }
    }

    private final Open311KeyStore store;
    private final IdGenerator ids;
    private final Clock clock;
    private final SecureRandom random = new SecureRandom();

    public Open311ApiKeys(Open311KeyStore store, IdGenerator ids, Clock clock) {
        this.store = store;
        this.ids = ids;
        this.clock = clock;
    }

    public IssuedKey issue(String name, String issuedBy) {
        byte[] bytes = new byte[SECRET_BYTES];
        random.nextBytes(bytes);
        String secret = PREFIX + Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
        StoredKey key = new StoredKey("KEY-" + ids.next(), name, issuedBy, clock.instant(), null);
        store.add(key, hash(secret));
        return new IssuedKey(key, secret);
    }

    public List<StoredKey> all() {
        return store.all();
    }

    public Optional<StoredKey> revoke(String keyId) {
        return store.revoke(keyId, clock.instant());
    }

    /** The key a client's {@code api_key} is, if it is one in use. */
    public Optional<StoredKey> authenticate(String secret) {
        if (secret == null || secret.isEmpty() || secret.length() > LONGEST_SECRET) {
            return Optional.empty();
        }
        return store.activeByHash(hash(secret));
    }

    static String hash(String secret) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(secret.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
