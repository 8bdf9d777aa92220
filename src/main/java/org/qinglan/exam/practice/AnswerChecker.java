package org.qinglan.exam.practice;

import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Pattern;
import org.qinglan.exam.bank.Answer;
import org.qinglan.exam.bank.MatchPair;
import org.qinglan.exam.bank.Question;

/** Whether a practice answer is right (all or nothing; partial credit is the mock exam's business). */
public final class AnswerChecker {

  private AnswerChecker() {
  }

  public static boolean isCorrect(Question q, Response r) {
    return switch (q.type()) {
      case SINGLE_CHOICE, MULTIPLE_CHOICE, TRUE_FALSE -> r.choices().equals(correctChoices(q));
      case SHORT_ANSWER -> r.text() != null && q.answers().stream()
          .filter(a -> a.fraction() > 0.9999999).anyMatch(a -> matchesShortAnswer(a.text().text(), r.text()));
      case NUMERICAL -> numericalCorrect(q, r.text());
      case MATCHING -> matchingCorrect(q, r.matches());
      default -> false;
    };
  }

  public static Set<Integer> correctChoices(Question q) {
    return new TreeSet<>(q.correctChoiceIndexes());
  }

  /** Moodle's short answer: case-insensitive, {@code *} matches anything. */
  static boolean matchesShortAnswer(String pattern, String given) {
    String regex = "\\Q" + pattern.strip().replace("*", "\\E.*\\Q") + "\\E";
    return Pattern.compile(regex, Pattern.CASE_INSENSITIVE | Pattern.UNICODE_CASE | Pattern.DOTALL)
        .matcher(given.strip()).matches();
  }

  private static boolean numericalCorrect(Question q, String given) {
    if (given == null) {
      return false;
    }
    double value;
    try {
      value = Double.parseDouble(given.strip().replace('，', '.').toLowerCase(Locale.ROOT));
    } catch (NumberFormatException e) {
      return false;
    }
    for (Answer a : q.answers()) {
      if (a.fraction() > 0.9999999 && !a.text().text().equals("*")) {
        double target = Double.parseDouble(a.text().text());
        double tolerance = a.tolerance() == null ? 0 : a.tolerance();
        if (Math.abs(value - target) <= tolerance + 1e-9) {
          return true;
        }
      }
    }
    return false;
  }

  private static boolean matchingCorrect(Question q, List<String> given) {
    List<MatchPair> prompts = q.pairs().stream().filter(p -> !p.isDistractor()).toList();
    if (given.size() != prompts.size()) {
      return false;
    }
    for (int i = 0; i < prompts.size(); i++) {
      if (!prompts.get(i).answer().equals(given.get(i))) {
        return false;
      }
    }
    return true;
  }
}
