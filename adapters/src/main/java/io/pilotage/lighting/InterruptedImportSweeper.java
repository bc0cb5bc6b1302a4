package io.pilotage.lighting;

import io.pilotage.shared.MetadataKeys;
import io.pilotage.lighting.InventoryImportCommands.AbandonInventoryImport;
import io.pilotage.lighting.LightingQueries.FindRunningInventoryImports;
import io.pilotage.lighting.LightingQueries.RunningInventoryImports;
import io.pilotage.shared.Channel;
import io.pilotage.shared.RuleViolation;
import io.pilotage.shared.web.Actor;
import io.pilotage.shared.web.CommandSender;
import io.pilotage.shared.web.Queries;
import jakarta.annotation.PreDestroy;
import java.time.Clock;
import java.time.Duration;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.context.event.EventListener;
import org.springframework.stereotype.Component;

/**
 * Ends the imports whose node stopped in the middle, so that none stays RUNNING for ever. Runs when the
 * application is ready and then at a fixed interval, on every node: an import still shown running whose
 * lock this node can take has no live node running it (see {@link ImportLocks}), and is ended with the
 * reason; one whose lock is held, here or on another node, is left to run. The file is not kept, so an
 * interrupted import is not resumed: importing the same file again registers what is missing and leaves
 * the rest unchanged.
 */
@Component
public class InterruptedImportSweeper {

    public static final String REASON = "interrupted: the node running it stopped";

    private static final Logger LOG = LoggerFactory.getLogger(InterruptedImportSweeper.class);
    private static final int PER_SWEEP = 100;

    private final Queries queries;
    private final CommandSender commands;
    private final ImportLocks locks;
    private final Clock clock;
    private final Duration interval;
    private final ScheduledExecutorService schedule = Executors.newSingleThreadScheduledExecutor(runnable -> {
        Thread thread = new Thread(runnable, "inventory-import-sweeper");
        thread.setDaemon(true);
        return thread;
    });

    public InterruptedImportSweeper(Queries queries, CommandSender commands, ImportLocks locks, Clock clock,
                                    @Value("${pilotage.import.sweep-interval:PT1M}") Duration interval) {
        this.queries = queries;
        this.commands = commands;
        this.locks = locks;
        this.clock = clock;
        this.interval = interval;
    }

    @EventListener(ApplicationReadyEvent.class)
    void startSweeping() {
        schedule.scheduleWithFixedDelay(this::sweepLoggingFailures, 0, interval.toMillis(), TimeUnit.MILLISECONDS);
    }

    /** Ends every import shown running that no live node holds; answers how many it ended. */
    public int sweep() {
        Actor sweeper = new Actor("system:inventory-import-sweeper", MetadataKeys.SYSTEM_ROLE, Channel.IMPORT, UUID.randomUUID().toString());
        int ended = 0;
        for (String importId : queries.ask(new FindRunningInventoryImports(PER_SWEEP), RunningInventoryImports.class).importIds()) {
            Optional<ImportLocks.Lock> orphaned = locks.tryLock(importId);
            if (orphaned.isEmpty()) {
                continue;
            }
            try (ImportLocks.Lock lock = orphaned.get()) {
                commands.send(new AbandonInventoryImport(importId, REASON, clock.instant()), sweeper);
                ended++;
                LOG.warn("Inventory import {} ended: {}", importId, REASON);
            } catch (RuleViolation alreadyEnded) {
                LOG.debug("Inventory import {} had ended before the read model showed it", importId);
            }
        }
        return ended;
    }

    private void sweepLoggingFailures() {
        try {
            sweep();
        } catch (RuntimeException failure) {
            LOG.warn("Sweeping interrupted inventory imports failed; next attempt in {}", interval, failure);
        }
    }

    @PreDestroy
    void stop() {
        schedule.shutdownNow();
    }
}
