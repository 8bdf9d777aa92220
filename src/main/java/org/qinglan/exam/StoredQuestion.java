package org.qinglan.exam;

import java.util.List;
import java.util.UUID;
import org.qinglan.exam.bank.Question;
import org.qinglan.exam.bank.QuestionType;

/** A question of the bank as stored: its content plus where it sits. */
public record StoredQuestion(UUID id, String key, int revision, QuestionType type, String chapter, List<String> category,
                     UUID orgUnitId, Question question, boolean retired) {
  public String paper() {
    return category.size() >= 2 ? category.get(1) : "";
  }
}
