package io.pilotage.config;

import java.time.Clock;
import java.time.Duration;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * The one clock the edge stamps commands with and deadline handlers read. {@code pilotage.clock.offset}
 * shifts it (an ISO-8601 duration such as {@code -PT2H}) to rehearse deadlines without waiting for them.
 */
@Configuration(proxyBeanMethods = false)
public class ClockConfiguration {

    @Bean
    @ConditionalOnMissingBean
    public Clock clock(@Value("${pilotage.clock.offset:PT0S}") Duration offset) {
        return offset.isZero() ? Clock.systemUTC() : Clock.offset(Clock.systemUTC(), offset);
    }
}
