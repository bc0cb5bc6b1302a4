package io.pilotage;

import java.util.UUID;

/** Ids unique to one test run, so tests stay independent on a database that already holds data. */
public final class TestIds {

    private TestIds() {
    }

    public static String next(String prefix) {
        return prefix + "-" + UUID.randomUUID().toString().substring(0, 13);
    }
}
