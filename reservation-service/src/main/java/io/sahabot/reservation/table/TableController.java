package io.sahabot.reservation.table;

import java.time.LocalDate;
import java.util.UUID;
import org.springframework.format.annotation.DateTimeFormat;
import org.springframework.format.annotation.DateTimeFormat.ISO;
import org.springframework.http.CacheControl;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import reactor.core.publisher.Mono;

/** {@code GET /internal/tenants/{tenantId}/table.png?from=YYYY-MM-DD&to=YYYY-MM-DD}. */
@RestController
class TableController {

  private final TableService tables;

  TableController(TableService tables) {
    this.tables = tables;
  }

  @GetMapping("/internal/tenants/{tenantId}/table.png")
  Mono<ResponseEntity<byte[]>> table(
      @PathVariable UUID tenantId,
      @RequestParam @DateTimeFormat(iso = ISO.DATE) LocalDate from,
      @RequestParam @DateTimeFormat(iso = ISO.DATE) LocalDate to) {
    return tables
        .png(tenantId, from, to)
        .map(
            png ->
                ResponseEntity.ok()
                    .contentType(MediaType.IMAGE_PNG)
                    .cacheControl(CacheControl.noCache())
                    .body(png));
  }
}
