package org.qinglan.exam.bank;

import java.util.Locale;

/** How a piece of question text is written, as Moodle knows it. */
public enum TextFormat {
  MOODLE, HTML, PLAIN, MARKDOWN;

  /** GIFT's marker, e.g. {@code [html]}. */
  public String giftMarker() {
    return "[" + name().toLowerCase(Locale.ROOT) + "]";
  }

  /** Moodle XML's format attribute value. */
  public String xmlName() {
    return switch (this) {
      case MOODLE -> "moodle_auto_format";
      case HTML -> "html";
      case PLAIN -> "plain_text";
      case MARKDOWN -> "markdown";
    };
  }

  public static TextFormat fromXml(String name) {
    if (name == null) {
      return HTML;
    }
    return switch (name) {
      case "moodle_auto_format" -> MOODLE;
      case "plain_text" -> PLAIN;
      case "markdown" -> MARKDOWN;
      default -> HTML;
    };
  }
}
