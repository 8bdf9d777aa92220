package org.qinglan.exam.bank;

import java.util.List;

/** Writes questions as GIFT that Moodle imports and {@link GiftParser} reads back the same. */
public final class GiftWriter {

  private GiftWriter() {
  }

  public static String write(List<Question> questions) {
    StringBuilder out = new StringBuilder();
    List<String> category = null;
    for (Question q : questions) {
      if (!q.category().equals(category)) {
        category = q.category();
        if (!category.isEmpty()) {
          out.append("$CATEGORY: ").append(CategoryPathText.write(category)).append("\n\n");
        }
      }
      writeQuestion(out, q);
      out.append('\n');
    }
    return out.toString();
  }

  private static void writeQuestion(StringBuilder out, Question q) {
    if (q.id() != null || !q.tags().isEmpty() || q.asOf() != null) {
      out.append("//");
      if (q.id() != null) {
        out.append(" [id:").append(q.id()).append(']');
      }
      for (String tag : q.tags()) {
        out.append(" [tag:").append(tag).append(']');
      }
      if (q.asOf() != null) {
        out.append(" [asof:").append(q.asOf()).append(']');
      }
      out.append('\n');
    }
    out.append("::").append(escape(q.name())).append("::");
    TextFormat base = q.stem().format();
    out.append(text(q.stem(), null));
    switch (q.type()) {
      case DESCRIPTION -> {
        out.append('\n');
        return;
      }
      case SINGLE_CHOICE, MULTIPLE_CHOICE -> {
        out.append("{\n");
        for (Answer a : q.answers()) {
          if (q.type() == QuestionType.SINGLE_CHOICE && a.fraction() == 1) {
            out.append('=');
          } else if (a.fraction() == 0) {
            out.append('~');
          } else {
            out.append("~%").append(QuestionRules.percent(a.fraction())).append('%');
          }
          out.append(text(a.text(), base)).append(feedback(a.feedback(), base)).append('\n');
        }
      }
      case TRUE_FALSE -> {
        boolean right = q.trueFalseAnswer();
        Answer rightAnswer = q.answers().get(right ? 0 : 1);
        Answer wrongAnswer = q.answers().get(right ? 1 : 0);
        out.append('{').append(right ? "TRUE" : "FALSE");
        if (!wrongAnswer.feedback().isEmpty() || !rightAnswer.feedback().isEmpty()) {
          out.append('#').append(text(wrongAnswer.feedback(), base)).append('#').append(text(rightAnswer.feedback(), base));
        }
      }
      case SHORT_ANSWER -> {
        out.append("{\n");
        for (Answer a : q.answers()) {
          out.append('=');
          if (a.fraction() != 1) {
            out.append('%').append(QuestionRules.percent(a.fraction())).append('%');
          }
          out.append(text(a.text(), base)).append(feedback(a.feedback(), base)).append('\n');
        }
      }
      case NUMERICAL -> {
        out.append("{#\n");
        for (Answer a : q.answers()) {
          if (a.text().text().equals("*")) {
            out.append('~').append(feedback(a.feedback(), base).isEmpty() ? "#" : feedback(a.feedback(), base)).append('\n');
            continue;
          }
          out.append('=');
          if (a.fraction() != 1) {
            out.append('%').append(QuestionRules.percent(a.fraction())).append('%');
          }
          out.append(a.text().text()).append(':').append(GiftParser.trimNumber(a.tolerance() == null ? 0 : a.tolerance()))
              .append(feedback(a.feedback(), base)).append('\n');
        }
      }
      case MATCHING -> {
        out.append("{\n");
        for (MatchPair p : q.pairs()) {
          out.append('=').append(p.isDistractor() ? "" : text(p.prompt(), base)).append(" -> ")
              .append(escape(p.answer())).append('\n');
        }
      }
      case ESSAY, CASE_ANALYSIS -> out.append('{');
      default -> throw new IllegalStateException("unknown type " + q.type());
    }
    if (!q.generalFeedback().isEmpty()) {
      out.append("####").append(text(q.generalFeedback(), base));
      if (q.type() != QuestionType.TRUE_FALSE && q.type() != QuestionType.ESSAY && q.type() != QuestionType.CASE_ANALYSIS) {
        out.append('\n');
      }
    }
    out.append("}\n");
  }

  private static String feedback(FormattedText fb, TextFormat base) {
    return fb.isEmpty() ? "" : "#" + text(fb, base);
  }

  /** Escaped text, with a format marker when it differs from the question's. */
  private static String text(FormattedText t, TextFormat base) {
    String marker = base == null ? (t.format() == TextFormat.MOODLE ? "" : t.format().giftMarker())
        : (t.format() == base ? "" : t.format().giftMarker());
    return marker + escape(t.text());
  }

  static String escape(String s) {
    StringBuilder out = new StringBuilder(s.length() + 8);
    for (char c : s.toCharArray()) {
      switch (c) {
        case '\\', '~', '=', '#', '{', '}', ':' -> out.append('\\').append(c);
        case '\n' -> out.append("\\n");
        case '\r' -> {
          // dropped: \n carries the line break
        }
        default -> out.append(c);
      }
    }
    return out.toString();
  }
}
