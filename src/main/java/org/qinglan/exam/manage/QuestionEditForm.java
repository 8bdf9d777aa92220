package org.qinglan.exam.manage;

import java.util.ArrayList;
import java.util.EnumSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import org.qinglan.exam.bank.Answer;
import org.qinglan.exam.bank.FormattedText;
import org.qinglan.exam.bank.Question;
import org.qinglan.exam.bank.QuestionRules;
import org.qinglan.exam.bank.QuestionType;
import org.qinglan.exam.bank.RubricPoint;
import org.qinglan.exam.bank.Rubrics;
import org.qinglan.exam.bank.TextFormat;

/**
 * The web editor of a question: the form's fields for a question, and a question from the
 * fields, checked by {@link QuestionRules} like any file. Choice, true/false, essay and case
 * analysis questions are edited here; the other types are edited in their file and uploaded again.
 * Texts keep the format they had (an HTML stem stays HTML); per-option feedback is kept.
 */
public final class QuestionEditForm {
  public static final Set<QuestionType> EDITABLE = EnumSet.of(QuestionType.SINGLE_CHOICE,
      QuestionType.MULTIPLE_CHOICE, QuestionType.TRUE_FALSE, QuestionType.ESSAY, QuestionType.CASE_ANALYSIS);
  /** Option rows the form offers. */
  public static final int MAX_OPTIONS = 8;
  static final int MAX_TEXT = 20_000;
  static final int MAX_TAGS = 20;
  static final int MAX_TAG = 40;

  private QuestionEditForm() {
  }

  /** One option row: its text and, for multiple choice, its weight in percent. */
  public record Option(String text, String weight) {
  }

  /**
   * What the form holds. {@code correct} is the row of the right option of a single choice;
   * {@code truth} is "true" or "false" for a true/false question.
   */
  public record Fields(String stem, String explanation, String tags, List<Option> options, String correct,
                       String truth) {
    public Fields {
      options = List.copyOf(options);
    }
  }

  /** The edited question, or the reasons it cannot be saved. */
  public record Result(Question question, List<String> errors) {
    public boolean ok() {
      return errors.isEmpty();
    }
  }

  public static boolean editable(QuestionType type) {
    return EDITABLE.contains(type);
  }

  /** The form for a question as it is, with empty rows to add options up to {@link #MAX_OPTIONS}. */
  public static Fields of(Question q) {
    List<Option> options = new ArrayList<>();
    String correct = "";
    if (q.type() == QuestionType.SINGLE_CHOICE || q.type() == QuestionType.MULTIPLE_CHOICE) {
      for (int i = 0; i < q.answers().size(); i++) {
        Answer a = q.answers().get(i);
        options.add(new Option(a.text().text(), percent(a.fraction())));
        if (q.type() == QuestionType.SINGLE_CHOICE && a.fraction() > 0.9999999 && correct.isEmpty()) {
          correct = String.valueOf(i);
        }
      }
      while (options.size() < MAX_OPTIONS) {
        options.add(new Option("", ""));
      }
    }
    String truth = q.type() == QuestionType.TRUE_FALSE ? String.valueOf(q.trueFalseAnswer()) : "";
    return new Fields(q.stem().text(), q.generalFeedback().text(), String.join("，", q.tags()), options, correct,
        truth);
  }

  public static Result apply(Question current, Fields f) {
    List<String> errors = new ArrayList<>();
    if (!editable(current.type())) {
      return new Result(null, List.of(current.type().label() + "不能在网页上编辑，请修改题目文件后重新上传"));
    }
    TextFormat base = current.stem().isEmpty() ? TextFormat.MOODLE : current.stem().format();
    String stem = clean(f.stem());
    String explanation = clean(f.explanation());
    if (stem.length() > MAX_TEXT || explanation.length() > MAX_TEXT) {
      errors.add("题干和解析各不能超过 " + MAX_TEXT + " 个字");
    }
    List<String> tags = tags(f.tags(), errors);
    QuestionType type = current.type();
    List<Answer> answers = new ArrayList<>();
    switch (type) {
      case SINGLE_CHOICE, MULTIPLE_CHOICE -> readOptions(current, f, base, type, answers, errors);
      case TRUE_FALSE -> {
        String truth = f.truth() == null ? "" : f.truth().strip().toLowerCase(Locale.ROOT);
        if (!truth.equals("true") && !truth.equals("false")) {
          errors.add("请选择判断题的正确答案（正确或错误）");
          truth = String.valueOf(current.trueFalseAnswer());
        }
        boolean right = truth.equals("true");
        answers.add(new Answer(new FormattedText("true", TextFormat.PLAIN), right ? 1 : 0,
            current.answers().get(0).feedback(), null));
        answers.add(new Answer(new FormattedText("false", TextFormat.PLAIN), right ? 0 : 1,
            current.answers().get(1).feedback(), null));
      }
      default -> {
        // Essays carry no answers. An essay whose explanation gains 评分要点 is read back from a
        // file as a case analysis, so it becomes one here too.
        if (type == QuestionType.ESSAY && Rubrics.isCaseAnalysis(explanation)) {
          type = QuestionType.CASE_ANALYSIS;
        }
      }
    }
    TextFormat explanationFormat = current.generalFeedback().isEmpty() ? base : current.generalFeedback().format();
    List<RubricPoint> rubric = type == QuestionType.CASE_ANALYSIS ? Rubrics.parse(explanation) : List.of();
    Question edited = new Question(current.id(), current.name(), current.category(), type,
        new FormattedText(stem, base), answers, current.pairs(), new FormattedText(explanation, explanationFormat),
        tags, rubric, 0, current.asOf());
    for (String rule : QuestionRules.check(edited)) {
      String e = inFormWords(rule);
      if (!errors.contains(e)) {
        errors.add(e);
      }
    }
    return new Result(errors.isEmpty() ? edited : null, errors);
  }

  private static void readOptions(Question current, Fields f, TextFormat base, QuestionType type, List<Answer> out,
                                  List<String> errors) {
    int correctRow = -1;
    if (type == QuestionType.SINGLE_CHOICE && f.correct() != null && !f.correct().isBlank()) {
      try {
        correctRow = Integer.parseInt(f.correct().strip());
      } catch (NumberFormatException e) {
        errors.add("正确答案的选择无效");
      }
    }
    List<Option> rows = f.options();
    if (rows.size() > MAX_OPTIONS) {
      errors.add("选项最多 " + MAX_OPTIONS + " 个");
      return;
    }
    for (int i = 0; i < rows.size(); i++) {
      String text = clean(rows.get(i).text());
      String letter = String.valueOf((char) ('A' + i));
      if (text.isEmpty()) {
        if (i == correctRow) {
          errors.add("正确答案不能是空选项（第 " + letter + " 行）");
        } else if (type == QuestionType.MULTIPLE_CHOICE && !blank(rows.get(i).weight())
            && parseWeight(rows.get(i).weight()) != null && parseWeight(rows.get(i).weight()) != 0) {
          errors.add("第 " + letter + " 行没有选项文字，却填了权重");
        }
        continue;
      }
      if (text.length() > MAX_TEXT) {
        errors.add("第 " + letter + " 行的选项太长");
      }
      double fraction;
      if (type == QuestionType.SINGLE_CHOICE) {
        fraction = i == correctRow ? 1 : 0;
      } else {
        Double w = blank(rows.get(i).weight()) ? Double.valueOf(0) : parseWeight(rows.get(i).weight());
        if (w == null) {
          errors.add("第 " + letter + " 行的权重“" + rows.get(i).weight().strip() + "”不是数字（如 50、33.33333、-100）");
          continue;
        }
        fraction = w / 100;
      }
      Answer before = i < current.answers().size() ? current.answers().get(i) : null;
      TextFormat format = before == null || before.text().isEmpty() ? base : before.text().format();
      out.add(new Answer(new FormattedText(text, format), fraction,
          before == null ? FormattedText.EMPTY : before.feedback(), null));
    }
  }

  /**
   * The bank's rules speak of the file syntax (an option starting with =, ~%50%, Moodle's
   * weights), which means nothing on this form: say the same in terms of its rows and boxes.
   */
  static String inFormWords(String rule) {
    if (rule.startsWith("单项选择题没有正确答案")) {
      return "请选择正确答案（单项选择题需要一个正确选项）";
    }
    if (rule.startsWith("多项选择题没有正确答案")) {
      return "请选择正确答案：多项选择题的正确选项要填正的权重（如两个正确选项各填 50）";
    }
    java.util.regex.Matcher weight = java.util.regex.Pattern.compile("权重 (\\S+)% 不是 Moodle 允许的分值.*").matcher(rule);
    if (weight.matches()) {
      return "权重 " + weight.group(1) + "% 不是允许的分值（可用 100、50、33.33333、25、20、-100 等）";
    }
    return rule;
  }

  private static List<String> tags(String input, List<String> errors) {
    Set<String> out = new LinkedHashSet<>();
    if (input != null) {
      for (String t : input.split("[,，、;；\\r\\n]+")) {
        String tag = t.strip();
        if (tag.isEmpty()) {
          continue;
        }
        if (tag.length() > MAX_TAG || tag.contains("[") || tag.contains("]")) {
          errors.add("标签“" + tag + "”无效（不超过 " + MAX_TAG + " 个字，不含方括号）");
          continue;
        }
        out.add(tag);
      }
    }
    if (out.size() > MAX_TAGS) {
      errors.add("标签最多 " + MAX_TAGS + " 个");
    }
    return new ArrayList<>(out);
  }

  static Double parseWeight(String s) {
    String v = s.strip();
    if (v.endsWith("%")) {
      v = v.substring(0, v.length() - 1).strip();
    }
    try {
      double d = Double.parseDouble(v);
      return Double.isFinite(d) ? d : null;
    } catch (NumberFormatException e) {
      return null;
    }
  }

  static String percent(double fraction) {
    double p = fraction * 100;
    return p == Math.rint(p) ? String.valueOf((long) p) : String.valueOf(Math.round(p * 100000) / 100000.0);
  }

  private static boolean blank(String s) {
    return s == null || s.isBlank();
  }

  private static String clean(String s) {
    return s == null ? "" : s.replace("\r\n", "\n").replace('\r', '\n').strip();
  }
}
