package org.qinglan.exam;

import io.vertx.core.Future;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.sqlclient.Pool;
import java.util.ArrayList;
import java.util.Collection;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.UUID;
import org.qinglan.exam.bank.QuestionType;
import org.qinglan.exam.manage.QuestionBankService;
import org.qinglan.exam.mock.Blueprint;
import org.qinglan.exam.mock.PaperDrawer;
import org.qinglan.people.Account;

/**
 * What other features may ask of the question bank (a course's quizzes and their editor, a
 * competition's knowledge rounds). They use this and never exam's stores or tables, so the bank
 * can change inside without them.
 */
public final class QuestionCatalog {
  /** The question types a knowledge round (or any automatically marked choice paper) asks. */
  public static final Set<QuestionType> CHOICE_TYPES = Set.copyOf(EnumSet.of(QuestionType.SINGLE_CHOICE,
      QuestionType.MULTIPLE_CHOICE, QuestionType.TRUE_FALSE));

  private final Pool pool;
  private final QuestionStore questions;
  private final QuestionBankService bank;
  private final Map<String, Blueprint> blueprints = new LinkedHashMap<>();

  public QuestionCatalog(Pool pool, QuestionStore questions, QuestionBankService bank) {
    this(pool, questions, bank, List.of());
  }

  /** @param blueprints the mock-exam papers (question-bank/blueprints.yaml) that choice papers may be drawn by */
  public QuestionCatalog(Pool pool, QuestionStore questions, QuestionBankService bank, List<Blueprint> blueprints) {
    this.pool = pool;
    this.questions = questions;
    this.bank = bank;
    blueprints.forEach(b -> this.blueprints.put(b.id(), b));
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

  // ---- choice papers (a competition's knowledge rounds) ----

  /** Whether a blueprint of this id exists and has choice questions to draw. */
  public boolean hasChoiceBlueprint(String blueprintId) {
    Blueprint b = blueprintId == null ? null : blueprints.get(blueprintId);
    return b != null && b.choiceOnly(1) != null;
  }

  /** A blueprint a knowledge round may be drawn by: its id, title and how many choice questions its paper asks. */
  public record ChoiceBlueprint(String id, String title, int choiceQuestions) {
  }

  /** The blueprints that have choice questions to draw, in the order they are loaded (for an organiser's choice). */
  public List<ChoiceBlueprint> choiceBlueprints() {
    List<ChoiceBlueprint> out = new ArrayList<>();
    for (Blueprint b : blueprints.values()) {
      int choice = b.sections().stream().filter(s -> s.type() == QuestionType.SINGLE_CHOICE
          || s.type() == QuestionType.MULTIPLE_CHOICE || s.type() == QuestionType.TRUE_FALSE)
          .mapToInt(Blueprint.Section::count).sum();
      if (choice > 0) {
        out.add(new ChoiceBlueprint(b.id(), b.title(), choice));
      }
    }
    return List.copyOf(out);
  }

  /** The ids of the blueprints (for a message that lists them). */
  public List<String> blueprintIds() {
    return List.copyOf(blueprints.keySet());
  }

  /** A drawn choice paper: its question ids in paper order, or why it could not be drawn (in Chinese). */
  public record ChoiceDraw(List<UUID> questionIds, String problem) {
    public boolean ok() {
      return problem == null;
    }
  }

  /**
   * Draws {@code count} choice questions by a blueprint, spread over its choice sections and its
   * chapters as a paper of that size would be ({@link Blueprint#choiceOnly}, {@link PaperDrawer}),
   * from the shipped bank's live questions.
   */
  public Future<ChoiceDraw> drawChoice(String blueprintId, int count) {
    Blueprint whole = blueprintId == null ? null : blueprints.get(blueprintId);
    if (whole == null) {
      return Future.succeededFuture(new ChoiceDraw(List.of(), "没有编号为“" + blueprintId + "”的试卷蓝图"));
    }
    Blueprint b = whole.choiceOnly(count);
    if (b == null) {
      return Future.succeededFuture(new ChoiceDraw(List.of(), "试卷蓝图“" + whole.title() + "”没有选择题"));
    }
    return questions.candidates(pool, b.category()).map(candidates -> {
      PaperDrawer.Draw draw = PaperDrawer.draw(b, candidates, Set.of(), new Random());
      if (!draw.ok()) {
        return new ChoiceDraw(List.of(), draw.problem());
      }
      return new ChoiceDraw(draw.questions().stream().map(c -> UUID.fromString(c.id())).toList(), null);
    });
  }

  /**
   * A choice question as another feature keeps a copy of it (frozen): its id, revision, type, the
   * unit of its category (null: shipped) and {@code copy}, everything needed to show and mark it
   * again as it is now, whatever later edits do ({@link #render}).
   */
  public record Frozen(UUID id, int revision, QuestionType type, UUID orgUnitId, JsonObject copy) {
  }

  /** The frozen copies in the order asked, or what keeps some of them from being used (one line each, in Chinese). */
  public record FrozenSet(List<Frozen> questions, List<String> problems) {
    public boolean ok() {
      return problems.isEmpty();
    }
  }

  /**
   * Copies of live choice questions as they are now. An id that is unknown, retired, of another
   * type or given twice is a problem; nothing is copied then.
   */
  public Future<FrozenSet> freezeChoice(List<UUID> ids) {
    return questions.byIds(pool, new LinkedHashSet<>(ids)).map(found -> {
      List<String> problems = new ArrayList<>();
      List<Frozen> out = new ArrayList<>();
      Set<UUID> seen = new java.util.HashSet<>();
      for (UUID id : ids) {
        StoredQuestion q = found.get(id);
        if (!seen.add(id)) {
          problems.add("题目 " + id + " 重复");
        } else if (q == null) {
          problems.add("题目 " + id + " 不存在");
        } else if (q.retired()) {
          problems.add("题目 " + id + " 已停用");
        } else if (!CHOICE_TYPES.contains(q.type())) {
          problems.add("题目 " + id + " 是" + q.type().label() + "，只能选用单项选择题、多项选择题或判断题");
        } else if (q.question().correctChoiceIndexes().isEmpty()) {
          problems.add("题目 " + id + " 没有正确答案");
        } else {
          out.add(new Frozen(q.id(), q.revision(), q.type(), q.orgUnitId(), copyOf(q)));
        }
      }
      return problems.isEmpty() ? new FrozenSet(List.copyOf(out), List.of()) : new FrozenSet(List.of(), problems);
    });
  }

  private static JsonObject copyOf(StoredQuestion q) {
    return new JsonObject().put("key", q.key()).put("name", q.question().name()).put("type", q.type().name())
        .put("chapter", q.chapter()).put("category", new JsonArray(new ArrayList<>(q.category())))
        .put("tags", new JsonArray(new ArrayList<>(q.question().tags())))
        .put("body", QuestionJson.body(q.question()));
  }

  /**
   * A frozen copy ({@link Frozen#copy()}) ready for a page: HTML made safe, options in their stored
   * order with the key marked, the explanation.
   */
  public static QuestionView render(UUID id, int revision, JsonObject copy) {
    List<String> category = new ArrayList<>();
    copy.getJsonArray("category", new JsonArray()).forEach(c -> category.add(String.valueOf(c)));
    List<String> tags = new ArrayList<>();
    copy.getJsonArray("tags", new JsonArray()).forEach(t -> tags.add(String.valueOf(t)));
    QuestionType type = QuestionType.valueOf(copy.getString("type"));
    org.qinglan.exam.bank.Question q = QuestionJson.question(copy.getString("key"), copy.getString("name"), category,
        type, copy.getJsonObject("body"), tags);
    return QuestionView.of(new StoredQuestion(id, copy.getString("key"), revision, type, copy.getString("chapter"),
        category, null, q, false), true);
  }
}
