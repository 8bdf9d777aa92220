package org.qinglan.exam.manage;

import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonObject;
import io.vertx.pgclient.PgException;
import io.vertx.sqlclient.Pool;
import io.vertx.sqlclient.SqlConnection;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.UUID;
import java.util.function.Function;
import org.qinglan.exam.bank.CategoryInfo;
import org.qinglan.exam.bank.FormattedText;
import org.qinglan.exam.bank.GiftWriter;
import org.qinglan.exam.bank.MoodleXmlWriter;
import org.qinglan.exam.bank.ParseError;
import org.qinglan.exam.bank.ParsedFile;
import org.qinglan.exam.bank.Question;
import org.qinglan.exam.bank.QuestionFormat;
import org.qinglan.exam.bank.QuestionType;
import org.qinglan.exam.manage.QuestionBankStore.Category;
import org.qinglan.exam.manage.QuestionBankStore.Managed;
import org.qinglan.people.Account;
import org.qinglan.people.OrgUnit;
import org.qinglan.people.OrgUnitService;
import org.qinglan.platform.Audit;
import org.qinglan.platform.Problem;

/**
 * Trainers' management of the question bank: categories of their org unit and below, uploads
 * (all or nothing), edits as new revisions, retiring, exports and answer statistics. Shipped
 * categories are shown and exported but never changed here: their files are their source.
 */
public final class QuestionBankService {
  private static final int MAX_DESCRIPTION = 2000;

  private final Vertx vertx;
  private final Pool pool;
  private final QuestionBankStore store;
  private final OrgUnitService orgUnits;

  public QuestionBankService(Vertx vertx, Pool pool, QuestionBankStore store, OrgUnitService orgUnits) {
    this.vertx = vertx;
    this.pool = pool;
    this.store = store;
    this.orgUnits = orgUnits;
  }

  static Problem readOnly() {
    return new Problem(403, "read_only", "内置题库随程序发布，以题库文件为准，不能在网页上修改。");
  }

  /** A category as a viewer sees it: its org unit (null when shipped) and whether they may change it. */
  public record Scoped(Category category, OrgUnit unit, boolean canChange) {
  }

  /** A unit's category with its unit. */
  public record UnitCategory(Category category, OrgUnit unit) {
  }

  /** The bank page: shipped categories, the viewer's units' categories, and the units they may create them for. */
  public record Overview(List<Category> shipped, List<UnitCategory> own, List<OrgUnitService.TreeRow> units) {
  }

  /** A question with what is known about its answers. */
  public record Item(Managed question, ItemAnalysis.Result stats) {
  }

  /** A category's page: its sub-categories and the questions of all of them, with statistics. */
  public record CategoryPage(Scoped scoped, List<Category> subcategories, List<Item> items, List<Item> reviewFirst) {
  }

  /** A question's page. */
  public record QuestionPage(Managed question, Scoped scoped, List<QuestionBankStore.Revision> revisions,
                             ItemAnalysis.Result stats) {
  }

  /** What an upload added. */
  public record ImportResult(Category category, String file, int added, Map<QuestionType, Integer> byType,
                             List<List<String>> categories, List<String> notices) {
  }

  /** An export ready to download. */
  public record Export(String fileName, String contentType, String content) {
  }

  // ---- scope ----

  /** Shipped categories are visible to every trainer; a unit's category to those who reach the unit (else 403). */
  public Future<Scoped> visible(Account viewer, UUID categoryId) {
    return store.category(pool, categoryId).compose(c -> {
      if (c == null) {
        return Future.failedFuture(Problem.notFound());
      }
      Future<OrgUnit> unit = c.shipped() ? Future.succeededFuture(null) : orgUnits.reachable(viewer, c.orgUnitId());
      return unit.compose(u -> QuestionBankPolicy.maySee(viewer, u)
          ? Future.succeededFuture(new Scoped(c, u, QuestionBankPolicy.mayChange(viewer, u) == QuestionBankPolicy.Change.ALLOWED))
          : Future.failedFuture(Problem.forbidden()));
    });
  }

  private Future<Scoped> changeable(Account actor, UUID categoryId) {
    return visible(actor, categoryId).compose(s -> switch (QuestionBankPolicy.mayChange(actor, s.unit())) {
      case ALLOWED -> Future.succeededFuture(s);
      case READ_ONLY -> Future.failedFuture(readOnly());
      case FORBIDDEN -> Future.failedFuture(Problem.forbidden());
    });
  }

  // ---- categories ----

  public Future<Overview> overview(Account viewer) {
    return orgUnits.within(viewer).compose(units -> {
      Map<UUID, OrgUnit> byId = new LinkedHashMap<>();
      units.forEach(u -> byId.put(u.id(), u));
      return store.categories(pool, byId.keySet()).map(all -> {
        List<Category> shipped = new ArrayList<>();
        List<UnitCategory> own = new ArrayList<>();
        for (Category c : all) {
          if (c.shipped()) {
            shipped.add(c);
          } else {
            own.add(new UnitCategory(c, byId.get(c.orgUnitId())));
          }
        }
        return new Overview(shipped, own, OrgUnitService.tree(units));
      });
    });
  }

  /**
   * Creates a category for an org unit in the actor's scope (their own unit when {@code unitId} is
   * null); missing parent categories are created with it, so the tree can be browsed and exported.
   */
  public Future<Category> createCategory(Account actor, String pathInput, UUID unitId, String description) {
    CategoryPath.Result path = CategoryPath.parse(pathInput);
    List<String> errors = new ArrayList<>(path.errors());
    String text = description == null ? "" : description.strip();
    if (text.length() > MAX_DESCRIPTION) {
      errors.add("说明不能超过 " + MAX_DESCRIPTION + " 个字");
    }
    UUID unit = unitId != null ? unitId : actor.orgUnit() == null ? null : actor.orgUnit().id();
    if (unit == null) {
      errors.add("请选择分类所属的单位");
    }
    if (!errors.isEmpty()) {
      return Future.failedFuture(Problem.badRequest("请更正以下问题。", errors));
    }
    List<String> p = path.path();
    UUID id = UUID.randomUUID();
    return orgUnits.reachable(actor, unit).compose(u -> QuestionBankPolicy.mayCreateFor(actor, u) ? Future.succeededFuture(u)
        : Future.<OrgUnit>failedFuture(Problem.forbidden())).compose(u -> pool.withTransaction(tx -> {
      Future<?> chain = Future.succeededFuture();
      for (int depth = 1; depth < p.size(); depth++) {
        List<String> parent = p.subList(0, depth);
        chain = chain.compose(v -> store.ensureCategory(tx, parent, u.id(), FormattedText.EMPTY));
      }
      return chain.compose(v -> store.insertCategory(tx, id, p, u.id(), FormattedText.of(text)))
          .compose(v -> Audit.record(tx, actor.id(), "question_category.create", id.toString(),
              new JsonObject().put("path", CategoryPath.display(p)).put("orgUnit", u.id().toString())));
    })).recover(t -> {
      if (t instanceof PgException pg && "23505".equals(pg.getSqlState())) {
        return Future.failedFuture(Problem.conflict("该单位已有分类“" + CategoryPath.display(p) + "”。"));
      }
      return Future.failedFuture(t);
    }).compose(v -> store.category(pool, id));
  }

  public Future<CategoryPage> categoryPage(Account viewer, UUID categoryId) {
    return visible(viewer, categoryId).compose(s -> Future.all(store.subtree(pool, s.category()),
        store.questions(pool, s.category(), true)).compose(all -> {
          List<Category> below = all.<List<Category>>resultAt(0).stream()
              .filter(c -> !c.id().equals(s.category().id())).toList();
          List<Managed> questions = all.resultAt(1);
          return items(questions).map(items -> new CategoryPage(s, below, items,
              ItemAnalysis.reviewFirst(items.stream().filter(i -> !i.question().retired()).toList(), Item::stats)));
        }));
  }

  // ---- upload ----

  /**
   * Imports a question file into a category: all of it or, when it has any error, nothing. The
   * file's own categories become sub-categories of the chosen one. Questions keep the file's id
   * when no other question has it, else (and when there is none) get a generated key.
   */
  public Future<ImportResult> importFile(Account actor, UUID categoryId, String fileName, QuestionFormat format,
                                         byte[] content) {
    return changeable(actor, categoryId).compose(s -> vertx.executeBlocking(() -> format.parse(fileName, content), false)
        .compose(parsed -> {
          List<String> errors = new ArrayList<>();
          for (ParseError e : parsed.errors()) {
            errors.add(fileName + " 第 " + e.line() + " 行：" + e.message());
          }
          if (!errors.isEmpty()) {
            return Future.failedFuture(Problem.badRequest(fileName + " 有 " + errors.size()
                + " 处问题，未导入任何题目。请更正后重新上传。", errors));
          }
          if (parsed.questions().isEmpty()) {
            return Future.failedFuture(Problem.badRequest(fileName + " 中没有找到题目，请检查文件格式（"
                + formatLabel(format) + "）。"));
          }
          List<String> ids = parsed.questions().stream().map(Question::id).filter(Objects::nonNull).toList();
          return store.takenKeys(pool, ids).compose(taken -> {
            ImportPlan plan = ImportPlan.of(parsed, s.category().path(), taken, () -> "u-" + UUID.randomUUID());
            return pool.withTransaction(tx -> write(tx, actor, s.category(), fileName, format, plan))
                .map(v -> result(s.category(), fileName, parsed, plan));
          });
        })).recover(t -> {
          if (t instanceof PgException pg && "23505".equals(pg.getSqlState())) {
            return Future.failedFuture(Problem.conflict("有题目编号刚被其他上传占用，未导入任何题目，请重新上传。"));
          }
          return Future.failedFuture(t);
        });
  }

  private Future<Void> write(SqlConnection tx, Account actor, Category target, String fileName, QuestionFormat format,
                             ImportPlan plan) {
    Map<List<String>, UUID> ids = new HashMap<>();
    ids.put(target.path(), target.id());
    Future<Void> chain = Future.succeededFuture();
    for (Map.Entry<List<String>, FormattedText> c : plan.categories().entrySet()) {
      chain = chain.compose(v -> store.ensureCategory(tx, c.getKey(), target.orgUnitId(), c.getValue()))
          .map(id -> {
            ids.put(c.getKey(), id);
            return null;
          });
    }
    return chain.compose(v -> store.insertQuestions(tx, plan.questions(), ids, actor.id()))
        .compose(v -> Audit.record(tx, actor.id(), "question.import", target.id().toString(), new JsonObject()
            .put("file", fileName).put("format", format.cliName()).put("added", plan.questions().size())
            .put("renamedKeys", plan.notices().size())));
  }

  private static ImportResult result(Category target, String fileName, ParsedFile parsed, ImportPlan plan) {
    Map<QuestionType, Integer> byType = new EnumMap<>(QuestionType.class);
    byType.putAll(parsed.countByType());
    List<List<String>> below = new ArrayList<>();
    plan.categories().keySet().forEach(p -> below.add(p.subList(target.path().size(), p.size())));
    return new ImportResult(target, fileName, plan.questions().size(), byType, below, plan.notices());
  }

  static String formatLabel(QuestionFormat f) {
    return switch (f) {
      case GIFT -> "GIFT";
      case MOODLE_XML -> "Moodle XML";
      case AIKEN -> "Aiken";
    };
  }

  // ---- questions ----

  public Future<QuestionPage> questionPage(Account viewer, UUID questionId) {
    return question(questionId).compose(q -> visible(viewer, q.categoryId())
        .compose(s -> Future.all(store.revisions(pool, questionId), items(List.of(q)))
            .map(all -> new QuestionPage(q, s, all.resultAt(0), all.<List<Item>>resultAt(1).get(0).stats()))));
  }

  /**
   * Saves an edit as a new revision (the old version is kept); {@code expectedRevision} is the
   * one the form was made from, so two editors cannot silently overwrite each other.
   */
  public Future<Integer> edit(Account actor, UUID questionId, int expectedRevision, QuestionEditForm.Fields fields) {
    return changeableQuestion(actor, questionId).compose(q -> {
      QuestionEditForm.Result r = QuestionEditForm.apply(q.question(), fields);
      if (!r.ok()) {
        return Future.failedFuture(Problem.badRequest("请更正以下问题。", r.errors()));
      }
      return pool.withTransaction(tx -> store.lock(tx, questionId).compose(current -> {
        if (current == null) {
          return Future.failedFuture(Problem.notFound());
        }
        if (current.revision() != expectedRevision) {
          return Future.failedFuture(Problem.conflict("这道题已被修改（现在是第 " + current.revision()
              + " 版），请重新打开后再编辑。"));
        }
        return store.keepRevision(tx, current, actor.id())
            .compose(v -> store.updateContent(tx, questionId, r.question()))
            .compose(revision -> Audit.record(tx, actor.id(), "question.edit", questionId.toString(),
                new JsonObject().put("key", q.key()).put("revision", revision)).map(revision));
      }));
    });
  }

  /** Retires a question (kept for past attempts; practice and new mock exams stop using it), or brings it back. */
  public Future<Boolean> setRetired(Account actor, UUID questionId, boolean retired) {
    return changeableQuestion(actor, questionId).compose(q -> pool.withTransaction(tx ->
        store.setRetired(tx, questionId, retired).compose(changed -> !changed ? Future.succeededFuture(false)
            : Audit.record(tx, actor.id(), retired ? "question.retire" : "question.unretire", questionId.toString(),
                new JsonObject().put("key", q.key())).map(true))));
  }

  private Future<Managed> question(UUID questionId) {
    return store.question(pool, questionId)
        .compose(q -> q == null ? Future.failedFuture(Problem.notFound()) : Future.succeededFuture(q));
  }

  private Future<Managed> changeableQuestion(Account actor, UUID questionId) {
    return question(questionId).compose(q -> changeable(actor, q.categoryId())
        .compose(s -> q.shipped() ? Future.failedFuture(readOnly()) : Future.succeededFuture(q)));
  }

  // ---- export and statistics ----

  /** A category with its sub-categories as GIFT or Moodle XML; retired questions are left out. */
  public Future<Export> export(Account viewer, UUID categoryId, QuestionFormat format) {
    if (format == QuestionFormat.AIKEN) {
      return Future.failedFuture(Problem.badRequest("只能导出为 GIFT 或 Moodle XML。"));
    }
    return visible(viewer, categoryId).compose(s -> Future.all(store.subtree(pool, s.category()),
        store.questions(pool, s.category(), false)).compose(all -> vertx.executeBlocking(() -> {
          List<Category> categories = all.resultAt(0);
          List<Question> questions = all.<List<Managed>>resultAt(1).stream().map(Managed::question).toList();
          String name = fileStem(s.category());
          if (format == QuestionFormat.GIFT) {
            return new Export(name + ".gift", "text/plain; charset=utf-8", GiftWriter.write(questions));
          }
          List<CategoryInfo> infos = categories.stream()
              .map(c -> new CategoryInfo(c.path(), c.description(), null)).toList();
          return new Export(name + ".xml", "application/xml; charset=utf-8", MoodleXmlWriter.write(questions, infos));
        }, false)));
  }

  private Future<List<Item>> items(List<Managed> questions) {
    if (questions.isEmpty()) {
      return Future.succeededFuture(List.of());
    }
    List<UUID> ids = questions.stream().map(Managed::id).toList();
    return Future.all(store.attempts(pool, ids), store.firstAnswers(pool, ids)).map(all -> {
      Map<UUID, Long> attempts = all.resultAt(0);
      Map<UUID, List<ItemAnalysis.FirstAnswer>> firsts = all.resultAt(1);
      Function<Managed, ItemAnalysis.Result> analyse = q -> ItemAnalysis.analyse(attempts.getOrDefault(q.id(), 0L),
          firsts.getOrDefault(q.id(), List.of()));
      return questions.stream().map(q -> new Item(q, analyse.apply(q))).toList();
    });
  }

  private static String fileStem(Category c) {
    String last = c.path().get(c.path().size() - 1).replaceAll("[\\\\/:*?\"<>|\\s]+", "_");
    return last.isEmpty() ? "questions" : last;
  }
}
