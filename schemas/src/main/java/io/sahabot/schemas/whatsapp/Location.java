package io.sahabot.schemas.whatsapp;

/**
 * A shared location.
 *
 * @param name the place's name; may be absent
 * @param address the place's address; may be absent
 */
public record Location(double latitude, double longitude, String name, String address) {

  public Location {
    if (!(latitude >= -90 && latitude <= 90)) {
      throw new IllegalArgumentException(
          "location.latitude: must be in [-90, 90], was " + latitude);
    }
    if (!(longitude >= -180 && longitude <= 180)) {
      throw new IllegalArgumentException(
          "location.longitude: must be in [-180, 180], was " + longitude);
    }
  }
}
