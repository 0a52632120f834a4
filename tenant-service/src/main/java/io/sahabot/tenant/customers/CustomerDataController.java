package io.sahabot.tenant.customers;

import io.sahabot.tenant.admin.TenantAdminService;
import io.sahabot.tenant.problems.Problems;
import io.sahabot.tenant.security.Caller;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.YearMonth;
import java.time.format.DateTimeParseException;
import java.util.UUID;
import org.springframework.http.HttpMethod;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.server.ServerWebExchange;
import reactor.core.publisher.Mono;

/**
 * A tenant's customers' data rights and its monthly report, through the tenant API.
 *
 * <ul>
 *   <li>{@code GET /api/tenants/{id}/customers/{user}/data}: everything the deployment holds about
 *       one customer ({@code user}: their WhatsApp id or phone), as JSON (agent-service's export);
 *   <li>{@code DELETE /api/tenants/{id}/customers/{user}/data}: erases it, as the customer's own
 *       "verilerimi sil" does; 200 {@code {"erased":true}}, or 409 with the upcoming reservations
 *       that must be cancelled first.
 * </ul>
 *
 * Both are the operators' alone (a data subject's request reaches the deployment's operator).
 * {@code GET /api/tenants/{id}/reports/monthly.csv?month=YYYY-MM} is the tenant's (its key) and the
 * operators'.
 */
@RestController
@RequestMapping("/api/tenants/{id}")
class CustomerDataController {

  private final TenantAdminService tenants;
  private final PassThrough upstream;

  CustomerDataController(TenantAdminService tenants, PassThrough upstream) {
    this.tenants = tenants;
    this.upstream = upstream;
  }

  @GetMapping("/customers/{user}/data")
  Mono<ResponseEntity<byte[]>> export(
      @PathVariable UUID id, @PathVariable String user, ServerWebExchange exchange) {
    operatorOnly(exchange);
    return tenants
        .get(id)
        .then(upstream.agent(HttpMethod.GET, customers(id) + "/data?user=" + user(user)));
  }

  @DeleteMapping("/customers/{user}/data")
  Mono<ResponseEntity<byte[]>> erase(
      @PathVariable UUID id, @PathVariable String user, ServerWebExchange exchange) {
    operatorOnly(exchange);
    return tenants
        .get(id)
        .then(upstream.agent(HttpMethod.POST, customers(id) + "/erasure?user=" + user(user)));
  }

  @GetMapping("/reports/monthly.csv")
  Mono<ResponseEntity<byte[]>> monthlyCsv(
      @PathVariable UUID id,
      @RequestParam(required = false) String month,
      ServerWebExchange exchange) {
    // who may ask first: another tenant's key is 403 whatever its parameters
    if (!Caller.of(exchange).mayAccess(id)) {
      throw Problems.forbidden("this key does not belong to tenant " + id);
    }
    YearMonth m;
    try {
      m = YearMonth.parse(month == null ? "" : month);
    } catch (DateTimeParseException e) {
      throw Problems.invalid("month", "month: must be YYYY-MM, was '" + month + "'");
    }
    return tenants
        .get(id)
        .then(upstream.reservations("/internal/tenants/" + id + "/reports/monthly.csv?month=" + m));
  }

  private static String customers(UUID id) {
    return "/internal/tenants/" + id + "/customers";
  }

  private static String user(String user) {
    String u = user == null ? "" : user.strip();
    if (u.isEmpty() || u.length() > 128) {
      throw Problems.invalid("user", "user: a WhatsApp id or phone number");
    }
    return URLEncoder.encode(u, StandardCharsets.UTF_8);
  }

  private static void operatorOnly(ServerWebExchange exchange) {
    if (!(Caller.of(exchange) instanceof Caller.Operator)) {
      throw Problems.forbidden("operators only");
    }
  }
}
