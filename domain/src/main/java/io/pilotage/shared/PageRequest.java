package io.pilotage.shared;

/** Which slice of a long list a query asks for. */
public record PageRequest(int page, int size) {

    public static final int MAX_SIZE = 500;

    public PageRequest {
        InvalidValue.require(page >= 0, "page", "must be 0 or more");
        InvalidValue.require(size >= 1 && size <= MAX_SIZE, "size", "must be between 1 and " + MAX_SIZE);
    }

    public long offset() {
        return (long) page * size;
    }
}
