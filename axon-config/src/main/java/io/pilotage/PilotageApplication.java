package io.pilotage;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;

/** The composition root: one Spring Boot application wires every bounded context. */
@SpringBootApplication
public class PilotageApplication {

    public static void main(String[] args) {
        SpringApplication.run(PilotageApplication.class, args);
    }
}
