package io.sahabot.schemas.tenant;

import static io.sahabot.schemas.Require.optionalText;

import java.util.regex.Pattern;

/**
 * Whom a business's reservation changes are told to, and when its customers are reminded. A
 * business without these settings has {@link #defaults()}.
 *
 * @param tellOwner whether the admin numbers are told of a customer's booking, cancellation and
 *     move (the customer's name and the slot)
 * @param reminderMinutesBefore how long before a reservation's start its customer is reminded, 0 to
 *     10080 (a week); 0 for no reminders
 * @param dailySummaryAt the local time ({@code HH:mm}) at which the admin numbers get the day's
 *     bookings; absent for none
 * @param reminderTemplate the business's approved WhatsApp template for a reminder outside the
 *     24-hour window (body parameters: field, slot; one quick-reply button: cancel)
 * @param updateTemplate the business's approved template for any other message outside the window
 *     (body parameter: the message's text)
 * @param templateLanguage the templates' language code as approved by Meta (e.g. {@code tr}, {@code
 *     en_US}); absent for the business's language
 */
public record Notifications(
    Boolean tellOwner,
    Integer reminderMinutesBefore,
    String dailySummaryAt,
    String reminderTemplate,
    String updateTemplate,
    String templateLanguage) {

  private static final Pattern TEMPLATE_NAME = Pattern.compile("[a-z0-9_]{1,512}");
  private static final Pattern LANGUAGE_CODE = Pattern.compile("[a-z]{2,3}(_[A-Za-z0-9]{2,8})*");

  public Notifications {
    tellOwner = tellOwner == null ? Boolean.TRUE : tellOwner;
    reminderMinutesBefore = reminderMinutesBefore == null ? 180 : reminderMinutesBefore;
    if (reminderMinutesBefore < 0 || reminderMinutesBefore > 10080) {
      throw new IllegalArgumentException(
          "notifications.reminderMinutesBefore: must be between 0 (no reminders) and 10080, was "
              + reminderMinutesBefore);
    }
    if (dailySummaryAt != null) {
      HourMinute.minuteOfDay(dailySummaryAt, "notifications.dailySummaryAt");
    }
    reminderTemplate = template(reminderTemplate, "reservation_reminder", "reminderTemplate");
    updateTemplate = template(updateTemplate, "reservation_update", "updateTemplate");
    optionalText(templateLanguage, 16, "notifications.templateLanguage");
    if (templateLanguage != null && !LANGUAGE_CODE.matcher(templateLanguage).matches()) {
      throw new IllegalArgumentException(
          "notifications.templateLanguage: must be a WhatsApp language code such as 'tr' or"
              + " 'en_US', was '"
              + templateLanguage
              + "'");
    }
  }

  /** Owners told, reminders 3 hours before, no daily summary, the default template names. */
  public static Notifications defaults() {
    return new Notifications(true, 180, null, null, null, null);
  }

  /** Whether customers get reminders. */
  public boolean reminders() {
    return reminderMinutesBefore > 0;
  }

  private static String template(String name, String fallback, String field) {
    if (name == null) {
      return fallback;
    }
    if (!TEMPLATE_NAME.matcher(name).matches()) {
      throw new IllegalArgumentException(
          "notifications."
              + field
              + ": must be a template name of lower-case letters, digits and '_', was '"
              + name
              + "'");
    }
    return name;
  }
}
