package org.qinglan.exam.bank;

import java.time.YearMonth;
import java.util.List;

/**
 * A question as read from a file, independent of the format it came in.
 *
 * @param id              stable id from the {@code // [id:…]} metadata; null when the file gives none
 * @param name            Moodle's question name (GIFT {@code ::name::})
 * @param category        category path, top first (GIFT {@code $CATEGORY:}, Moodle XML categories)
 * @param answers         choices, accepted answers or numerical answers; true/false has "true" and "false"
 * @param pairs           matching questions only
 * @param generalFeedback the explanation (解析); for case analyses the reference answer and rubric
 * @param rubric          case analyses only: the scoring points parsed from the general feedback
 * @param line            line of the file where the question starts (1-based)
 * @param asOf            for an explanation resting on a statute: the month up to which the law was checked
 *                        (GIFT {@code [asof:YYYY-MM]}); null when not given
 */
public record Question(String id, String name, List<String> category, QuestionType type, FormattedText stem,
                       List<Answer> answers, List<MatchPair> pairs, FormattedText generalFeedback,
                       List<String> tags, List<RubricPoint> rubric, int line, YearMonth asOf) {

  public Question {
    category = List.copyOf(category);
    answers = List.copyOf(answers);
    pairs = List.copyOf(pairs);
    tags = List.copyOf(tags);
    rubric = List.copyOf(rubric);
  }

  /** A question without a law-currency date. */
  public Question(String id, String name, List<String> category, QuestionType type, FormattedText stem,
                  List<Answer> answers, List<MatchPair> pairs, FormattedText generalFeedback, List<String> tags,
                  List<RubricPoint> rubric, int line) {
    this(id, name, category, type, stem, answers, pairs, generalFeedback, tags, rubric, line, null);
  }

  /** The correct choices of a choice question, in order. */
  public List<Integer> correctChoiceIndexes() {
    List<Integer> out = new java.util.ArrayList<>();
    for (int i = 0; i < answers.size(); i++) {
      if (answers.get(i).correct()) {
        out.add(i);
      }
    }
    return out;
  }

  /** For true/false questions: the right answer. */
  public boolean trueFalseAnswer() {
    return answers.get(0).fraction() > 0;
  }

  public Question withCategory(List<String> newCategory) {
    return new Question(id, name, newCategory, type, stem, answers, pairs, generalFeedback, tags, rubric, line, asOf);
  }

  public Question withId(String newId) {
    return new Question(newId, name, category, type, stem, answers, pairs, generalFeedback, tags, rubric, line, asOf);
  }
}
