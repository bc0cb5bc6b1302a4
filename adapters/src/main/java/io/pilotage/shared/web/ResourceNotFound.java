package io.pilotage.shared.web;

/** The path names something that does not exist: answered with 404. */
public final class ResourceNotFound extends RuntimeException {

    public ResourceNotFound(String what, String id) {
        super(what + " " + id + " does not exist.", null, false, false);
    }
}
