package org.qinglan.exam;

import io.vertx.core.Future;
import io.vertx.sqlclient.Pool;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.qinglan.exam.manage.QuestionBankService;
import org.qinglan.people.Account;

/**
 * What other features may ask of the question bank (a course's quizzes and their editor). They use
 * this and never exam's stores or tables, so the bank can change inside without them.
 */
public final class QuestionCatalog {
  private final Pool pool;
  private final QuestionStore questions;
  private final QuestionBankService bank;

  public QuestionCatalog(Pool pool, QuestionStore questions, QuestionBankService bank) {
    this.pool = pool;
    this.questions = questions;
    this.bank = bank;
  }

  /** Live, automatically marked questions under any of the category prefixes (and with one of the tags, if any). */
  public Future<List<UUID>> forQuiz(List<String> categoryPrefixes, List<String> tags) {
    return questions.forQuiz(pool, categoryPrefixes, tags);
  }

  /** The questions with these ids, as stored now (an unknown id is left out). */
  public Future<Map<UUID, StoredQuestion>> byIds(Collection<UUID> ids) {
    return questions.byIds(pool, ids);
  }

  /** The paths of the categories the viewer sees: the shipped ones and those of their org units. */
  public Future<List<List<String>>> categoryPaths(Account viewer) {
    return bank.overview(viewer).map(o -> {
      List<List<String>> out = new ArrayList<>();
      o.shipped().forEach(c -> out.add(c.path()));
      o.own().forEach(uc -> out.add(uc.category().path()));
      return out;
    });
  }
}
