package io.pilotage.config;

import java.nio.file.Path;
import org.springframework.beans.factory.DisposableBean;
import org.springframework.beans.factory.config.BeanDefinition;
import org.springframework.beans.factory.config.BeanFactoryPostProcessor;
import org.springframework.beans.factory.config.ConfigurableListableBeanFactory;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.env.Environment;

/**
 * Stops the embedded PostgreSQL when the application closes, and not before: the connection pool is
 * made to depend on it, so Spring stops the event processors, then closes the pool, then the server.
 * A JVM-wide shutdown hook would race the processors and cut their last batch.
 */
@Configuration(proxyBeanMethods = false)
@ConditionalOnProperty(EmbeddedPostgresEnvironment.ACTIVE_DATA_DIR)
public class EmbeddedPostgresLifecycle {

    static final String BEAN_NAME = "embeddedPostgresServer";

    /** The running server, as a bean whose destruction stops it. */
    public static final class ServerHandle implements DisposableBean {
        private final Path dataDir;

        ServerHandle(Path dataDir) {
            this.dataDir = dataDir;
        }

        @Override
        public void destroy() {
            EmbeddedPostgresEnvironment.stop(dataDir);
        }
    }

    @Bean(BEAN_NAME)
    public ServerHandle embeddedPostgresServer(Environment environment) {
        return new ServerHandle(Path.of(environment.getRequiredProperty(EmbeddedPostgresEnvironment.ACTIVE_DATA_DIR)));
    }

    @Bean
    public static BeanFactoryPostProcessor dataSourceDependsOnEmbeddedPostgres() {
        return (ConfigurableListableBeanFactory beanFactory) -> {
            for (String name : beanFactory.getBeanNamesForType(javax.sql.DataSource.class, true, false)) {
                BeanDefinition definition = beanFactory.getBeanDefinition(name);
                String[] dependsOn = definition.getDependsOn() == null ? new String[0] : definition.getDependsOn();
                String[] extended = java.util.Arrays.copyOf(dependsOn, dependsOn.length + 1);
                extended[dependsOn.length] = BEAN_NAME;
                definition.setDependsOn(extended);
            }
        };
    }
}
