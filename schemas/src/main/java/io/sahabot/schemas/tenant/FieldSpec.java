package io.sahabot.schemas.tenant;

import static io.sahabot.schemas.Require.list;
import static io.sahabot.schemas.Require.optionalText;
import static io.sahabot.schemas.Require.text;

import java.math.BigDecimal;
import java.util.List;
import java.util.regex.Pattern;

/**
 * One pitch of a business as it is: a stable id that never changes (bookings are held against it,
 * so a rename keeps them), its name, its size and its own prices.
 *
 * @param id stable id, 1 to 100 characters; absent when a field is created: it is then the field's
 *     first name ({@link TenantSettings} makes it unique)
 * @param name the name customers and owners use, 1 to 100 characters
 * @param size players a side, {@code "5+5"}, {@code "7+7"}; absent when not said
 * @param pricePerHour the field's base price per hour; absent for the business's {@code
 *     pricePerHour}
 * @param peakPrices the field's own peak prices, replacing the business's on this field; empty for
 *     the business's
 */
public record FieldSpec(
    String id, String name, String size, BigDecimal pricePerHour, List<PeakPrice> peakPrices) {

  private static final Pattern SIZE = Pattern.compile("[1-9][0-9]?\\+[1-9][0-9]?");

  public FieldSpec {
    name = text(name == null ? null : name.strip(), 100, "fieldDetails.name");
    id = id == null || id.isBlank() ? null : text(id.strip(), 100, "fieldDetails.id");
    optionalText(size, 10, "fieldDetails.size");
    if (size != null) {
      size = size.replace(" ", "").replace('x', '+').replace('X', '+');
      if (!SIZE.matcher(size).matches()) {
        throw new IllegalArgumentException(
            "fieldDetails.size: must be players a side such as '5+5' or '7+7', was '" + size + "'");
      }
    }
    if (pricePerHour != null) {
      TenantSettings.price(pricePerHour, "fieldDetails.pricePerHour");
    }
    peakPrices = list(peakPrices, "fieldDetails.peakPrices");
  }

  /** A field known only by its name: its id is the name, the business's prices apply. */
  public static FieldSpec named(String name) {
    return new FieldSpec(name, name, null, null, List.of());
  }

  /** This field with another name (the same id, so the same bookings). */
  public FieldSpec renamed(String newName) {
    return new FieldSpec(id, newName, size, pricePerHour, peakPrices);
  }

  /** This field with its own base price. */
  public FieldSpec priced(BigDecimal price) {
    return new FieldSpec(id, name, size, price, peakPrices);
  }

  /** The players a side of {@code "7+7"}: 7; 0 when no size is set. */
  public int playersASide() {
    return size == null ? 0 : Integer.parseInt(size.substring(0, size.indexOf('+')));
  }
}
