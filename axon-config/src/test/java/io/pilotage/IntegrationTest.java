package io.pilotage;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;
import org.springframework.boot.test.autoconfigure.actuate.observability.AutoConfigureObservability;
import org.junit.jupiter.api.extension.ExtendWith;
import org.springframework.boot.test.context.SpringBootTest;

/**
 * The whole application on a random port against real PostgreSQL: the embedded server by default,
 * the one {@code SPRING_DATASOURCE_URL} names when it is set. Every test class with this annotation
 * shares one application context. Besides the default one-role users, {@code chief} holds two roles,
 * so that tests can check which of them an event records. The fuzz test leaves requests half sent on purpose:
 * at the end of the run the graceful shutdown gives up on them after 10 s, not production's 30 s, so that it ends
 * (and stops the embedded PostgreSQL) before Surefire kills a JVM that takes 30 s to exit. The application takes
 * telemetry from the run's own MQTT broker ({@link TestBroker}), started before it.
 */
@Target(ElementType.TYPE)
@Retention(RetentionPolicy.RUNTIME)
@ExtendWith(TestBroker.class)
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT, properties = {
        "pilotage.security.users.chief.password={noop}chief",
        "pilotage.security.users.chief.roles=OPERATOR,SUPERVISOR",
        "spring.lifecycle.timeout-per-shutdown-phase=10s",
        "pilotage.ingest.mqtt.url=${pilotage.test.mqtt-url:}",
        "pilotage.ingest.mqtt.client-id=pilotage-test-${random.uuid}",
        "pilotage.traffic.priority-answer-seconds=2"})
@AutoConfigureObservability
public @interface IntegrationTest {
}
