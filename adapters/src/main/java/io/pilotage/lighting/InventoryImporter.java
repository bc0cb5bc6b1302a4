package io.pilotage.lighting;

import io.pilotage.lighting.LightPointCommands.RegisterLightPoints;
import io.pilotage.lighting.LightPointCommands.PointRegistration;
import io.pilotage.lighting.LightPointCommands.RegisterLightPoint;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import io.pilotage.lighting.InventoryImportCommands.AbandonInventoryImport;
import io.pilotage.lighting.InventoryImportCommands.CompleteInventoryImport;
import io.pilotage.lighting.InventoryImportCommands.RecordImportProgress;
import io.pilotage.lighting.InventoryImportCommands.StartInventoryImport;
import io.pilotage.lighting.LightPointCommands.RegistrationOutcome;
import io.pilotage.shared.Channel;
import io.pilotage.shared.RuleViolation;
import io.pilotage.shared.web.Actor;
import io.pilotage.shared.web.AfterCommit;
import io.pilotage.shared.web.CommandSender;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.TimeUnit;
import org.axonframework.modelling.command.AggregateStreamCreationException;
import org.axonframework.modelling.command.ConcurrencyException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.slf4j.MDC;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.SmartLifecycle;
import org.springframework.stereotype.Component;

/**
 * Runs bulk imports of the light-point inventory in the background: each batch in chunks, one transaction per
 * chunk (row by row when a chunk's transaction fails), several chunks at once, with the import's progress and row errors recorded every batch so that the uploader
 * can follow it. Registration is idempotent, so importing the same file twice changes nothing.
 *
 * <p>This node holds an import's lock from before its start is recorded until its end is, so that an
 * import shown running without a held lock is known to have lost its node
 * ({@link InterruptedImportSweeper} ends those).
 */
@Component
public class InventoryImporter implements SmartLifecycle {

    private static final Logger LOG = LoggerFactory.getLogger(InventoryImporter.class);

    private final CommandSender commands;
    private final ImportLocks locks;
    private final ObjectMapper mapper;
    private final Clock clock;
    private final MeterRegistry meters;
    private final int batchSize;
    private final int concurrency;
    private final ExecutorService imports = Executors.newSingleThreadExecutor(daemon("inventory-import"));
    private final ExecutorService rowWorkers;
    private volatile boolean running;
    private volatile boolean stopping;

    public InventoryImporter(CommandSender commands, ImportLocks locks, ObjectMapper mapper, Clock clock, MeterRegistry meters,
                             @Value("${pilotage.import.concurrency:4}") int concurrency,
                             @Value("${pilotage.import.batch-size:500}") int batchSize) {
        this.commands = commands;
        this.locks = locks;
        this.mapper = mapper;
        this.clock = clock;
        this.meters = meters;
        this.batchSize = batchSize;
        this.concurrency = concurrency;
        this.rowWorkers = Executors.newFixedThreadPool(concurrency, daemon("inventory-import-row"));
    }

    /** What was accepted for import: its id and how many rows it holds. */
    record Accepted(String importId, int totalRows) {
    }

    /**
     * Reads the file and records the start of the import before answering, so that a malformed file is
     * refused whole and a well-formed one can be followed at once; the rows are registered afterwards.
     */
    Accepted start(String importId, ImportFormat format, String fileName, byte[] content, Actor uploader) {
        Instant startedAt = clock.instant();
        List<InventoryFile.Row> rows = InventoryFile.parse(format, content, startedAt, mapper);
        Actor actor = uploader.through(Channel.IMPORT);
        ImportLocks.Lock lock = locks.tryLock(importId)
                .orElseThrow(() -> new IllegalStateException("The lock of new import " + importId + " is already held"));
        try {
            commands.send(new StartInventoryImport(importId, format, fileName, sha256(content), rows.size(), startedAt), actor);
        } catch (RuntimeException notStarted) {
            lock.close();
            throw notStarted;
        }
        AfterCommit.run(() -> {
            try {
                imports.submit(() -> run(importId, rows, actor, lock));
            } catch (RejectedExecutionException nodeStopping) {
                try (lock) {
                    abandon(importId, InterruptedImportSweeper.REASON + " before its first row", actor);
                }
            }
        }, lock::close);
        return new Accepted(importId, rows.size());
    }

    private void run(String importId, List<InventoryFile.Row> rows, Actor actor, ImportLocks.Lock lock) {
        try (lock) {
            runLocked(importId, rows, actor, lock);
        }
    }

    private void runLocked(String importId, List<InventoryFile.Row> rows, Actor actor, ImportLocks.Lock lock) {
        MDC.put("correlationId", actor.correlationId());
        Timer.Sample sample = Timer.start(meters);
        int registered = 0;
        int unchanged = 0;
        int rejected = 0;
        int processed = 0;
        try {
            for (int from = 0; from < rows.size(); from += batchSize) {
                if (stopping) {
                    abandon(importId, InterruptedImportSweeper.REASON + " after " + processed + " rows", actor);
                    return;
                }
                if (!lock.isHeld()) {
                    LOG.error("Inventory import {} stopped after {} rows: its lock's database session ended, so another "
                            + "node may already have ended it", importId, processed);
                    abandon(importId, "Stopped after " + processed + " rows: lost its lock", actor);
                    return;
                }
                List<InventoryFile.Row> batch = rows.subList(from, Math.min(rows.size(), from + batchSize));
                List<CompletableFuture<List<Object>>> chunks = new ArrayList<>();
                for (List<InventoryFile.Row> part : chunksByCabinet(batch, concurrency)) {
                    chunks.add(CompletableFuture.supplyAsync(() -> registerAll(part, actor), rowWorkers));
                }
                List<ImportRowError> errors = new ArrayList<>();
                for (Object result : chunks.stream().flatMap(chunk -> chunk.join().stream()).toList()) {
                    if (result == RegistrationOutcome.REGISTERED) {
                        registered++;
                    } else if (result == RegistrationOutcome.UNCHANGED) {
                        unchanged++;
                    } else {
                        rejected++;
                        errors.add((ImportRowError) result);
                    }
                }
                errors.sort(Comparator.comparingInt(ImportRowError::row));
                processed += batch.size();
                commands.send(new RecordImportProgress(importId, processed, registered, unchanged, rejected, errors,
                        clock.instant()), actor);
            }
            commands.send(new CompleteInventoryImport(importId, clock.instant()), actor);
            long millis = sample.stop(meters.timer("pilotage.lighting.import.duration"));
            meters.counter("pilotage.lighting.import.rows", "outcome", "registered").increment(registered);
            meters.counter("pilotage.lighting.import.rows", "outcome", "unchanged").increment(unchanged);
            meters.counter("pilotage.lighting.import.rows", "outcome", "rejected").increment(rejected);
            LOG.info("Inventory import {} completed: {} rows, {} registered, {} unchanged, {} rejected in {} ms",
                    importId, processed, registered, unchanged, rejected, TimeUnit.NANOSECONDS.toMillis(millis));
        } catch (RuntimeException failure) {
            LOG.error("Inventory import {} abandoned after {} rows", importId, processed, failure);
            abandon(importId, "Stopped after " + processed + " rows: internal error", actor);
        } finally {
            MDC.remove("correlationId");
        }
    }

    /** Ends the import unless something else (a sweeper on another node) already has. */
    private void abandon(String importId, String reason, Actor actor) {
        try {
            commands.send(new AbandonInventoryImport(importId, reason, clock.instant()), actor);
        } catch (RuleViolation alreadyEnded) {
            LOG.warn("Inventory import {} was already ended: {}", importId, alreadyEnded.ruleMessage());
        } catch (RuntimeException failure) {
            LOG.error("Inventory import {} could not be ended; the sweeper will end it once its lock is free", importId, failure);
        }
    }

    /**
     * Splits a batch into at most {@code chunks} chunks that run at once, each in the file's order, so that no two
     * chunks name the same cabinet or the same light point. The first registration naming a new cabinet claims its id,
     * and a chunk that claims an id another chunk's open transaction holds waits for that transaction to end: with the
     * file's rows usually grouped by cabinet, cutting the batch into equal runs of rows made neighbouring chunks share
     * the cabinet at their boundary, and each waited for the one before it, so a batch's chunks ran one after the
     * other. Rows naming one point stay together too, so that the first of them in the file is the one registered
     * (two chunks racing for one point would also fail one of them as a whole and send it row by row).
     */
    static List<List<InventoryFile.Row>> chunksByCabinet(List<InventoryFile.Row> batch, int chunks) {
        int[] group = new int[batch.size()];
        Map<String, Integer> firstNaming = new HashMap<>();
        for (int i = 0; i < batch.size(); i++) {
            group[i] = i;
            RegisterLightPoint command = batch.get(i).command();
            if (command != null) {
                for (String named : List.of("cabinet " + command.cabinetId().value(), "point " + command.lightPointId().value())) {
                    Integer first = firstNaming.putIfAbsent(named, i);
                    if (first != null) {
                        group[root(group, i)] = root(group, first);
                    }
                }
            }
        }
        Map<Integer, List<InventoryFile.Row>> groups = new LinkedHashMap<>();
        for (int i = 0; i < batch.size(); i++) {
            groups.computeIfAbsent(root(group, i), key -> new ArrayList<>()).add(batch.get(i));
        }
        int target = Math.max(1, (batch.size() + chunks - 1) / chunks);
        List<List<InventoryFile.Row>> split = new ArrayList<>();
        List<InventoryFile.Row> current = new ArrayList<>();
        for (List<InventoryFile.Row> rows : groups.values()) {
            current.addAll(rows);
            if (current.size() >= target) {
                split.add(current);
                current = new ArrayList<>();
            }
        }
        if (!current.isEmpty()) {
            split.add(current);
        }
        split.forEach(chunk -> chunk.sort(Comparator.comparingInt(InventoryFile.Row::number)));
        return split;
    }

    /** The representative row of {@code i}'s group (union-find, with path halving). */
    private static int root(int[] group, int i) {
        while (group[i] != i) {
            group[i] = group[group[i]];
            i = group[i];
        }
        return i;
    }

    /**
     * Registers a chunk of rows in one transaction ({@link RegisterLightPoints}); when that transaction fails as a
     * whole (a row's id already names another kind of resource, a concurrent write), row by row instead, so that
     * only the rows at fault are refused. Returns, per row, its outcome or its error.
     */
    private List<Object> registerAll(List<InventoryFile.Row> rows, Actor actor) {
        List<InventoryFile.Row> valid = rows.stream().filter(row -> row.command() != null).toList();
        List<PointRegistration> registrations = null;
        if (!valid.isEmpty()) {
            try {
                registrations = commands.send(new RegisterLightPoints(valid.stream().map(InventoryFile.Row::command).toList()), actor);
            } catch (RuntimeException batchFailed) {
                LOG.debug("A chunk of {} rows is registered row by row: {}", valid.size(), batchFailed.toString());
            }
        }
        List<Object> outcomes = new ArrayList<>(rows.size());
        int next = 0;
        for (InventoryFile.Row row : rows) {
            if (row.command() == null) {
                outcomes.add(row.error());
            } else if (registrations == null) {
                outcomes.add(register(row, actor));
            } else {
                PointRegistration registration = registrations.get(next++);
                outcomes.add(registration.refusal() == null ? registration.outcome()
                        : new ImportRowError(row.number(), row.lightPointId(), null, registration.refusal()));
            }
        }
        return outcomes;
    }

    /** Two rows of one file may name the same new point at once; the loser of that race is retried once. */
    private Object register(InventoryFile.Row row, Actor actor) {
        for (int attempt = 1; ; attempt++) {
            try {
                return commands.send(row.command(), actor);
            } catch (RuleViolation violation) {
                return new ImportRowError(row.number(), row.lightPointId(), null, violation.ruleMessage());
            } catch (ConcurrencyException | AggregateStreamCreationException race) {
                if (attempt == 2) {
                    return new ImportRowError(row.number(), row.lightPointId(), null,
                            "was changed by another request at the same moment; import the file again");
                }
            }
        }
    }

    private static String sha256(byte[] content) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(content));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    private static java.util.concurrent.ThreadFactory daemon(String name) {
        return runnable -> {
            Thread thread = new Thread(runnable, name);
            thread.setDaemon(true);
            return thread;
        };
    }

    @Override
    public void start() {
        running = true;
    }

    /**
     * Running and queued imports end at their next batch, with the reason, while the node can still record
     * it: this stops after the web server (no upload comes in any more) and before Axon's components.
     */
    @Override
    public void stop() {
        stopping = true;
        imports.shutdown();
        try {
            imports.awaitTermination(30, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } finally {
            rowWorkers.shutdownNow();
            running = false;
        }
    }

    @Override
    public boolean isRunning() {
        return running;
    }

    /**
     * Between the web server, which stops at {@code Integer.MAX_VALUE - 2048}, and Axon, whose whole
     * configuration (command handlers included) shuts down at {@code Integer.MAX_VALUE - 3072}.
     */
    @Override
    public int getPhase() {
        return Integer.MAX_VALUE - 2560;
    }
}
