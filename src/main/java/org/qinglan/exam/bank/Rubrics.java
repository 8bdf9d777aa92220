package org.qinglan.exam.bank;

import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Reads the scoring points of a case-analysis question from its general feedback:
 * lines such as {@code - （4分）能识别服务对象的安全需要} after a line {@code 评分要点：}.
 */
public final class Rubrics {
  private static final Pattern POINT = Pattern.compile("^\\s*[-*•]\\s*[（(]\\s*(\\d+(?:\\.\\d+)?)\\s*分\\s*[)）]\\s*(.+)$");

  private Rubrics() {
  }

  /** The rubric points, or an empty list when the feedback has no 评分要点 section. */
  public static List<RubricPoint> parse(String feedback) {
    List<RubricPoint> points = new ArrayList<>();
    if (feedback == null) {
      return points;
    }
    int start = feedback.indexOf("评分要点");
    if (start < 0) {
      return points;
    }
    for (String line : feedback.substring(start).split("\\R")) {
      Matcher m = POINT.matcher(line);
      if (m.matches()) {
        points.add(new RubricPoint(m.group(2).strip(), Double.parseDouble(m.group(1))));
      }
    }
    return points;
  }

  /** True when an essay's feedback makes it a case analysis (its points are then checked). */
  public static boolean isCaseAnalysis(String feedback) {
    return feedback != null && feedback.contains("评分要点");
  }
}
