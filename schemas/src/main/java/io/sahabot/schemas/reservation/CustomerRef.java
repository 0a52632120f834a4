package io.sahabot.schemas.reservation;

import static io.sahabot.schemas.Require.nullOrNonBlank;
import static io.sahabot.schemas.Require.optionalPhone;
import static io.sahabot.schemas.Require.optionalText;

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
   * The {@code userId} of a blocked slot's customer: the business blocked the slot (maintenance)
   * with a reservation of no one, which is never told and never reached.
   */
  public static final String BLOCK_USER_ID = "block";

  public CustomerRef {
    optionalText(name, 100, "customer.name");
    optionalPhone(phone, "customer.phone");
    nullOrNonBlank(userId, "customer.userId");
    if (phone == null && userId == null) {
      throw new IllegalArgumentException("customer: one of phone and userId is required");
    }
  }

  /**
   * The customer of a slot the business blocks (the owner's chat block, the tenant API's {@code
   * POST /blocks}): {@code name} is what lists show in the customer's place.
   */
  public static CustomerRef block(String name) {
    return new CustomerRef(name, null, BLOCK_USER_ID);
  }

  /** Whether {@code customer} is a blocked slot's ({@link #block}). */
  public static boolean isBlock(CustomerRef customer) {
    return customer != null && BLOCK_USER_ID.equals(customer.userId());
  }
}
