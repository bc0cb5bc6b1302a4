package io.pilotage.reports;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.pilotage.IntegrationTest;
import io.pilotage.TestIds;
import io.pilotage.shared.RuleViolation;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.util.Base64;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.JdbcTemplate;

/** The vault against the real {@code reporter_key} table: keys per reporter, AES-GCM, erasure, tampering, master key. */
@IntegrationTest
class JdbcPersonalDataVaultTest {

    private static final String MASTER = Base64.getEncoder().encodeToString(new byte[32]);

    @Autowired
    PersonalDataVault vault;

    @Autowired
    JdbcTemplate jdbc;

    @Autowired
    Clock clock;

    private static ReporterId newReporter() {
        return new ReporterId(TestIds.next("RPT"));
    }

    @Test
    void givenANewReporter_whenSealed_thenOpensToTheTextAndNeitherTheCiphertextNorTheKeyTableHoldsIt() {
        ReporterId reporter = newReporter();
        String text = "Zoë Vault-Marker-" + reporter.value() + " +33 6 12 34 56 78";

        Sealed sealed = vault.seal(reporter, text);

        assertThat(sealed.reporterId()).isEqualTo(reporter);
        assertThat(sealed.ciphertext()).doesNotContain("Vault-Marker");
        assertThat(new String(Base64.getDecoder().decode(sealed.ciphertext()), StandardCharsets.UTF_8)).doesNotContain("Vault-Marker");
        assertThat(vault.open(sealed)).contains(text);
        Map<String, Object> row = jdbc.queryForMap("SELECT key_bytes, wrapped, erased_at FROM reporter_key WHERE reporter_id = ?",
                reporter.value());
        assertThat((byte[]) row.get("key_bytes")).hasSize(32);
        assertThat(row.get("erased_at")).isNull();
        assertThat(vault.erased(reporter)).isFalse();
    }

    @Test
    void givenOneText_whenSealedTwice_thenTheCiphertextsDifferByTheirNonceAndBothOpen() {
        ReporterId reporter = newReporter();

        Sealed first = vault.seal(reporter, "same words");
        Sealed second = vault.seal(reporter, "same words");

        assertThat(first.ciphertext()).isNotEqualTo(second.ciphertext());
        assertThat(Base64.getDecoder().decode(first.ciphertext())).hasSize(12 + "same words".length() + 16);
        assertThat(vault.open(first)).contains("same words");
        assertThat(vault.open(second)).contains("same words");
        assertThat(jdbc.queryForObject("SELECT count(*) FROM reporter_key WHERE reporter_id = ?", Integer.class,
                reporter.value())).isEqualTo(1);
    }

    @Test
    void givenANewReporter_whenEightThreadsSealAtOnce_thenOneKeyIsCreatedAndEveryTextOpens() throws Exception {
        ReporterId reporter = newReporter();
        int threads = 8;
        CountDownLatch start = new CountDownLatch(1);
        ExecutorService pool = Executors.newFixedThreadPool(threads);
        try {
            List<Future<Sealed>> sealing = IntStream.range(0, threads).mapToObj(i -> pool.submit((Callable<Sealed>) () -> {
                start.await();
                return vault.seal(reporter, "text " + i);
            })).toList();
            start.countDown();
            for (int i = 0; i < threads; i++) {
                assertThat(vault.open(sealing.get(i).get())).contains("text " + i);
            }
        } finally {
            pool.shutdownNow();
        }
        assertThat(jdbc.queryForObject("SELECT count(*) FROM reporter_key WHERE reporter_id = ?", Integer.class,
                reporter.value())).isEqualTo(1);
    }

    @Test
    void givenASealedText_whenTheReporterIsDestroyed_thenNothingOpensSealingIsRefusedAndTheMarkerStays() {
        ReporterId reporter = newReporter();
        Sealed sealed = vault.seal(reporter, "to be forgotten");

        boolean hadKey = vault.destroy(reporter);

        assertThat(hadKey).isTrue();
        assertThat(vault.open(sealed)).isEmpty();
        assertThat(vault.erased(reporter)).isTrue();
        assertThatThrownBy(() -> vault.seal(reporter, "more"))
                .isInstanceOfSatisfying(RuleViolation.class, violation -> assertThat(violation.rule())
                        .isInstanceOf(ReportRules.ReporterIsErased.class));
        Map<String, Object> row = jdbc.queryForMap("SELECT key_bytes, erased_at FROM reporter_key WHERE reporter_id = ?",
                reporter.value());
        assertThat(row.get("key_bytes")).isNull();
        assertThat(row.get("erased_at")).isNotNull();
    }

    @Test
    void givenADestroyedReporter_whenDestroyedAgain_thenItAnswersThereWasNoKeyAndTheFirstErasureTimeStays() {
        ReporterId reporter = newReporter();
        vault.seal(reporter, "x");
        vault.destroy(reporter);
        Object firstErasure = jdbc.queryForObject("SELECT erased_at FROM reporter_key WHERE reporter_id = ?", Object.class,
                reporter.value());

        boolean hadKey = vault.destroy(reporter);

        assertThat(hadKey).isFalse();
        assertThat(vault.erased(reporter)).isTrue();
        assertThat(jdbc.queryForObject("SELECT erased_at FROM reporter_key WHERE reporter_id = ?", Object.class,
                reporter.value())).isEqualTo(firstErasure);
    }

    @Test
    void givenAReporterNeverSealedFor_whenDestroyed_thenTheyAreErasedAndSealingIsRefused() {
        ReporterId reporter = newReporter();

        boolean hadKey = vault.destroy(reporter);

        assertThat(hadKey).isFalse();
        assertThat(vault.erased(reporter)).isTrue();
        assertThatThrownBy(() -> vault.seal(reporter, "after")).isInstanceOf(RuleViolation.class);
    }

    @Test
    void givenAnUnknownReporter_whenAskedWhetherErased_thenNo() {
        assertThat(vault.erased(newReporter())).isFalse();
    }

    @Test
    void givenASealedText_whenItsBytesAreAlteredCutOrMovedToAnotherReporter_thenItOpensToNothing() {
        ReporterId reporter = newReporter();
        ReporterId other = newReporter();
        vault.seal(other, "the other's key exists");
        Sealed sealed = vault.seal(reporter, "genuine");
        byte[] bytes = Base64.getDecoder().decode(sealed.ciphertext());
        bytes[bytes.length - 1] ^= 1;
        Sealed flipped = new Sealed(reporter, Base64.getEncoder().encodeToString(bytes));
        Sealed cut = new Sealed(reporter, sealed.ciphertext().substring(0, 12));
        Sealed notBase64 = new Sealed(reporter, "%%% not base64 %%%");
        Sealed moved = new Sealed(other, sealed.ciphertext());

        assertThat(vault.open(flipped)).isEmpty();
        assertThat(vault.open(cut)).isEmpty();
        assertThat(vault.open(notBase64)).isEmpty();
        assertThat(vault.open(moved)).isEmpty();
        assertThat(vault.open(sealed)).contains("genuine");
        assertThat(vault.erased(reporter)).isFalse();
    }

    @Test
    void givenAMasterKey_whenSealing_thenTheStoredKeyIsWrappedAndOnlyAVaultWithThatMasterKeyOpens() {
        JdbcPersonalDataVault wrapping = new JdbcPersonalDataVault(jdbc, clock, MASTER);
        JdbcPersonalDataVault withoutMaster = new JdbcPersonalDataVault(jdbc, clock, "");
        JdbcPersonalDataVault otherMaster = new JdbcPersonalDataVault(jdbc, clock,
                Base64.getEncoder().encodeToString("0123456789abcdef0123456789abcdef".getBytes(StandardCharsets.US_ASCII)));
        ReporterId reporter = newReporter();

        Sealed sealed = wrapping.seal(reporter, "wrapped words");

        Map<String, Object> row = jdbc.queryForMap("SELECT key_bytes, wrapped FROM reporter_key WHERE reporter_id = ?",
                reporter.value());
        assertThat(row.get("wrapped")).isEqualTo(true);
        assertThat((byte[]) row.get("key_bytes")).hasSize(12 + 32 + 16);
        assertThat(wrapping.open(sealed)).contains("wrapped words");
        assertThatThrownBy(() -> withoutMaster.open(sealed)).isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("master-key is not set").hasMessageNotContaining(HexFormat.of().formatHex((byte[]) row.get("key_bytes")));
        assertThatThrownBy(() -> otherMaster.open(sealed)).isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("does not open");
    }

    @Test
    void givenKeysStoredBeforeAMasterKeyWasConfigured_whenTheMasterKeyIsSet_thenTheyStillOpen() {
        ReporterId reporter = newReporter();
        Sealed sealed = new JdbcPersonalDataVault(jdbc, clock, "").seal(reporter, "older");

        assertThat(new JdbcPersonalDataVault(jdbc, clock, MASTER).open(sealed)).contains("older");
    }

    @Test
    void givenAMasterKeyThatIsNotBase64Of32Bytes_whenTheVaultIsMade_thenItRefusesWithoutEchoingIt() {
        assertThatThrownBy(() -> new JdbcPersonalDataVault(jdbc, clock, "c2hvcnQ="))
                .isInstanceOf(IllegalStateException.class).hasMessageContaining("32 bytes").hasMessageNotContaining("c2hvcnQ=");
        assertThatThrownBy(() -> new JdbcPersonalDataVault(jdbc, clock, "not base64 !"))
                .isInstanceOf(IllegalStateException.class).hasMessageNotContaining("not base64 !");
    }
}
