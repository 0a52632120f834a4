package io.sahabot.reservation.table;

/**
 * Where things are on the reservation-table image: a title, a row of days, a row of fields under
 * each day, then one row per hour with the hour on the left. All sizes in pixels.
 */
public record TableLayout(int days, int fields, int firstHour, int hours) {

  public static final int TITLE_HEIGHT = 56;
  public static final int DAY_HEADER_HEIGHT = 24;
  public static final int FIELD_HEADER_HEIGHT = 22;
  public static final int TIME_COLUMN_WIDTH = 56;
  public static final int CELL_WIDTH = 104;
  public static final int CELL_HEIGHT = 26;
  public static final int MIN_WIDTH = 420;

  public int width() {
    return Math.max(MIN_WIDTH, TIME_COLUMN_WIDTH + days * fields * CELL_WIDTH);
  }

  public int height() {
    return gridTop() + hours * CELL_HEIGHT;
  }

  public int gridTop() {
    return TITLE_HEIGHT + DAY_HEADER_HEIGHT + FIELD_HEADER_HEIGHT;
  }

  /** Left edge of the cell of {@code day} (0-based) and {@code field} (0-based). */
  public int cellX(int day, int field) {
    return TIME_COLUMN_WIDTH + (day * fields + field) * CELL_WIDTH;
  }

  /** Top edge of the row of {@code hour} (the hour of day, e.g. 20). */
  public int cellY(int hour) {
    return gridTop() + (hour - firstHour) * CELL_HEIGHT;
  }
}
