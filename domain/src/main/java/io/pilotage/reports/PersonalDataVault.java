package io.pilotage.reports;

import java.util.List;
import java.util.Optional;

/**
 * Keeps one key per reporter and seals and opens their personal data with it (crypto-shredding). The edge seals
 * before a command is sent, so no command, event, dead letter or idempotency record holds the clear text; read
 * models keep the sealed form and open it when asked. Destroying the key is the erasure.
 */
public interface PersonalDataVault {

    /** Encrypts with the reporter's key, creating the key on first use. Refused once the reporter is erased. */
    Sealed seal(ReporterId reporter, String plaintext);

    /** The clear text, or empty once the reporter's key is destroyed. */
    Optional<String> open(Sealed sealed);

    /**
     * Opens several fields at once, in order (a null field opens to empty): what one read of a request needs, so an
     * implementation may read each reporter's key once rather than once per field.
     */
    default List<Optional<String>> open(List<Sealed> sealed) {
        return sealed.stream().map(field -> field == null ? Optional.<String>empty() : open(field)).toList();
    }

    /** Destroys the reporter's key; answers whether there was one. Idempotent. */
    boolean destroy(ReporterId reporter);

    /** Whether the reporter's key was destroyed. */
    boolean erased(ReporterId reporter);
}
