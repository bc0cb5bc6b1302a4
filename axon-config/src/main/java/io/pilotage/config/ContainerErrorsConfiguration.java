package io.pilotage.config;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.pilotage.reports.open311.Open311Errors;
import io.pilotage.shared.web.Problems;
import java.nio.charset.StandardCharsets;
import java.io.IOException;
import java.io.Writer;
import org.apache.catalina.Pipeline;
import org.apache.catalina.Valve;
import org.apache.catalina.connector.Request;
import org.apache.catalina.connector.Response;
import org.apache.catalina.core.StandardHost;
import org.apache.catalina.valves.ErrorReportValve;
import org.springframework.boot.web.embedded.tomcat.TomcatServletWebServerFactory;
import org.springframework.boot.web.server.WebServerFactoryCustomizer;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.Ordered;
import org.springframework.http.MediaType;

/**
 * Tomcat answers some requests before any servlet sees them, such as a request line with characters HTTP
 * forbids or a malformed header: no error page of the application can run, and its own report is an HTML
 * page. Its report valve is replaced by one that writes the same problem as the application would.
 */
@Configuration(proxyBeanMethods = false)
public class ContainerErrorsConfiguration {

    @Bean
    public ProblemReports problemReports(ObjectMapper mapper) {
        return new ProblemReports(mapper);
    }

    /**
     * Runs after Boot's own customizer, which adds a plain report valve that this one replaces; the host is
     * told the valve's class, or it would add Tomcat's default report valve when it starts.
     */
    static final class ProblemReports implements WebServerFactoryCustomizer<TomcatServletWebServerFactory>, Ordered {

        private final ObjectMapper mapper;

        ProblemReports(ObjectMapper mapper) {
            this.mapper = mapper;
        }

        @Override
        public void customize(TomcatServletWebServerFactory factory) {
            factory.addContextCustomizers(context -> {
                Pipeline host = context.getParent().getPipeline();
                for (Valve valve : host.getValves()) {
                    if (valve instanceof ErrorReportValve) {
                        host.removeValve(valve);
                    }
                }
                host.addValve(new ProblemReportValve(mapper));
                if (context.getParent() instanceof StandardHost standardHost) {
                    standardHost.setErrorReportValveClass(ProblemReportValve.class.getName());
                }
            });
        }

        @Override
        public int getOrder() {
            return Ordered.LOWEST_PRECEDENCE;
        }
    }

    /**
     * Writes an error the container raised itself as a problem (under {@code /open311}, as Open311's error list);
     * never the exception, which could show internals.
     */
    static final class ProblemReportValve extends ErrorReportValve {

        private final ObjectMapper mapper;

        ProblemReportValve(ObjectMapper mapper) {
            this.mapper = mapper;
            setShowReport(false);
            setShowServerInfo(false);
        }

        @Override
        protected void report(Request request, Response response, Throwable throwable) {
            int status = response.getStatus();
            if (status < 400 || response.getContentWritten() > 0 || !response.setErrorReported()) {
                return;
            }
            String uri = request.getRequestURI();
            boolean open311 = Open311Errors.concerns(uri);
            String body;
            try {
                body = open311 ? new String(Open311Errors.body(uri, status, Open311Errors.describe(status)), StandardCharsets.UTF_8)
                        : mapper.writeValueAsString(Problems.ofStatus(status));
            } catch (JsonProcessingException e) {
                throw new IllegalStateException(e);
            }
            try {
                response.setContentType(open311 ? Open311Errors.contentType(uri) : MediaType.APPLICATION_PROBLEM_JSON_VALUE);
                response.setCharacterEncoding("UTF-8");
                Writer writer = response.getReporter();
                if (writer != null) {
                    writer.write(body);
                    response.finishResponse();
                }
            } catch (IOException | IllegalStateException closed) {
                // The client is gone or the response was already sent: there is no one left to tell.
            }
        }
    }
}
