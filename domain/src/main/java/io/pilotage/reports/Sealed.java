package io.pilotage.reports;

import io.pilotage.shared.InvalidValue;

/**
 * A piece of a reporter's personal data as events and read models keep it: encrypted with the reporter's own key
 * ({@code ciphertext} is Base64 of the nonce followed by the AES-GCM output). Once the key is destroyed nothing can
 * read it again, replays included. {@code toString} never shows the ciphertext, so logs stay free of it.
 */
public record Sealed(ReporterId reporterId, String ciphertext) {

    public Sealed {
        InvalidValue.requireNonNull(reporterId, "reporterId");
        InvalidValue.require(ciphertext != null && !ciphertext.isBlank(), "ciphertext", "must not be blank");
    }

    @Override
    public String toString() {
        return "Sealed[" + reporterId + "]";
    }
}
