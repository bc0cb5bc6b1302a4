package io.pilotage.reports;

import static org.axonframework.modelling.command.AggregateLifecycle.apply;

import com.fasterxml.jackson.annotation.JsonAutoDetect;
import io.pilotage.reports.ReporterCommands.EraseReporter;
import io.pilotage.reports.ReporterCommands.RecordReporterRequest;
import io.pilotage.reports.ReporterCommands.RecordReporterRequestClosed;
import io.pilotage.reports.ReporterCommands.ReporterErasure;
import io.pilotage.reports.ReporterEvent.ReporterErased;
import io.pilotage.reports.ReporterEvent.ReporterRequestClosed;
import io.pilotage.reports.ReporterEvent.ReporterRequestRecorded;
import io.pilotage.shared.MetadataKeys;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.Map;
import org.axonframework.commandhandling.CommandHandler;
import org.axonframework.deadline.DeadlineManager;
import org.axonframework.deadline.annotation.DeadlineHandler;
import org.axonframework.eventsourcing.EventSourcingHandler;
import org.axonframework.messaging.MetaData;
import org.axonframework.messaging.annotation.MessageIdentifier;
import org.axonframework.modelling.command.AggregateCreationPolicy;
import org.axonframework.modelling.command.AggregateIdentifier;
import org.axonframework.modelling.command.AggregateNotFoundException;
import org.axonframework.modelling.command.CreationPolicy;
import org.axonframework.spring.stereotype.Aggregate;

/**
 * A citizen who reported, under a pseudonym: how long their personal data is kept, and its erasure. While one of
 * their requests is open nothing is due; when the last one closes, a persistent deadline is set at {@code retainUntil}
 * (the latest closure plus the retention period), and a request recorded after that cancels it. Erasure, on request
 * or at the deadline, destroys the reporter's key in the vault in the same transaction as {@link ReporterErased}: the
 * event is never stored without the key gone, nor the key gone without the event. After it, what the policy records
 * about the reporter's requests is absorbed: there is nothing left to keep.
 *
 * <p>The deadline is scheduled for the time left on the application's clock, and checked against that clock when it
 * fires, as {@code Intervention} does: the deadline manager runs on real time, which the application's clock may be
 * offset from.
 */
@Aggregate
@JsonAutoDetect(fieldVisibility = JsonAutoDetect.Visibility.ANY, getterVisibility = JsonAutoDetect.Visibility.NONE,
        isGetterVisibility = JsonAutoDetect.Visibility.NONE)
public class Reporter {

    static final String RETENTION_DEADLINE = "reporter-retention";

    @AggregateIdentifier
    private String reporterId;
    /** Each request of the reporter, and whether it is still open. */
    private final Map<String, Boolean> requests = new HashMap<>();
    private Instant retainUntil;
    /** The event that set {@link #retainUntil}: what an erasure at the deadline names as its trigger. */
    private String retentionSetBy;
    private ErasureReason erasedFor;
    private Instant erasedAt;

    protected Reporter() {
    }

    /** A request recorded twice is recorded once; one recorded after its closure stays closed. */
    @CommandHandler
    @CreationPolicy(AggregateCreationPolicy.CREATE_IF_MISSING)
    public void handle(RecordReporterRequest command, DeadlineManager deadlineManager) {
        if (erased() || requests.containsKey(command.serviceRequestId().value())) {
            return;
        }
        apply(new ReporterRequestRecorded(command.reporterId(), command.serviceRequestId(), command.at()));
        deadlineManager.cancelAllWithinScope(RETENTION_DEADLINE);
    }

    /**
     * A closure of a request never recorded (its recording still on its way) counts it as made and closed. When no
     * request stays open, the retention deadline moves to the latest {@code retainUntil} the reporter has been given.
     */
    @CommandHandler
    @CreationPolicy(AggregateCreationPolicy.CREATE_IF_MISSING)
    public void handle(RecordReporterRequestClosed command, DeadlineManager deadlineManager, Clock clock) {
        String request = command.serviceRequestId().value();
        if (erased() || Boolean.FALSE.equals(requests.get(request))) {
            return;
        }
        boolean noneOpenAfter = requests.entrySet().stream()
                .noneMatch(open -> open.getValue() && !open.getKey().equals(request));
        Instant until = !noneOpenAfter ? null
                : retainUntil != null && retainUntil.isAfter(command.retainUntil()) ? retainUntil : command.retainUntil();
        apply(new ReporterRequestClosed(command.reporterId(), command.serviceRequestId(), command.closedAt(), until));
        if (until != null) {
            deadlineManager.cancelAllWithinScope(RETENTION_DEADLINE);
            schedule(deadlineManager, command.reporterId(), until, clock);
        }
    }

    /**
     * A reporter is known by their stream or by their key: the edge seals before the policy records the request, so
     * an erasure asked in between finds the key and no stream, and erases. Known by neither, the reporter never
     * reported: refused as not found, and the vault's mark of the erasure rolls back with the command.
     */
    @CommandHandler
    @CreationPolicy(AggregateCreationPolicy.CREATE_IF_MISSING)
    public ReporterErasure handle(EraseReporter command, PersonalDataVault vault, DeadlineManager deadlineManager) {
        if (erased()) {
            return erasure();
        }
        boolean hadKey = vault.destroy(command.reporterId());
        if (reporterId == null && !hadKey) {
            throw new AggregateNotFoundException(command.reporterId().value(), "No reporter " + command.reporterId());
        }
        apply(new ReporterErased(command.reporterId(), command.reason(), command.at()));
        deadlineManager.cancelAllWithinScope(RETENTION_DEADLINE);
        return new ReporterErasure(command.reporterId(), command.reason(), command.at());
    }

    /**
     * The payload is only the reporter id: the deadline's own row (db-scheduler's) holds nothing personal. A deadline
     * that fires after a request reopened the hold, or after an erasure, is stale and ignored (they are cancelled,
     * but one may already be firing); one that fires before {@code retainUntil} on the application's clock is set
     * again for what is left.
     */
    @DeadlineHandler(deadlineName = RETENTION_DEADLINE)
    void retentionEnded(ReporterId reporter, PersonalDataVault vault, DeadlineManager deadlineManager, Clock clock) {
        if (erased() || retainUntil == null || requests.containsValue(Boolean.TRUE)) {
            return;
        }
        Instant now = clock.instant();
        if (now.isBefore(retainUntil)) {
            schedule(deadlineManager, reporter, retainUntil, clock);
            return;
        }
        vault.destroy(new ReporterId(reporterId));
        apply(new ReporterErased(new ReporterId(reporterId), ErasureReason.RETENTION, now),
                MetaData.with(MetadataKeys.TRIGGERING_EVENT_ID, retentionSetBy));
    }

    private static void schedule(DeadlineManager deadlineManager, ReporterId reporter, Instant until, Clock clock) {
        Duration left = Duration.between(clock.instant(), until);
        deadlineManager.schedule(left.isNegative() ? Duration.ZERO : left, RETENTION_DEADLINE, reporter);
    }

    private boolean erased() {
        return erasedFor != null;
    }

    private ReporterErasure erasure() {
        return new ReporterErasure(new ReporterId(reporterId), erasedFor, erasedAt);
    }

    @EventSourcingHandler
    void on(ReporterRequestRecorded event) {
        reporterId = event.reporterId().value();
        requests.put(event.serviceRequestId().value(), Boolean.TRUE);
        retainUntil = null;
    }

    @EventSourcingHandler
    void on(ReporterRequestClosed event, @MessageIdentifier String eventId) {
        reporterId = event.reporterId().value();
        requests.put(event.serviceRequestId().value(), Boolean.FALSE);
        retainUntil = event.retainUntil();
        retentionSetBy = event.retainUntil() == null ? null : eventId;
    }

    @EventSourcingHandler
    void on(ReporterErased event) {
        reporterId = event.reporterId().value();
        erasedFor = event.reason();
        erasedAt = event.at();
    }
}
