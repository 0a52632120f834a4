package io.sahabot.schemas.tenant;

import static io.sahabot.schemas.Require.optionalText;

/**
 * Where the business is: sent as a WhatsApp location message when a customer asks for the address.
 *
 * @param latitude -90 to 90
 * @param longitude -180 to 180
 * @param name the place's name as shown under the pin, up to 1000 characters; may be absent
 * @param address the street address, up to 1000 characters; may be absent
 */
public record BusinessLocation(double latitude, double longitude, String name, String address) {

  public BusinessLocation {
    if (!(latitude >= -90 && latitude <= 90)) {
      throw new IllegalArgumentException(
          "location.latitude: must be in [-90, 90], was " + latitude);
    }
    if (!(longitude >= -180 && longitude <= 180)) {
      throw new IllegalArgumentException(
          "location.longitude: must be in [-180, 180], was " + longitude);
    }
    optionalText(name, 1000, "location.name");
    optionalText(address, 1000, "location.address");
  }
}
