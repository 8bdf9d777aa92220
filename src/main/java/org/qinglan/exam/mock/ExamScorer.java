package org.qinglan.exam.mock;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.qinglan.exam.bank.QuestionType;

/**
 * Scores a mock exam by the national exam's rules:
 * <ul>
 *   <li>single choice and true/false: full marks for the right answer, else 0;</li>
 *   <li>multiple choice (多项选择题): any wrong option chosen scores 0 (错选不得分); choosing
 *       exactly the correct options scores full marks; choosing only some of them scores 0.5
 *       for each option chosen (少选，所选的每个选项得 0.5 分); nothing chosen scores 0;</li>
 *   <li>case analysis: the share of rubric marks the worker marked as covered, scaled to the
 *       question's marks (self-assessment against the reference answer).</li>
 * </ul>
 */
public final class ExamScorer {
  static final double PARTIAL_PER_OPTION = 0.5;

  private ExamScorer() {
  }

  /** A question on a paper: its type, chapter, marks and key. */
  public record Item(String questionId, QuestionType type, String chapter, double marks, Set<Integer> correct,
                     double rubricTotal) {
  }

  /** What the worker answered: chosen option indexes, or rubric marks they ticked for a case analysis. */
  public record Response(Set<Integer> chosen, double rubricMarksCovered) {
    public static Response choices(Set<Integer> chosen) {
      return new Response(chosen, 0);
    }

    public static Response rubric(double covered) {
      return new Response(Set.of(), covered);
    }
  }

  /** Marks scored and available in one chapter. */
  public record ChapterScore(String chapter, double score, double max, int correct, int questions) {
  }

  public record Result(double score, double max, boolean passed, List<Double> perQuestion,
                       List<ChapterScore> byChapter) {
  }

  public static double score(Item item, Response response) {
    if (response == null) {
      return 0;
    }
    return switch (item.type()) {
      case SINGLE_CHOICE, TRUE_FALSE -> response.chosen().equals(item.correct()) ? item.marks() : 0;
      case MULTIPLE_CHOICE -> {
        Set<Integer> chosen = response.chosen();
        if (chosen.isEmpty() || !item.correct().containsAll(chosen)) {
          yield 0;
        }
        yield chosen.size() == item.correct().size() ? item.marks()
            : Math.min(item.marks(), PARTIAL_PER_OPTION * chosen.size());
      }
      case CASE_ANALYSIS -> item.rubricTotal() <= 0 ? 0
          : Math.round(item.marks() * Math.min(response.rubricMarksCovered(), item.rubricTotal()) / item.rubricTotal()
              * 2) / 2.0;
      default -> 0;
    };
  }

  /**
   * @param passMark the paper's pass mark, on the scale of its total marks
   */
  public static Result score(List<Item> paper, Map<String, Response> responses, double passMark) {
    List<Double> per = new ArrayList<>();
    Map<String, double[]> chapters = new LinkedHashMap<>();
    double total = 0;
    double max = 0;
    for (Item item : paper) {
      double s = score(item, responses.get(item.questionId()));
      per.add(s);
      total += s;
      max += item.marks();
      double[] c = chapters.computeIfAbsent(item.chapter(), k -> new double[4]);
      c[0] += s;
      c[1] += item.marks();
      c[2] += s == item.marks() ? 1 : 0;
      c[3] += 1;
    }
    List<ChapterScore> byChapter = new ArrayList<>();
    chapters.forEach((k, c) -> byChapter.add(new ChapterScore(k, c[0], c[1], (int) c[2], (int) c[3])));
    return new Result(total, max, total >= passMark, per, byChapter);
  }
}
