package io.sahabot.reservation.table;

import java.awt.BasicStroke;
import java.awt.Color;
import java.awt.Font;
import java.awt.FontMetrics;
import java.awt.Graphics2D;
import java.awt.GraphicsEnvironment;
import java.awt.RenderingHints;
import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.Arrays;
import java.util.List;
import javax.imageio.ImageIO;

/**
 * Draws the reservation table with headless AWT: booked cells filled and labelled with the
 * customer's name, free cells plain, closed hours grey. The font is DejaVu Sans when the machine
 * has it, else the JDK's logical "SansSerif", checked to draw Turkish letters.
 */
public final class TableRenderer {

  static final String TURKISH = "ÇçĞğİıÖöŞşÜü";
  static final Color BOOKED = new Color(0xEF, 0x9A, 0x9A);
  static final Color FREE = Color.WHITE;
  static final Color CLOSED = new Color(0xD6, 0xD6, 0xD6);
  static final Color HEADER = new Color(0x26, 0x5C, 0x3A);
  static final Color LINE = new Color(0xB0, 0xB0, 0xB0);

  static {
    System.setProperty("java.awt.headless", "true");
  }

  private static final String FAMILY = family();

  /** What a cell shows. */
  public enum State {
    FREE,
    BOOKED,
    CLOSED
  }

  /** One cell: its state and, when booked, the customer's name. */
  public record Cell(State state, String label) {
    public static final Cell FREE_CELL = new Cell(State.FREE, null);
    public static final Cell CLOSED_CELL = new Cell(State.CLOSED, null);
  }

  /**
   * The table's content.
   *
   * @param title the business's name
   * @param range the dates shown, e.g. "30.11.2026 – 06.12.2026"
   * @param cells {@code cells[day][field][hour - firstHour]}
   */
  public record Table(
      String title,
      String range,
      List<String> dayLabels,
      List<String> fields,
      int firstHour,
      int hours,
      Cell[][][] cells) {}

  static String family() {
    boolean dejaVu =
        Arrays.asList(
                GraphicsEnvironment.getLocalGraphicsEnvironment().getAvailableFontFamilyNames())
            .contains("DejaVu Sans");
    if (dejaVu && new Font("DejaVu Sans", Font.PLAIN, 12).canDisplayUpTo(TURKISH) == -1) {
      return "DejaVu Sans";
    }
    return Font.SANS_SERIF;
  }

  public static String fontFamily() {
    return FAMILY;
  }

  public byte[] png(Table table) {
    TableLayout layout =
        new TableLayout(
            table.dayLabels().size(), table.fields().size(), table.firstHour(), table.hours());
    BufferedImage image =
        new BufferedImage(layout.width(), layout.height(), BufferedImage.TYPE_INT_RGB);
    Graphics2D g = image.createGraphics();
    try {
      g.setRenderingHint(
          RenderingHints.KEY_TEXT_ANTIALIASING, RenderingHints.VALUE_TEXT_ANTIALIAS_ON);
      g.setColor(Color.WHITE);
      g.fillRect(0, 0, layout.width(), layout.height());
      drawTitle(g, table, layout);
      drawHeaders(g, table, layout);
      drawCells(g, table, layout);
    } finally {
      g.dispose();
    }
    var out = new ByteArrayOutputStream();
    try {
      ImageIO.write(image, "png", out);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return out.toByteArray();
  }

  private static void drawTitle(Graphics2D g, Table table, TableLayout layout) {
    g.setColor(HEADER);
    g.fillRect(0, 0, layout.width(), TableLayout.TITLE_HEIGHT);
    g.setColor(Color.WHITE);
    g.setFont(new Font(FAMILY, Font.BOLD, 17));
    FontMetrics fm = g.getFontMetrics();
    g.drawString(fit(table.title(), fm, layout.width() - 20), 10, 6 + fm.getAscent());
    g.setFont(new Font(FAMILY, Font.PLAIN, 13));
    FontMetrics small = g.getFontMetrics();
    g.drawString(table.range(), 10, TableLayout.TITLE_HEIGHT - 8 - small.getDescent());
  }

  private static void drawHeaders(Graphics2D g, Table table, TableLayout layout) {
    int fields = table.fields().size();
    int dayTop = TableLayout.TITLE_HEIGHT;
    int fieldTop = dayTop + TableLayout.DAY_HEADER_HEIGHT;
    g.setColor(new Color(0xE8, 0xF0, 0xEA));
    g.fillRect(
        0, dayTop, layout.width(), TableLayout.DAY_HEADER_HEIGHT + TableLayout.FIELD_HEADER_HEIGHT);
    for (int d = 0; d < table.dayLabels().size(); d++) {
      int x = layout.cellX(d, 0);
      int w = fields * TableLayout.CELL_WIDTH;
      g.setColor(Color.BLACK);
      g.setFont(new Font(FAMILY, Font.BOLD, 13));
      centered(g, table.dayLabels().get(d), x, dayTop, w, TableLayout.DAY_HEADER_HEIGHT);
      g.setFont(new Font(FAMILY, Font.PLAIN, 11));
      for (int f = 0; f < fields; f++) {
        centered(
            g,
            table.fields().get(f),
            layout.cellX(d, f),
            fieldTop,
            TableLayout.CELL_WIDTH,
            TableLayout.FIELD_HEADER_HEIGHT);
      }
      g.setColor(Color.DARK_GRAY);
      g.setStroke(new BasicStroke(2));
      g.drawLine(x, dayTop, x, layout.height());
      g.setStroke(new BasicStroke(1));
    }
    g.setFont(new Font(FAMILY, Font.PLAIN, 12));
    for (int h = 0; h < table.hours(); h++) {
      int hour = table.firstHour() + h;
      g.setColor(Color.BLACK);
      centered(
          g,
          String.format("%02d:00", hour % 24),
          0,
          layout.cellY(hour),
          TableLayout.TIME_COLUMN_WIDTH,
          TableLayout.CELL_HEIGHT);
    }
  }

  private static void drawCells(Graphics2D g, Table table, TableLayout layout) {
    g.setFont(new Font(FAMILY, Font.PLAIN, 11));
    for (int d = 0; d < table.dayLabels().size(); d++) {
      for (int f = 0; f < table.fields().size(); f++) {
        for (int h = 0; h < table.hours(); h++) {
          Cell cell = table.cells()[d][f][h];
          int x = layout.cellX(d, f);
          int y = layout.cellY(table.firstHour() + h);
          g.setColor(
              switch (cell.state()) {
                case BOOKED -> BOOKED;
                case FREE -> FREE;
                case CLOSED -> CLOSED;
              });
          g.fillRect(x, y, TableLayout.CELL_WIDTH, TableLayout.CELL_HEIGHT);
          if (cell.state() == State.BOOKED && cell.label() != null) {
            g.setColor(Color.BLACK);
            centered(g, cell.label(), x, y, TableLayout.CELL_WIDTH, TableLayout.CELL_HEIGHT);
          }
          g.setColor(LINE);
          g.drawRect(x, y, TableLayout.CELL_WIDTH, TableLayout.CELL_HEIGHT);
        }
      }
    }
  }

  private static void centered(Graphics2D g, String text, int x, int y, int w, int h) {
    FontMetrics fm = g.getFontMetrics();
    String shown = fit(text, fm, w - 8);
    int tx = x + (w - fm.stringWidth(shown)) / 2;
    int ty = y + (h + fm.getAscent() - fm.getDescent()) / 2;
    g.drawString(shown, tx, ty);
  }

  static String fit(String text, FontMetrics fm, int width) {
    if (fm.stringWidth(text) <= width) {
      return text;
    }
    String s = text;
    while (!s.isEmpty() && fm.stringWidth(s + "…") > width) {
      s = s.substring(0, s.length() - 1);
    }
    return s + "…";
  }
}
