package org.qinglan.exam.bank;

/** Text with its format. */
public record FormattedText(String text, TextFormat format) {
  public static final FormattedText EMPTY = new FormattedText("", TextFormat.MOODLE);

  /** Empty text has no meaningful format; one canonical form keeps round trips equal. */
  public FormattedText {
    if (text == null || text.isEmpty()) {
      text = "";
      format = TextFormat.MOODLE;
    }
  }

  public static FormattedText of(String text) {
    return new FormattedText(text, TextFormat.MOODLE);
  }

  public boolean isEmpty() {
    return text == null || text.isBlank();
  }
}
