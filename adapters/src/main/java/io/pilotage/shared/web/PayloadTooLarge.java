package io.pilotage.shared.web;

/** A body larger than the endpoint accepts: answered with 413 before anything is parsed. */
public final class PayloadTooLarge extends RuntimeException {

    public PayloadTooLarge(long limitBytes) {
        super("The request body exceeds the limit of " + limitBytes + " bytes.", null, false, false);
    }
}
