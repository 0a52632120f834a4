package io.sahabot.schemas.reservation;

import static io.sahabot.schemas.Require.nullOrNonBlank;
import static io.sahabot.schemas.Require.optionalPhone;
import static io.sahabot.schemas.Require.optionalText;

import com.fasterxml.jackson.annotation.JsonIgnore;

/**
 * The customer a reservation is for: a WhatsApp user, or someone an owner books for by name and
 * phone. At least one of {@code phone} and {@code userId}.
 *
 * @param name up to 100 characters; may be absent
 * @param phone E.164 digits without '+'; may be absent
 * @param userId the customer's WhatsApp user id (wa_id or BSUID); may be absent
 */
public record CustomerRef(String name, String phone, String userId) {

  /**
   * The user id that marks a blocked slot's "customer" (maintenance, a private event): a block is
   * booked as a reservation for {@link #block(String)}, so availability and the table see it taken,
   * and reservation-service stores it as a reservation of kind {@code block}, which no report,
   * statistic or usage counts as a sale.
   */
  public static final String BLOCK_USER_ID = "block";

  /**
   * The customer of a blocked slot (the owner's chat block, the tenant API's {@code POST /blocks}),
   * named as the owner sees it ("Bakım", "Maintenance").
   */
  public static CustomerRef block(String name) {
    return new CustomerRef(name, null, BLOCK_USER_ID);
  }

  /** Whether this is a blocked slot's marker rather than a person ({@link #block(String)}). */
  @JsonIgnore
  public boolean isBlock() {
    return phone == null && BLOCK_USER_ID.equals(userId);
  }

  public CustomerRef {
    optionalText(name, 100, "customer.name");
    optionalPhone(phone, "customer.phone");
    nullOrNonBlank(userId, "customer.userId");
    if (phone == null && userId == null) {
      throw new IllegalArgumentException("customer: one of phone and userId is required");
    }
  }

  /** Whether {@code customer} is a blocked slot's ({@link #block}). */
  public static boolean isBlock(CustomerRef customer) {
    return customer != null && BLOCK_USER_ID.equals(customer.userId());
  }
}
