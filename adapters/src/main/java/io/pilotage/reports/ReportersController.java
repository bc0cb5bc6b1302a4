package io.pilotage.reports;

import io.pilotage.reports.ReporterCommands.EraseReporter;
import io.pilotage.reports.ReporterCommands.ReporterErasure;
import io.pilotage.shared.web.Allowed;
import io.pilotage.shared.web.CommandSender;
import io.pilotage.shared.web.Permission;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import java.time.Clock;
import org.springframework.http.MediaType;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * The erasure of a reporter's personal data, asked by the data protection officer (docs/reports.md, "Personal data and its erasure"). It
 * destroys the reporter's key: every sealed field of every event and read model that names them is unreadable from
 * then on, replays included.
 */
@RestController
@RequestMapping(path = "/api/reporters", produces = MediaType.APPLICATION_JSON_VALUE)
@Tag(name = "Reports")
public class ReportersController {

    private final CommandSender commands;
    private final Clock clock;

    public ReportersController(CommandSender commands, Clock clock) {
        this.commands = commands;
        this.clock = clock;
    }

    @Operation(summary = "Erase a reporter's personal data (DPO); again later answers the first erasure and changes "
            + "nothing; 404 for a reporter the system never saw")
    @PostMapping("/{reporterId}/erasure")
    @Allowed(Permission.ERASE_PERSONAL_DATA)
    public ReporterResponses.Erased erase(@PathVariable String reporterId) {
        ReporterErasure erasure = commands.send(new EraseReporter(new ReporterId(reporterId), ErasureReason.REQUEST,
                clock.instant()));
        return ReporterResponses.Erased.of(erasure);
    }
}
