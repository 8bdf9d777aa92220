package org.qinglan.exam.bank;

import java.time.YearMonth;
import java.util.ArrayList;
import java.util.List;
import javax.xml.stream.XMLStreamException;

/**
 * Moodle XML question files: every question type Qinglan knows, nested categories with their
 * descriptions, {@code <idnumber>} as the stable id and {@code <tags>}. Invalid grades are
 * rejected as Moodle rejects them.
 */
public final class MoodleXmlReader {

  private MoodleXmlReader() {
  }

  public static ParsedFile parse(String fileName, String content) {
    List<Question> questions = new ArrayList<>();
    List<ParseError> errors = new ArrayList<>();
    List<CategoryInfo> categories = new ArrayList<>();
    XmlTree root;
    try {
      root = XmlTree.parse(content);
    } catch (XMLStreamException e) {
      int line = e.getLocation() == null ? 1 : Math.max(1, e.getLocation().getLineNumber());
      String reason = e.getMessage() == null ? "" : e.getMessage().replaceFirst("(?s)^ParseError at \\[.*?]\\s*Message: ", "");
      return new ParsedFile(fileName, List.of(), List.of(new ParseError(line, "XML 格式错误：" + reason.strip())));
    }
    if (root == null || !root.name.equals("quiz")) {
      return new ParsedFile(fileName, List.of(), List.of(new ParseError(1, "不是 Moodle XML 题目文件（根元素应为 <quiz>）")));
    }
    List<String> category = List.of();
    java.util.Map<String, Integer> idLines = new java.util.HashMap<>();
    for (XmlTree node : root.all("question")) {
      String type = node.attributes.getOrDefault("type", "");
      if (type.equals("category")) {
        category = CategoryPathText.parse(orEmpty(node.textOf("category")));
        XmlTree info = node.child("info");
        FormattedText description = info == null ? FormattedText.EMPTY
            : new FormattedText(orEmpty(node.textOf("info")), TextFormat.fromXml(info.attributes.get("format")));
        categories.add(new CategoryInfo(category, description, blankToNull(node.value("idnumber"))));
        continue;
      }
      List<String> problems = new ArrayList<>();
      Question q = read(node, type, category, problems);
      if (q != null) {
        problems.addAll(QuestionRules.check(q));
        if (q.id() != null) {
          Integer earlier = idLines.putIfAbsent(q.id(), q.line());
          if (earlier != null) {
            problems.add("编号与第 " + earlier + " 行的题目重复");
          }
        }
      }
      String label = q != null ? "题目“" + q.name() + "”：" : "";
      for (String p : new java.util.LinkedHashSet<>(problems)) {
        errors.add(new ParseError(node.line, label + p));
      }
      if (q != null && problems.isEmpty()) {
        questions.add(q);
      }
    }
    return new ParsedFile(fileName, questions, errors, categories);
  }

  /** The tag that carries a question's law-currency month in Moodle XML (Moodle has no field for it). */
  static final String AS_OF_TAG = "asof:";

  private static Question read(XmlTree node, String type, List<String> category, List<String> problems) {
    String name = orEmpty(node.textOf("name"));
    FormattedText stem = formatted(node, "questiontext");
    FormattedText general = formatted(node, "generalfeedback");
    String id = blankToNull(node.value("idnumber"));
    List<String> tags = new ArrayList<>();
    YearMonth asOf = null;
    XmlTree tagsNode = node.child("tags");
    if (tagsNode != null) {
      for (XmlTree tag : tagsNode.all("tag")) {
        String t = orEmpty(tag.textOf("text") != null ? tag.textOf("text") : tag.text.toString());
        if (t.strip().startsWith(AS_OF_TAG)) {
          LawCurrency.Result r = LawCurrency.parse(t.strip().substring(AS_OF_TAG.length()), LawCurrency.latestMonth());
          if (r.problem() != null) {
            problems.add(r.problem());
          }
          asOf = r.month();
        } else if (!t.isBlank()) {
          tags.add(t.strip());
        }
      }
    }
    List<Answer> answers = new ArrayList<>();
    List<MatchPair> pairs = new ArrayList<>();
    QuestionType qt;
    switch (type) {
      case "multichoice" -> {
        String single = orEmpty(node.value("single"));
        qt = single.equals("false") || single.equals("0") ? QuestionType.MULTIPLE_CHOICE : QuestionType.SINGLE_CHOICE;
        readAnswers(node, answers, problems, false);
      }
      case "truefalse" -> {
        qt = QuestionType.TRUE_FALSE;
        readAnswers(node, answers, problems, false);
        // Keep "true" first, as the GIFT reader does.
        answers.sort(java.util.Comparator.comparing(a -> !a.text().text().equalsIgnoreCase("true")));
        if (answers.size() != 2) {
          problems.add("判断题应有 true 和 false 两个答案");
        }
      }
      case "shortanswer" -> {
        qt = QuestionType.SHORT_ANSWER;
        readAnswers(node, answers, problems, false);
      }
      case "numerical" -> {
        qt = QuestionType.NUMERICAL;
        readAnswers(node, answers, problems, true);
      }
      case "matching" -> {
        qt = QuestionType.MATCHING;
        for (XmlTree sub : node.all("subquestion")) {
          pairs.add(new MatchPair(new FormattedText(subText(sub), TextFormat.fromXml(sub.attributes.get("format"))),
              orEmpty(sub.textOf("answer"))));
        }
      }
      case "essay" -> qt = Rubrics.isCaseAnalysis(general.text()) ? QuestionType.CASE_ANALYSIS : QuestionType.ESSAY;
      case "description" -> qt = QuestionType.DESCRIPTION;
      default -> {
        problems.add("不支持的题型“" + type + "”");
        return null;
      }
    }
    if (!problems.isEmpty()) {
      return null;
    }
    List<RubricPoint> rubric = qt == QuestionType.CASE_ANALYSIS ? Rubrics.parse(general.text()) : List.of();
    return new Question(id, name, category, qt, stem, answers, pairs, general, tags, rubric, node.line, asOf);
  }

  /** A subquestion's own {@code <text>} (its {@code <answer>} has another). */
  private static String subText(XmlTree sub) {
    XmlTree t = sub.child("text");
    return t == null ? "" : t.text.toString().strip();
  }

  private static void readAnswers(XmlTree node, List<Answer> out, List<String> problems, boolean numerical) {
    boolean trueFalse = "truefalse".equals(node.attributes.get("type"));
    for (XmlTree a : node.all("answer")) {
      String fractionText = a.attributes.getOrDefault("fraction", "0");
      double fraction;
      try {
        fraction = Double.parseDouble(fractionText) / 100;
      } catch (NumberFormatException e) {
        problems.add("答案的 fraction“" + fractionText + "”不是数字（第 " + a.line + " 行）");
        continue;
      }
      XmlTree t = a.child("text");
      String text = t == null ? a.text.toString().strip() : t.text.toString().strip();
      XmlTree fb = a.child("feedback");
      FormattedText feedback = fb == null ? FormattedText.EMPTY
          : new FormattedText(orEmpty(a.textOf("feedback")), TextFormat.fromXml(fb.attributes.get("format")));
      Double tolerance = null;
      if (numerical) {
        String tol = a.value("tolerance");
        try {
          // "*" (any other answer) has no tolerance, as in GIFT.
          if (tol != null && !tol.isBlank()) {
            tolerance = Double.parseDouble(tol);
          } else if (!text.equals("*")) {
            tolerance = 0.0;
          }
          if (!text.equals("*")) {
            Double.parseDouble(text);
          }
        } catch (NumberFormatException e) {
          problems.add("数值题的答案或误差不是数字（第 " + a.line + " 行）");
          continue;
        }
      }
      // Numerical values and true/false keys are data, not formatted text.
      TextFormat format = numerical || trueFalse ? TextFormat.PLAIN : TextFormat.fromXml(a.attributes.get("format"));
      out.add(new Answer(new FormattedText(text, format), fraction, feedback, tolerance));
    }
  }

  private static FormattedText formatted(XmlTree node, String child) {
    XmlTree c = node.child(child);
    if (c == null) {
      return FormattedText.EMPTY;
    }
    return new FormattedText(orEmpty(node.textOf(child)), TextFormat.fromXml(c.attributes.get("format")));
  }

  private static String orEmpty(String s) {
    return s == null ? "" : s;
  }

  private static String blankToNull(String s) {
    return s == null || s.isBlank() ? null : s.strip();
  }
}
