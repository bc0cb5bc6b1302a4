package io.pilotage.reports;

import io.pilotage.reports.ReportRules.ReporterIsErased;
import io.pilotage.shared.RuleViolation;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.SecureRandom;
import java.sql.Timestamp;
import java.time.Clock;
import java.util.Base64;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import javax.crypto.Cipher;
import javax.crypto.KeyGenerator;
import javax.crypto.SecretKey;
import javax.crypto.spec.GCMParameterSpec;
import javax.crypto.spec.SecretKeySpec;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

/**
 * The reporters' keys in {@code reporter_key}, one AES-256 key each, and AES/GCM from the JDK: a fresh 12-byte nonce
 * per seal, a 128-bit tag, the reporter id as associated data (a field moved to another reporter does not open), and
 * the ciphertext kept as Base64 of nonce followed by the cipher's output.
 *
 * <p>No key is cached: every seal and open reads the key's row (one primary-key lookup), so an erasure is in force on
 * every node from the moment its transaction commits, with no bound to state or to wait for. A key is created on the
 * reporter's first seal by {@code INSERT ... ON CONFLICT DO NOTHING} followed by a read, so threads or nodes sealing
 * for one new reporter at once all end up with the one key that won.
 *
 * <p>Erasure sets the key to NULL and keeps the row with its {@code erased_at}: the reporter stays known as erased,
 * sealing for them is refused ({@link ReporterIsErased}) and opening answers empty. The old key bytes may outlive the
 * update in PostgreSQL's dead tuples (until VACUUM), in the WAL and in backups; with a master key configured
 * ({@code pilotage.reports.vault.master-key}, Base64 of 32 bytes, kept outside the database) the stored keys are
 * themselves encrypted with it, so those copies of the database alone reveal nothing. Keys stored before a master key
 * was configured stay readable ({@code wrapped} says which is which); a wrapped key without the master key cannot be
 * opened and is reported as a configuration error, never as erased.
 *
 * <p>A ciphertext that was altered, cut or moved to another reporter opens to empty and logs a warning naming the
 * reporter id (a pseudonym), never the text.
 */
@Component
public class JdbcPersonalDataVault implements PersonalDataVault {

    private static final Logger LOG = LoggerFactory.getLogger(JdbcPersonalDataVault.class);
    private static final String CIPHER = "AES/GCM/NoPadding";
    static final int NONCE_BYTES = 12;
    static final int TAG_BITS = 128;
    static final int KEY_BYTES = 32;
    private static final String WRAP_CONTEXT = "reporter-key:";

    private final JdbcTemplate jdbc;
    private final Clock clock;
    private final SecretKey masterKey;
    private final SecureRandom random = new SecureRandom();

    public JdbcPersonalDataVault(JdbcTemplate jdbc, Clock clock,
                                 @Value("${pilotage.reports.vault.master-key:}") String masterKey) {
        this.jdbc = jdbc;
        this.clock = clock;
        this.masterKey = masterKey == null || masterKey.isBlank() ? null : masterKey(masterKey.trim());
    }

    private static SecretKey masterKey(String base64) {
        byte[] bytes;
        try {
            bytes = Base64.getDecoder().decode(base64);
        } catch (IllegalArgumentException notBase64) {
            throw new IllegalStateException("pilotage.reports.vault.master-key must be Base64 of " + KEY_BYTES + " bytes");
        }
        if (bytes.length != KEY_BYTES) {
            throw new IllegalStateException("pilotage.reports.vault.master-key must be Base64 of " + KEY_BYTES
                    + " bytes, not " + bytes.length);
        }
        return new SecretKeySpec(bytes, "AES");
    }

    @Override
    public Sealed seal(ReporterId reporter, String plaintext) {
        if (reporter == null || plaintext == null) {
            throw new IllegalArgumentException("seal needs a reporter and a text");
        }
        SecretKey key = keyOf(reporter).or(() -> createKey(reporter))
                .orElseThrow(() -> new RuleViolation(new ReporterIsErased()));
        byte[] nonce = new byte[NONCE_BYTES];
        random.nextBytes(nonce);
        byte[] output = crypt(Cipher.ENCRYPT_MODE, key, nonce, aad(reporter), plaintext.getBytes(StandardCharsets.UTF_8));
        return new Sealed(reporter, Base64.getEncoder().encodeToString(
                ByteBuffer.allocate(nonce.length + output.length).put(nonce).put(output).array()));
    }

    @Override
    public Optional<String> open(Sealed sealed) {
        return sealed == null ? Optional.empty() : open(sealed, keyOf(sealed.reporterId()));
    }

    /** Reads each reporter's key once for all their fields. */
    @Override
    public List<Optional<String>> open(List<Sealed> sealed) {
        Map<ReporterId, Optional<SecretKey>> keys = new HashMap<>();
        return sealed.stream().map(field -> field == null ? Optional.<String>empty()
                : open(field, keys.computeIfAbsent(field.reporterId(), this::keyOf))).toList();
    }

    private Optional<String> open(Sealed sealed, Optional<SecretKey> key) {
        if (key.isEmpty()) {
            return Optional.empty();
        }
        byte[] bytes;
        try {
            bytes = Base64.getDecoder().decode(sealed.ciphertext());
        } catch (IllegalArgumentException notBase64) {
            return unreadable(sealed);
        }
        if (bytes.length < NONCE_BYTES + TAG_BITS / 8) {
            return unreadable(sealed);
        }
        try {
            Cipher cipher = Cipher.getInstance(CIPHER);
            cipher.init(Cipher.DECRYPT_MODE, key.get(), new GCMParameterSpec(TAG_BITS, bytes, 0, NONCE_BYTES));
            cipher.updateAAD(aad(sealed.reporterId()));
            return Optional.of(new String(cipher.doFinal(bytes, NONCE_BYTES, bytes.length - NONCE_BYTES), StandardCharsets.UTF_8));
        } catch (GeneralSecurityException altered) {
            return unreadable(sealed);
        }
    }

    /**
     * Nulls the key where there is one; otherwise records the reporter as erased. A seal creating the key between the
     * two statements makes the insert find its row (committed: the insert waits for it), so the key is nulled then.
     */
    @Override
    public boolean destroy(ReporterId reporter) {
        Timestamp now = Timestamp.from(clock.instant());
        if (nullKey(reporter, now)) {
            return true;
        }
        int marked = jdbc.update("""
                INSERT INTO reporter_key (reporter_id, key_bytes, wrapped, created_at, erased_at) VALUES (?, NULL, false, ?, ?)
                ON CONFLICT (reporter_id) DO NOTHING""", reporter.value(), now, now);
        return marked == 0 && nullKey(reporter, now);
    }

    private boolean nullKey(ReporterId reporter, Timestamp now) {
        return jdbc.update("UPDATE reporter_key SET key_bytes = NULL, erased_at = ? WHERE reporter_id = ? AND key_bytes IS NOT NULL",
                now, reporter.value()) == 1;
    }

    @Override
    public boolean erased(ReporterId reporter) {
        return !jdbc.queryForList("SELECT 1 FROM reporter_key WHERE reporter_id = ? AND erased_at IS NOT NULL",
                Integer.class, reporter.value()).isEmpty();
    }

    private Optional<SecretKey> createKey(ReporterId reporter) {
        byte[] key = newKey();
        byte[] stored = masterKey == null ? key : wrap(reporter, key);
        Timestamp now = Timestamp.from(clock.instant());
        jdbc.update("""
                INSERT INTO reporter_key (reporter_id, key_bytes, wrapped, created_at) VALUES (?, ?, ?, ?)
                ON CONFLICT (reporter_id) DO NOTHING""", reporter.value(), stored, masterKey != null, now);
        return keyOf(reporter);
    }

    /** The reporter's key; empty when they have none yet or were erased (see {@link #erased}). */
    private Optional<SecretKey> keyOf(ReporterId reporter) {
        List<Optional<SecretKey>> keys = jdbc.query("SELECT key_bytes, wrapped FROM reporter_key WHERE reporter_id = ?",
                (row, n) -> {
                    byte[] stored = row.getBytes(1);
                    return stored == null ? Optional.<SecretKey>empty()
                            : Optional.of(new SecretKeySpec(row.getBoolean(2) ? unwrap(reporter, stored) : stored, "AES"));
                }, reporter.value());
        return keys.isEmpty() ? Optional.empty() : keys.get(0);
    }

    private byte[] newKey() {
        try {
            KeyGenerator generator = KeyGenerator.getInstance("AES");
            generator.init(KEY_BYTES * 8, random);
            return generator.generateKey().getEncoded();
        } catch (GeneralSecurityException unavailable) {
            throw new IllegalStateException("AES-256 is not available in this JDK", unavailable);
        }
    }

    private byte[] wrap(ReporterId reporter, byte[] key) {
        byte[] nonce = new byte[NONCE_BYTES];
        random.nextBytes(nonce);
        byte[] output = crypt(Cipher.ENCRYPT_MODE, masterKey, nonce, wrapAad(reporter), key);
        return ByteBuffer.allocate(nonce.length + output.length).put(nonce).put(output).array();
    }

    private byte[] unwrap(ReporterId reporter, byte[] stored) {
        if (masterKey == null) {
            throw new IllegalStateException("The key of reporter " + reporter
                    + " is wrapped with a master key, but pilotage.reports.vault.master-key is not set");
        }
        try {
            Cipher cipher = Cipher.getInstance(CIPHER);
            cipher.init(Cipher.DECRYPT_MODE, masterKey, new GCMParameterSpec(TAG_BITS, stored, 0, NONCE_BYTES));
            cipher.updateAAD(wrapAad(reporter));
            return cipher.doFinal(stored, NONCE_BYTES, stored.length - NONCE_BYTES);
        } catch (GeneralSecurityException otherMasterKey) {
            throw new IllegalStateException("The key of reporter " + reporter
                    + " does not open with the configured pilotage.reports.vault.master-key");
        }
    }

    private static byte[] crypt(int mode, SecretKey key, byte[] nonce, byte[] aad, byte[] input) {
        try {
            Cipher cipher = Cipher.getInstance(CIPHER);
            cipher.init(mode, key, new GCMParameterSpec(TAG_BITS, nonce));
            cipher.updateAAD(aad);
            return cipher.doFinal(input);
        } catch (GeneralSecurityException unavailable) {
            throw new IllegalStateException("AES/GCM failed", unavailable);
        }
    }

    private static byte[] aad(ReporterId reporter) {
        return reporter.value().getBytes(StandardCharsets.UTF_8);
    }

    private static byte[] wrapAad(ReporterId reporter) {
        return (WRAP_CONTEXT + reporter.value()).getBytes(StandardCharsets.UTF_8);
    }

    private static Optional<String> unreadable(Sealed sealed) {
        LOG.warn("A sealed field of reporter {} does not open with their key: it was altered, cut or sealed for another reporter",
                sealed.reporterId());
        return Optional.empty();
    }
}
