package io.sahabot.tenant.api;

import com.fasterxml.jackson.annotation.JsonInclude;
import io.sahabot.schemas.agent.query.TenantUsage;
import io.sahabot.schemas.reservation.ReservationView;
import io.sahabot.schemas.reservation.query.TenantStats;
import io.sahabot.schemas.reservation.query.Waitlist;
import io.sahabot.schemas.tenant.TenantSettings;
import io.sahabot.tenant.admin.TenantAdminService;
import io.sahabot.tenant.apikeys.ApiKeyRepository;
import io.sahabot.tenant.apikeys.ApiKeyRepository.ApiKeyView;
import io.sahabot.tenant.apikeys.ApiKeyRepository.CreatedKey;
import io.sahabot.tenant.naming.VerifiedNames;
import io.sahabot.tenant.problems.Problems;
import io.sahabot.tenant.provisioning.Tenant;
import io.sahabot.tenant.security.Caller;
import io.sahabot.tenant.stats.UpstreamClient;
import io.sahabot.tenant.token.WhatsAppTokenStore;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.YearMonth;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;
import java.util.List;
import java.util.UUID;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PatchMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.server.ServerWebExchange;
import reactor.core.publisher.Mono;
import tools.jackson.databind.JsonNode;

/**
 * The tenant API. Operators ({@code SAHABOT_ADMIN_TOKEN}) reach every tenant; a tenant's {@code
 * sk_} key reaches only its own tenant, and not the operator-only operations (listing all tenants,
 * activation, creating keys): anything else is 403.
 */
@RestController
@RequestMapping("/api/tenants")
public class TenantController {

  private final TenantAdminService tenants;
  private final ApiKeyRepository apiKeys;
  private final WhatsAppTokenStore tokens;
  private final UpstreamClient upstream;
  private final VerifiedNames names;
  private final Clock clock;

  public TenantController(
      TenantAdminService tenants,
      ApiKeyRepository apiKeys,
      WhatsAppTokenStore tokens,
      UpstreamClient upstream,
      VerifiedNames names,
      Clock clock) {
    this.tenants = tenants;
    this.apiKeys = apiKeys;
    this.tokens = tokens;
    this.upstream = upstream;
    this.names = names;
    this.clock = clock;
  }

  @GetMapping
  public Mono<PageView> list(
      @RequestParam(name = "active", defaultValue = "false") boolean activeOnly,
      @RequestParam(name = "page", defaultValue = "0") int page,
      @RequestParam(name = "size", defaultValue = "20") int size,
      ServerWebExchange exchange) {
    operatorOnly(exchange);
    return tenants
        .list(activeOnly, page, size)
        .map(
            p ->
                new PageView(
                    p.items().stream().map(TenantView::of).toList(),
                    p.page(),
                    p.size(),
                    p.total()));
  }

  @GetMapping("/{id}")
  public Mono<TenantView> get(@PathVariable UUID id, ServerWebExchange exchange) {
    access(exchange, id);
    return tenants.get(id).map(TenantView::of);
  }

  /**
   * Changes the name and/or settings. {@code If-Match: "<version>"} (the {@code version} of a GET)
   * applies the change only to that version, else 412; without it the change is applied to the
   * current version, computed again once if a concurrent change wins the race, and 409 if it loses
   * twice.
   */
  @PatchMapping("/{id}")
  public Mono<TenantView> update(
      @PathVariable UUID id,
      @RequestBody UpdateRequest request,
      @RequestHeader(name = HttpHeaders.IF_MATCH, required = false) String ifMatch,
      ServerWebExchange exchange) {
    access(exchange, id);
    Long expected = version(ifMatch);
    Caller caller = Caller.of(exchange);
    Mono<Tenant> allowed =
        caller instanceof Caller.Operator
            ? Mono.empty()
            : tenants.get(id).doOnNext(current -> tenantMayChange(current, request.settings()));
    return allowed
        .then(
            Mono.defer(
                () ->
                    tenants.updateWithImpact(
                        id,
                        request.businessName(),
                        request.settings(),
                        expected,
                        causation(exchange))))
        .map(u -> TenantView.of(u.tenant(), u.onClosedDates()));
  }

  /**
   * Settings that are the operators' and not the tenant's: the monthly token budget (what the
   * deployment spends on the model for the tenant). A tenant's API key may send it back unchanged
   * (a GET's settings PATCHed back), not change it.
   */
  static final List<String> OPERATOR_SETTINGS = List.of("monthlyTokenBudget");

  static void tenantMayChange(Tenant current, JsonNode change) {
    if (change == null || !change.isObject()) {
      return;
    }
    JsonNode now = io.sahabot.schemas.Json.mapper().valueToTree(current.settings());
    for (String setting : OPERATOR_SETTINGS) {
      if (change.has(setting) && !same(change.get(setting), now.path(setting))) {
        throw Problems.forbidden(setting + " is set by the operators, not with a tenant's API key");
      }
    }
  }

  private static boolean same(JsonNode a, JsonNode b) {
    boolean noneA = a.isNull() || a.isMissingNode();
    boolean noneB = b.isNull() || b.isMissingNode();
    if (noneA || noneB) {
      return noneA == noneB;
    }
    if (a.isNumber() && b.isNumber()) {
      return a.decimalValue().compareTo(b.decimalValue()) == 0;
    }
    return a.equals(b);
  }

  @PostMapping("/{id}/deactivate")
  public Mono<TenantView> deactivate(@PathVariable UUID id, ServerWebExchange exchange) {
    operatorOnly(exchange);
    return tenants.setActive(id, false, causation(exchange)).map(TenantView::of);
  }

  @PostMapping("/{id}/activate")
  public Mono<TenantView> activate(@PathVariable UUID id, ServerWebExchange exchange) {
    operatorOnly(exchange);
    return tenants.setActive(id, true, causation(exchange)).map(TenantView::of);
  }

  @GetMapping("/{id}/stats")
  public Mono<TenantStats> stats(@PathVariable UUID id, ServerWebExchange exchange) {
    access(exchange, id);
    return tenants.get(id).then(upstream.stats(id));
  }

  /**
   * The waitlists of the days {@code from} to {@code to} (included; today and the next 13 days when
   * absent): who waits for which taken slot, who holds an offer and until when.
   */
  @GetMapping("/{id}/waitlist")
  public Mono<Waitlist> waitlist(
      @PathVariable UUID id,
      @RequestParam(name = "from", required = false) String from,
      @RequestParam(name = "to", required = false) String to,
      ServerWebExchange exchange) {
    access(exchange, id);
    LocalDate first;
    LocalDate last;
    try {
      first = from == null ? LocalDate.now(clock.withZone(ZoneOffset.UTC)) : LocalDate.parse(from);
      last = to == null ? first.plusDays(13) : LocalDate.parse(to);
    } catch (DateTimeParseException e) {
      throw Problems.invalid("from", "from, to: must be YYYY-MM-DD");
    }
    if (last.isBefore(first) || last.isAfter(first.plusDays(92))) {
      throw Problems.invalid("to", "to: must be from 0 to 92 days after from");
    }
    return tenants.get(id).then(upstream.waitlist(id, first, last));
  }

  @GetMapping("/{id}/usage")
  public Mono<UsageView> usage(
      @PathVariable UUID id,
      @RequestParam(name = "month", required = false) String month,
      ServerWebExchange exchange) {
    access(exchange, id);
    YearMonth ym;
    try {
      ym = month == null ? YearMonth.now(clock.withZone(ZoneOffset.UTC)) : YearMonth.parse(month);
    } catch (DateTimeParseException e) {
      throw Problems.invalid("month", "month: must be YYYY-MM, was '" + month + "'");
    }
    return tenants
        .get(id)
        .then(upstream.usage(id, ym))
        .map(
            u ->
                new UsageView(
                    u.month() == null ? ym.toString() : u.month(),
                    u.inputTokens(),
                    u.outputTokens(),
                    u.inputTokens() + u.outputTokens(),
                    u.cost(),
                    u.reminders(),
                    u.confirmations()));
  }

  @PostMapping("/{id}/api-keys")
  public Mono<ResponseEntity<CreatedKey>> createKey(
      @PathVariable UUID id,
      @RequestBody(required = false) KeyRequest request,
      ServerWebExchange exchange) {
    operatorOnly(exchange);
    String name = request == null || request.name() == null ? "" : request.name().strip();
    if (name.isEmpty() || name.length() > 100) {
      throw Problems.invalid("name", "name: must be 1 to 100 characters");
    }
    return tenants
        .get(id)
        .then(apiKeys.create(id, name))
        .map(k -> ResponseEntity.status(HttpStatus.CREATED).body(k));
  }

  @GetMapping("/{id}/api-keys")
  public Mono<List<ApiKeyView>> listKeys(@PathVariable UUID id, ServerWebExchange exchange) {
    access(exchange, id);
    return tenants.get(id).thenMany(apiKeys.list(id)).collectList();
  }

  @DeleteMapping("/{id}/api-keys/{keyId}")
  public Mono<ResponseEntity<Void>> revokeKey(
      @PathVariable UUID id, @PathVariable UUID keyId, ServerWebExchange exchange) {
    access(exchange, id);
    return apiKeys
        .revoke(id, keyId)
        .map(
            found -> {
              if (!found) {
                throw Problems.notFound("tenant " + id + " has no API key " + keyId);
              }
              return ResponseEntity.noContent().build();
            });
  }

  /**
   * Sets the tenant's own WhatsApp access token; it is stored encrypted and never returned. A
   * tenant still named by its placeholder is then named from its number's verified name.
   */
  @PutMapping("/{id}/whatsapp-token")
  public Mono<ResponseEntity<Void>> setToken(
      @PathVariable UUID id,
      @RequestBody(required = false) TokenRequest request,
      ServerWebExchange exchange) {
    access(exchange, id);
    if (request == null || request.accessToken() == null || request.accessToken().isBlank()) {
      throw Problems.invalid("accessToken", "accessToken: must not be blank");
    }
    if (request.accessToken().length() > 4096) {
      throw Problems.invalid("accessToken", "accessToken: must be at most 4096 characters");
    }
    return tenants
        .get(id)
        .flatMap(
            tenant ->
                tokens
                    .put(id, request.accessToken().strip())
                    // still called by its number: its own token may tell WhatsApp's name for it
                    .doOnSuccess(done -> names.nameLater(tenant)))
        .thenReturn(ResponseEntity.noContent().build());
  }

  @DeleteMapping("/{id}/whatsapp-token")
  public Mono<ResponseEntity<Void>> deleteToken(@PathVariable UUID id, ServerWebExchange exchange) {
    access(exchange, id);
    return tenants.get(id).then(tokens.delete(id)).thenReturn(ResponseEntity.noContent().build());
  }

  /**
   * The version of an {@code If-Match} header: {@code "7"}, {@code W/"7"} or {@code 7}; {@code
   * null} without one or for {@code *}.
   */
  static Long version(String ifMatch) {
    if (ifMatch == null || ifMatch.isBlank() || ifMatch.strip().equals("*")) {
      return null;
    }
    String tag = ifMatch.strip();
    if (tag.startsWith("W/")) {
      tag = tag.substring(2);
    }
    if (tag.length() >= 2 && tag.startsWith("\"") && tag.endsWith("\"")) {
      tag = tag.substring(1, tag.length() - 1);
    }
    try {
      return Long.parseLong(tag);
    } catch (NumberFormatException e) {
      throw Problems.invalid(
          "If-Match", "If-Match: must be the tenant's version, e.g. \"7\", was " + ifMatch);
    }
  }

  private static void access(ServerWebExchange exchange, UUID tenantId) {
    if (!Caller.of(exchange).mayAccess(tenantId)) {
      throw Problems.forbidden("this key does not belong to tenant " + tenantId);
    }
  }

  private static void operatorOnly(ServerWebExchange exchange) {
    if (!(Caller.of(exchange) instanceof Caller.Operator)) {
      throw Problems.forbidden("operators only");
    }
  }

  private static String causation(ServerWebExchange exchange) {
    return "tenant-api:" + exchange.getRequest().getId();
  }

  /** A change of a tenant: each property given is changed, the others stay. */
  public record UpdateRequest(String businessName, JsonNode settings) {}

  public record KeyRequest(String name) {}

  public record TokenRequest(String accessToken) {}

  /** A tenant as the API shows it (never its WhatsApp token). */
  public record TenantView(
      UUID id,
      String phoneNumberId,
      String displayPhoneNumber,
      String businessName,
      boolean active,
      TenantSettings settings,
      long version,
      Instant createdAt,
      Instant updatedAt,
      @JsonInclude(JsonInclude.Include.NON_EMPTY) List<ReservationView> onClosedDates) {

    static TenantView of(Tenant t) {
      return of(t, List.of());
    }

    /**
     * With the bookings on dates a change newly closed: kept, not cancelled, listed so that the
     * owner can tell or move them.
     */
    static TenantView of(Tenant t, List<ReservationView> onClosedDates) {
      return new TenantView(
          t.id(),
          t.phoneNumberId(),
          t.displayPhoneNumber(),
          t.businessName(),
          t.active(),
          t.settings(),
          t.version(),
          t.createdAt(),
          t.updatedAt(),
          onClosedDates);
    }
  }

  public record PageView(List<TenantView> items, int page, int size, long total) {}

  /**
   * A month's model usage, and how many of the reminders and confirmations told to customers that
   * month they read (WhatsApp's read receipts, kept by ingress-service).
   */
  public record UsageView(
      String month,
      long inputTokens,
      long outputTokens,
      long totalTokens,
      String cost,
      TenantUsage.ReadCounts reminders,
      TenantUsage.ReadCounts confirmations) {}
}
