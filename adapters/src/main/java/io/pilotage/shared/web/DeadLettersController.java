package io.pilotage.shared.web;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import org.springframework.http.MediaType;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

/** Events a read model or a policy could not handle, parked so that the rest went on; for administrators. */
@RestController
@RequestMapping(path = "/api/admin/dead-letters", produces = MediaType.APPLICATION_JSON_VALUE)
@Tag(name = "Administration")
public class DeadLettersController {

    private final DeadLetterAdmin admin;

    public DeadLettersController(DeadLetterAdmin admin) {
        this.admin = admin;
    }

    public record Retried(String processingGroup, String sequenceIdentifier, boolean handled) {
    }

    @Operation(summary = "Parked sequences of every processing group, oldest first, with the error that parked them")
    @GetMapping
    @Allowed(Permission.ADMINISTER)
    public DeadLetterAdmin.DeadLetters parked() {
        return admin.parked();
    }

    @Operation(summary = "Retry one parked sequence now (handled false: it failed again and stays parked)")
    @PostMapping("/{processingGroup}/{sequenceIdentifier}/retry")
    @Allowed(Permission.ADMINISTER)
    public Retried retry(@PathVariable String processingGroup, @PathVariable String sequenceIdentifier) {
        boolean handled = admin.retry(processingGroup, sequenceIdentifier).orElseThrow(() ->
                new ResourceNotFound("Parked sequence", processingGroup + "/" + sequenceIdentifier));
        return new Retried(processingGroup, sequenceIdentifier, handled);
    }
}
