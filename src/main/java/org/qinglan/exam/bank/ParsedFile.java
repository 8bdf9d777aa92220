package org.qinglan.exam.bank;

import java.util.EnumMap;
import java.util.List;
import java.util.Map;

/** What a question file holds: its questions and every problem found in it. */
public record ParsedFile(String file, List<Question> questions, List<ParseError> errors,
                         List<CategoryInfo> categories) {

  public ParsedFile {
    questions = List.copyOf(questions);
    errors = List.copyOf(errors);
    categories = List.copyOf(categories);
  }

  public ParsedFile(String file, List<Question> questions, List<ParseError> errors) {
    this(file, questions, errors, List.of());
  }

  public boolean ok() {
    return errors.isEmpty();
  }

  public Map<QuestionType, Integer> countByType() {
    Map<QuestionType, Integer> out = new EnumMap<>(QuestionType.class);
    for (Question q : questions) {
      out.merge(q.type(), 1, Integer::sum);
    }
    return out;
  }
}
