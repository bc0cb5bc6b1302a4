package io.pilotage.reports;

import java.time.Period;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** The reports context's settings the write side decides with. */
@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties(ReportsConfiguration.ReportsProperties.class)
public class ReportsConfiguration {

    /**
     * {@code retention}: how long a reporter's personal data is kept after their last request ended (ISO-8601 period,
     * or Spring's {@code 12m} / {@code 365d}); counted on Paris's calendar. A change applies to requests that end from
     * then on: a reporter's deadline already set keeps its date.
     */
    @ConfigurationProperties("pilotage.reports")
    public record ReportsProperties(@DefaultValue("P12M") Period retention) {
    }

    /** Given to the retention policy as a handler parameter, as the contract's terms are given to others. */
    @Bean
    public RetentionPeriod retentionPeriod(ReportsProperties reports) {
        return RetentionPeriod.of(reports.retention());
    }
}
