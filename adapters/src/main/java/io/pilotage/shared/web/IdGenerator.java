package io.pilotage.shared.web;

import java.util.UUID;
import org.springframework.stereotype.Component;

/** The one place the edge draws new ids from, so that tests can predict them. */
@Component
public class IdGenerator {

    public String next() {
        return UUID.randomUUID().toString();
    }
}
