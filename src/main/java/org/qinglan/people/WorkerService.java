package org.qinglan.people;

import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonObject;
import io.vertx.pgclient.PgException;
import io.vertx.sqlclient.Pool;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import org.qinglan.platform.Audit;
import org.qinglan.platform.Page;
import org.qinglan.platform.Problem;

/**
 * Workers and their profiles, as organisers (and admins) manage them within their scope; who may
 * see or change which is {@link PeoplePolicy}'s to say.
 */
public final class WorkerService {
  private final Vertx vertx;
  private final Pool pool;
  private final WorkerStore workers;
  private final AccountStore accounts;
  private final OrgUnitService orgUnits;

  public WorkerService(Vertx vertx, Pool pool, WorkerStore workers, AccountStore accounts, OrgUnitService orgUnits) {
    this.vertx = vertx;
    this.pool = pool;
    this.workers = workers;
    this.accounts = accounts;
    this.orgUnits = orgUnits;
  }

  /** A new account and the one-time password to hand to its owner. */
  public record Created(UUID id, String username, String displayName, String oneTimePassword) {
  }

  public Future<Map<String, PostCategory>> categories() {
    return workers.categories(pool);
  }

  /** Workers in {@code unitId} (or the viewer's whole scope when null), filtered and paged. */
  public Future<Page<WorkerView>> list(Account viewer, UUID unitId, WorkerFilter filter, int page, int size) {
    if (unitId == null && !PeoplePolicy.mayViewWorkers(viewer, viewer.orgUnit())) {
      return Future.failedFuture(Problem.forbidden());
    }
    Future<String> scope = unitId == null
        ? Future.succeededFuture(OrgUnitService.scopePath(viewer))
        : orgUnits.reachable(viewer, unitId).compose(unit -> PeoplePolicy.mayViewWorkers(viewer, unit)
            ? Future.succeededFuture(unit.path()) : Future.failedFuture(Problem.forbidden()));
    return scope.compose(path -> workers.list(pool, path, filter, Math.max(page, 1), size));
  }

  public Future<WorkerView> get(Account viewer, UUID id) {
    return workers.byId(pool, id).compose(w -> {
      if (w == null) {
        return Future.failedFuture(Problem.notFound());
      }
      if (!PeoplePolicy.mayViewWorkers(viewer, w.community())) {
        return Future.failedFuture(Problem.forbidden());
      }
      return Future.succeededFuture(w);
    });
  }

  /** Every worker the viewer can reach (in {@code unitId}, or their whole scope when null), unpaged. */
  public Future<List<WorkerView>> all(Account viewer, UUID unitId) {
    return list(viewer, unitId, WorkerFilter.none(), 1, 100_000).map(Page::items);
  }

  /** The signed-in person's own worker profile, or null when they have none (staff accounts). */
  public Future<WorkerView> own(Account self) {
    return workers.byId(pool, self.id());
  }

  public Future<Created> create(Account actor, WorkerForm form, UUID communityId) {
    return validated(actor, form, communityId).compose(checked -> {
      // A one-time password: a fast hash now, Argon2 at its first sign-in.
      String password = PasswordHasher.oneTimePassword();
      return pool.withTransaction(tx -> {
        UUID id = UUID.randomUUID();
        WorkerForm.Valid w = checked.valid;
        return accounts.insert(tx, id, w.username(), w.mobile(), w.displayName(), PasswordHasher.hashOneTime(password),
                true, checked.community.id(), EnumSet.of(Role.WORKER))
            .compose(v -> workers.insertProfile(tx, id, w))
            .compose(v -> Audit.record(tx, actor.id(), "worker.create", id.toString(),
                new JsonObject().put("username", w.username())))
            .map(new Created(id, w.username(), w.displayName(), password));
      });
    }).recover(WorkerService::explainDuplicate);
  }

  public Future<Void> update(Account actor, UUID id, WorkerForm form, UUID communityId) {
    return get(actor, id)
        .compose(existing -> validated(actor, form, communityId))
        .compose(checked -> pool.withTransaction(tx -> workers.update(tx, id, checked.valid, checked.community.id())
            .compose(v -> Audit.record(tx, actor.id(), "worker.update", id.toString(),
                new JsonObject().put("username", checked.valid.username())))))
        .recover(WorkerService::explainDuplicate);
  }

  /**
   * Creates every worker of a CSV file, or none: a file with any bad row changes nothing and
   * the failure lists every bad row.
   */
  public Future<List<Created>> importCsv(Account actor, String fileName, byte[] content) {
    // Parsing a file of up to 2 MB is blocking work: never on an event loop.
    return vertx.executeBlocking(() -> WorkerCsvImport.mentionedIdentities(fileName, content), false)
        .compose(mentioned -> importCsv(actor, fileName, content, mentioned));
  }

  private Future<List<Created>> importCsv(Account actor, String fileName, byte[] content, List<String> mentioned) {
    if (!PeoplePolicy.mayManageWorkers(actor, actor.orgUnit())) {
      return Future.failedFuture(Problem.forbidden());
    }
    Future<Set<String>> taken = accounts.taken(pool, mentioned.toArray(String[]::new));
    Future<List<OrgUnit>> units = orgUnits.within(actor);
    Future<Map<String, PostCategory>> categories = workers.categories(pool);
    return Future.all(taken, units, categories).compose(all -> {
      CommunityDirectory directory = new CommunityDirectory(units.result(), actor);
      return vertx.executeBlocking(() -> WorkerCsvImport.plan(fileName, content, categories.result(), directory::match,
          taken.result()), false);
    }).compose(plan -> {
      if (!plan.ok()) {
        return Future.failedFuture(Problem.badRequest(fileName + " 有 " + plan.errors().size()
            + " 处问题，未导入任何数据。请更正后重新上传。", plan.errors()));
      }
      // One-time passwords with a fast hash (Argon2 comes at each first sign-in), so that thousands of
      // rows import in seconds; the rows go in as a few batched statements in one transaction.
      return vertx.executeBlocking(() -> {
        List<Created> created = new ArrayList<>();
        List<AccountStore.NewAccount> newAccounts = new ArrayList<>();
        List<WorkerStore.NewProfile> profiles = new ArrayList<>();
        for (WorkerCsvImport.PlannedWorker planned : plan.workers()) {
          UUID id = UUID.randomUUID();
          WorkerForm.Valid w = planned.worker();
          String password = PasswordHasher.oneTimePassword();
          newAccounts.add(new AccountStore.NewAccount(id, w.username(), w.mobile(), w.displayName(),
              PasswordHasher.hashOneTime(password), true, planned.community().id(), EnumSet.of(Role.WORKER)));
          profiles.add(new WorkerStore.NewProfile(id, w));
          created.add(new Created(id, w.username(), w.displayName(), password));
        }
        return new Batch(created, newAccounts, profiles);
      }, false).compose(batch -> pool.withTransaction(tx -> accounts.insertAll(tx, batch.accounts())
          .compose(v -> workers.insertProfiles(tx, batch.profiles()))
          .compose(v -> Audit.record(tx, actor.id(), "worker.import", null,
              new JsonObject().put("file", fileName).put("count", batch.created().size())))
          .map(batch.created())));
    }).recover(WorkerService::explainDuplicate);
  }

  private record Batch(List<Created> created, List<AccountStore.NewAccount> accounts,
                       List<WorkerStore.NewProfile> profiles) {
  }

  private record Checked(WorkerForm.Valid valid, OrgUnit community) {
  }

  private Future<Checked> validated(Account actor, WorkerForm form, UUID communityId) {
    Future<OrgUnit> community = communityId == null
        ? Future.failedFuture(Problem.badRequest("请选择所在社区。", List.of("请选择所在社区")))
        : orgUnits.reachable(actor, communityId);
    return Future.all(workers.categories(pool), community).compose(all -> {
      OrgUnit unit = all.resultAt(1);
      if (!PeoplePolicy.mayManageWorkers(actor, unit)) {
        return Future.failedFuture(Problem.forbidden());
      }
      if (unit.level() != OrgLevel.COMMUNITY) {
        return Future.failedFuture(Problem.badRequest("所选单位不是社区。", List.of("所选单位不是社区")));
      }
      WorkerForm.Result result = form.validate(all.resultAt(0));
      if (!result.ok()) {
        return Future.failedFuture(Problem.badRequest("请更正以下问题。", result.errors()));
      }
      return Future.succeededFuture(new Checked(result.valid(), unit));
    });
  }

  private static <T> Future<T> explainDuplicate(Throwable t) {
    if (t instanceof PgException pg && "23505".equals(pg.getSqlState())) {
      return Future.failedFuture(Problem.conflict("用户名或手机号已被其他账号使用。"));
    }
    return Future.failedFuture(t);
  }

  /** Finds a community by "社区" or "街道/社区" among the units a person can reach. */
  static final class CommunityDirectory {
    private final Map<String, List<OrgUnit>> byName = new HashMap<>();
    private final Map<UUID, OrgUnit> byId = new HashMap<>();

    CommunityDirectory(List<OrgUnit> reachable, Account actor) {
      for (OrgUnit u : reachable) {
        byId.put(u.id(), u);
      }
      for (OrgUnit u : reachable) {
        if (u.level() == OrgLevel.COMMUNITY) {
          byName.computeIfAbsent(u.name(), k -> new ArrayList<>()).add(u);
        }
      }
    }

    WorkerCsvImport.CommunityMatch match(String text) {
      String[] parts = text.split("[/／]");
      String communityName = parts[parts.length - 1].strip();
      List<OrgUnit> candidates = byName.getOrDefault(communityName, List.of());
      if (parts.length > 1) {
        String streetName = parts[parts.length - 2].strip();
        candidates = candidates.stream().filter(c -> {
          OrgUnit street = byId.get(c.parentId());
          return street != null && street.name().equals(streetName);
        }).toList();
      }
      if (candidates.isEmpty()) {
        return WorkerCsvImport.CommunityMatch.problem("社区“" + text + "”不存在或不在您的管辖范围内");
      }
      if (candidates.size() > 1) {
        return WorkerCsvImport.CommunityMatch.problem("社区“" + text + "”有重名，请写成“街道/社区”的形式");
      }
      return WorkerCsvImport.CommunityMatch.found(candidates.get(0));
    }
  }
}
