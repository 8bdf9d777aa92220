package org.qinglan.exam.bank;

import java.util.ArrayList;
import java.util.List;

/**
 * Errors of meaning, whatever format a question came in: a choice question without a correct
 * answer is as broken as a missing brace. The rules are Moodle's, so what passes here also
 * imports into Moodle.
 */
public final class QuestionRules {
  /** Moodle's grade options (question_bank::fraction_options_full), as fractions. */
  private static final double[] GRADE_OPTIONS = {1.0, 0.9, 0.8333333, 0.8, 0.75, 0.7, 0.6666667, 0.6, 0.5, 0.4,
      0.3333333, 0.3, 0.25, 0.2, 0.1666667, 0.1428571, 0.125, 0.1111111, 0.1, 0.05, 0.0};

  private QuestionRules() {
  }

  public static boolean isGradeOption(double fraction) {
    double abs = Math.abs(fraction);
    for (double option : GRADE_OPTIONS) {
      if (Math.abs(abs - option) < 0.0000005) {
        return true;
      }
    }
    return false;
  }

  public static List<String> check(Question q) {
    List<String> errors = new ArrayList<>();
    if (q.type() != QuestionType.DESCRIPTION && q.stem().isEmpty()) {
      errors.add("题干为空");
    }
    for (Answer a : q.answers()) {
      if (!isGradeOption(a.fraction())) {
        errors.add("权重 " + percent(a.fraction()) + "% 不是 Moodle 允许的分值（如 100、50、33.33333、25、-100）");
      }
    }
    switch (q.type()) {
      case SINGLE_CHOICE -> {
        if (q.answers().size() < 2) {
          errors.add("选择题至少需要两个选项");
        }
        if (q.answers().stream().noneMatch(a -> a.fraction() > 0.9999999)) {
          errors.add("单项选择题没有正确答案（需要一个以 = 开头或权重为 100% 的选项）");
        }
      }
      case MULTIPLE_CHOICE -> {
        if (q.answers().size() < 2) {
          errors.add("选择题至少需要两个选项");
        }
        double positive = q.answers().stream().mapToDouble(Answer::fraction).filter(f -> f > 0).sum();
        if (positive == 0) {
          errors.add("多项选择题没有正确答案（正确选项应带正权重，如 ~%50%）");
        } else if (Math.abs(positive - 1) > 0.001) {
          errors.add("多项选择题正确选项的权重之和为 " + percent(positive) + "%，应为 100%");
        }
      }
      case SHORT_ANSWER, NUMERICAL -> {
        if (q.answers().stream().noneMatch(a -> a.fraction() > 0.9999999)) {
          errors.add(q.type().label() + "没有得满分的答案");
        }
        for (Answer a : q.answers()) {
          if (a.tolerance() != null && a.tolerance() < 0) {
            errors.add("数值题的误差不能为负数");
          }
        }
      }
      case MATCHING -> {
        long prompts = q.pairs().stream().filter(p -> !p.isDistractor()).count();
        if (prompts < 2 || q.pairs().size() < 3) {
          errors.add("匹配题至少需要 2 个题目和 3 个答案");
        }
        for (MatchPair p : q.pairs()) {
          if (p.answer().isBlank()) {
            errors.add("匹配题的每一项都需要答案");
          }
        }
      }
      case CASE_ANALYSIS -> {
        if (q.rubric().isEmpty()) {
          errors.add("案例分析题的解析中没有评分要点（格式：- （4分）……）");
        }
      }
      default -> {
        // true/false, essay and description have nothing more to check
      }
    }
    return errors;
  }

  static String percent(double fraction) {
    double p = fraction * 100;
    return p == Math.rint(p) ? String.valueOf((long) p) : String.valueOf(Math.round(p * 100000) / 100000.0);
  }
}
