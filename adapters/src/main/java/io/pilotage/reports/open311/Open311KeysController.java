package io.pilotage.reports.open311;

import io.pilotage.reports.open311.Open311ApiKeys.IssuedKey;
import io.pilotage.reports.open311.Open311KeyRequests.IssueOpen311KeyRequest;
import io.pilotage.reports.open311.Open311KeyStore.StoredKey;
import io.pilotage.shared.web.Allowed;
import io.pilotage.shared.web.Permission;
import io.pilotage.shared.web.ResourceNotFound;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.tags.Tag;
import java.net.URI;
import java.time.Instant;
import java.util.List;
import org.springframework.http.CacheControl;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * The {@code api_key}s Open311 clients post requests with: issued to a named client, listed without their secrets,
 * revoked at once. The secret is in the answer to the issue only, marked {@code no-store}, so neither a cache nor
 * the idempotency record keeps it.
 */
@RestController
@RequestMapping(path = "/api/admin/open311-keys", produces = MediaType.APPLICATION_JSON_VALUE)
@Tag(name = "Administration")
public class Open311KeysController {

    private final Open311ApiKeys keys;

    public Open311KeysController(Open311ApiKeys keys) {
        this.keys = keys;
    }

    record Open311KeyView(String keyId, String name, String createdBy, Instant createdAt,
                          @Schema(description = "null while the key is in use") Instant revokedAt) {
        static Open311KeyView of(StoredKey key) {
            return new Open311KeyView(key.keyId(), key.name(), key.createdBy(), key.createdAt(), key.revokedAt());
        }
    }

    record IssuedOpen311Key(String keyId, String name,
                            @Schema(description = "The secret the client sends as api_key; shown this once only",
                                    example = "o311_0eGkF4o2Q4k7r8m1nVh6yQ2w9zXcT5bLpA3sD8fJ1uI") String apiKey,
                            Instant createdAt) {
    }

    record Open311Keys(List<Open311KeyView> items) {
    }

    @Operation(summary = "Issue an Open311 API key to a named client",
            description = "201 with the secret (api_key), shown this once: only its SHA-256 is kept. Retried with the same "
                    + "Idempotency-Key, the answer is replayed without its body, so the secret is never stored.")
    @PostMapping(consumes = MediaType.APPLICATION_JSON_VALUE)
    @Allowed(Permission.ADMINISTER)
    public ResponseEntity<IssuedOpen311Key> issue(@RequestBody IssueOpen311KeyRequest request) {
        String name = request.validName();
        IssuedKey issued = keys.issue(name, SecurityContextHolder.getContext().getAuthentication().getName());
        StoredKey key = issued.key();
        return ResponseEntity.created(URI.create("/api/admin/open311-keys/" + key.keyId()))
                .cacheControl(CacheControl.noStore())
                .body(new IssuedOpen311Key(key.keyId(), key.name(), issued.secret(), key.createdAt()));
    }

    @Operation(summary = "Every Open311 API key, newest first, without secrets")
    @GetMapping
    @Allowed(Permission.ADMINISTER)
    public Open311Keys list() {
        return new Open311Keys(keys.all().stream().map(Open311KeyView::of).toList());
    }

    @Operation(summary = "Revoke an Open311 API key: requests posted with it are refused with 403 from now on",
            description = "200 with the key and when it was revoked; revoking a revoked key changes nothing.")
    @DeleteMapping("/{id}")
    @Allowed(Permission.ADMINISTER)
    public Open311KeyView revoke(@PathVariable String id) {
        return keys.revoke(id).map(Open311KeyView::of).orElseThrow(() -> new ResourceNotFound("Open311 API key", id));
    }
}
