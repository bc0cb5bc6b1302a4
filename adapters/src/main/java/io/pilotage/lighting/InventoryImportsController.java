package io.pilotage.lighting;

import io.pilotage.lighting.LightingQueries.FindInventoryImport;
import io.pilotage.lighting.LightingQueries.InventoryImportView;
import io.pilotage.shared.Channel;
import io.pilotage.shared.InvalidValue;
import io.pilotage.shared.PageRequest;
import io.pilotage.shared.web.Actor;
import io.pilotage.shared.web.Allowed;
import io.pilotage.shared.web.IdGenerator;
import io.pilotage.shared.web.Permission;
import io.pilotage.shared.web.Problems;
import io.pilotage.shared.web.Queries;
import io.pilotage.shared.web.ResourceNotFound;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.Parameter;
import io.swagger.v3.oas.annotations.tags.Tag;
import java.io.IOException;
import java.net.URI;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RequestPart;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.multipart.MultipartFile;

/** Bulk import of the light-point inventory from CSV or GeoJSON, and following an import as it runs. */
@RestController
@RequestMapping(path = "/api/lighting/imports", produces = MediaType.APPLICATION_JSON_VALUE)
@Tag(name = "Street lighting")
public class InventoryImportsController {


    private final InventoryImporter importer;
    private final Queries queries;
    private final IdGenerator ids;

    public InventoryImportsController(InventoryImporter importer, Queries queries, IdGenerator ids) {
        this.importer = importer;
        this.queries = queries;
        this.ids = ids;
    }

    @Operation(summary = "Import light points from a CSV or GeoJSON body",
            description = "Content-Type text/csv or application/geo+json. Answers 202 with the import to follow.")
    @PostMapping(consumes = {"text/csv", "application/geo+json", MediaType.APPLICATION_JSON_VALUE})
    @Allowed(Permission.SUPERVISE)
    public ResponseEntity<InventoryImporter.Accepted> importBody(@Parameter(hidden = true) @RequestHeader("Content-Type") MediaType contentType,
                                                                 @RequestParam(required = false) String fileName,
                                                                 @RequestBody byte[] content) {
        ImportFormat format = "csv".equals(contentType.getSubtype()) ? ImportFormat.CSV : ImportFormat.GEOJSON;
        return start(format, fileName, content);
    }

    @Operation(summary = "Import light points from an uploaded file (multipart field 'file')",
            description = "The format follows the file name: .csv, or .geojson / .json.")
    @PostMapping(consumes = MediaType.MULTIPART_FORM_DATA_VALUE)
    @Allowed(Permission.SUPERVISE)
    public ResponseEntity<InventoryImporter.Accepted> importFile(@RequestPart("file") MultipartFile file) throws IOException {
        String name = file.getOriginalFilename() == null ? "" : file.getOriginalFilename().toLowerCase(java.util.Locale.ROOT);
        ImportFormat format;
        if (name.endsWith(".csv")) {
            format = ImportFormat.CSV;
        } else if (name.endsWith(".geojson") || name.endsWith(".json")) {
            format = ImportFormat.GEOJSON;
        } else {
            throw new InvalidValue("file", "must be named *.csv, *.geojson or *.json");
        }
        return start(format, file.getOriginalFilename(), file.getBytes());
    }

    private ResponseEntity<InventoryImporter.Accepted> start(ImportFormat format, String fileName, byte[] content) {
        String safeName = fileName == null || fileName.isBlank() ? null : fileName.replaceAll("[^A-Za-z0-9._ -]", "_");
        if (safeName != null && safeName.length() > 255) {
            safeName = safeName.substring(0, 255);
        }
        InventoryImporter.Accepted accepted = importer.start(ids.next(), format, safeName, content, Actor.current(Channel.API));
        return ResponseEntity.accepted().location(URI.create("/api/lighting/imports/" + accepted.importId())).body(accepted);
    }

    @Operation(summary = "An import's progress and a page of its row errors")
    @GetMapping("/{id}")
    @Allowed(Permission.READ)
    public InventoryImportView get(@PathVariable String id, @RequestParam(defaultValue = "0") int errorsPage,
                                   @RequestParam(defaultValue = "100") int errorsSize) {
        return queries.find(new FindInventoryImport(id, new PageRequest(errorsPage, errorsSize)), InventoryImportView.class)
                .orElseThrow(() -> new ResourceNotFound("Import", id));
    }

    @ExceptionHandler(InventoryFile.Unreadable.class)
    ProblemDetail unreadable(InventoryFile.Unreadable unreadable) {
        return Problems.of(HttpStatus.UNPROCESSABLE_ENTITY, "unreadable-inventory", "Unreadable inventory file",
                unreadable.getMessage());
    }
}
