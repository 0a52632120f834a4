package io.sahabot.reservation.privacy;

import io.sahabot.schemas.reservation.query.CustomerData;
import io.sahabot.schemas.reservation.query.CustomerErasure;
import java.util.List;
import java.util.UUID;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import reactor.core.publisher.Mono;

/**
 * A customer's data (KVKK / GDPR) for agent-service, which answers the customer in chat and the
 * operators through tenant-service: {@code user} is the customer's WhatsApp user id or phone, given
 * once or more (a user id and a phone of one person).
 */
@RestController
@RequestMapping("/internal/tenants/{tenantId}/customers")
class CustomerDataController {

  private final CustomerDataService data;

  CustomerDataController(CustomerDataService data) {
    this.data = data;
  }

  @GetMapping("/data")
  Mono<CustomerData> export(@PathVariable UUID tenantId, @RequestParam List<String> user) {
    return data.export(tenantId, user);
  }

  @PostMapping("/erasure")
  Mono<CustomerErasure> erase(@PathVariable UUID tenantId, @RequestParam List<String> user) {
    return data.erase(tenantId, user);
  }
}
