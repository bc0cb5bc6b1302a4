package io.pilotage.lighting;

import io.pilotage.lighting.InventoryImportCommands.AbandonInventoryImport;
import io.pilotage.lighting.LightingQueries.FindRunningInventoryImports;
import io.pilotage.lighting.LightingQueries.RunningInventoryImports;
import io.pilotage.shared.Channel;
import io.pilotage.shared.RuleViolation;
import io.pilotage.shared.web.Actor;
import io.pilotage.shared.web.CommandSender;
import io.pilotage.shared.web.Queries;
import java.time.Clock;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;

/**
 * Ends the imports whose node stopped in the middle, so that none stays RUNNING for ever. Runs when the
 * application starts and then at a fixed interval, on every node (the same scheduler as the dead-letter retries): an import still shown running whose
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

    public InterruptedImportSweeper(Queries queries, CommandSender commands, ImportLocks locks, Clock clock) {
        this.queries = queries;
        this.commands = commands;
        this.locks = locks;
        this.clock = clock;
    }

    /** Ends every import shown running that no live node holds; answers how many it ended. */
    public int sweep() {
        Actor sweeper = Actor.system("inventory-import-sweeper", Channel.IMPORT);
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

    /** Once as soon as the application runs (no initial delay), then every interval. */
    @Scheduled(fixedDelayString = "${pilotage.import.sweep-interval:PT1M}")
    void sweepLoggingFailures() {
        try {
            sweep();
        } catch (RuntimeException failure) {
            LOG.warn("Sweeping interrupted inventory imports failed; trying again at the next interval", failure);
        }
    }
}
