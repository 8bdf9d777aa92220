package org.qinglan.people;

import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.sqlclient.Pool;
import io.vertx.sqlclient.SqlConnection;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.UUID;

/**
 * The sample world of demo mode: one city with two districts, four streets and eight
 * communities, the role accounts and a few dozen workers. Only ever fills an empty database.
 * The accounts' units let every journey of the README work: {@code trainer} belongs to 东湖区,
 * so {@code organiser} (东湖区) reviews the trainer's cases and the trainer's courses and
 * questions reach the organiser's workers; {@code citytrainer} writes for the whole city.
 */
public final class DemoData {
  /** The role accounts the banner lists, in order. */
  public static final List<String> ACCOUNTS = List.of("admin", "organiser", "organiser2", "trainer", "citytrainer",
      "judge", "mentor", "worker");

  private static final String PROVINCE = "江东省";
  private static final String CITY = "云溪市";
  /** district → street → communities. */
  private static final Map<String, Map<String, List<String>>> TREE = new LinkedHashMap<>();

  static {
    Map<String, List<String>> donghu = new LinkedHashMap<>();
    donghu.put("望江街道", List.of("江畔社区", "书院社区"));
    donghu.put("柳营街道", List.of("柳营新村社区", "锦绣社区"));
    Map<String, List<String>> xiling = new LinkedHashMap<>();
    xiling.put("桂园街道", List.of("桂园社区", "和平里社区"));
    xiling.put("石桥镇", List.of("石桥社区", "新河湾社区"));
    TREE.put("东湖区", donghu);
    TREE.put("西岭区", xiling);
  }

  private static final String SURNAMES = "王李张刘陈杨黄赵吴周徐孙马朱胡郭何林罗高郑梁谢宋唐许韩冯邓曹彭曾肖田董潘袁";
  private static final String[] GIVEN = {"晓梅", "建国", "丽娟", "志强", "雅婷", "海燕", "文博", "秀英", "子涵", "春生",
      "玉兰", "国华", "思远", "慧敏", "永红", "佳怡", "明辉", "桂芳", "宇航", "淑珍", "俊杰", "晓燕", "德明", "欣然",
      "红梅", "立新", "婉清", "振华", "静怡", "伟东"};
  private static final String[] EDUCATION = {"大专", "本科", "本科", "硕士研究生", "高中", "本科"};

  private final Vertx vertx;
  private final Pool pool;
  private final OrgUnitStore units;
  private final AccountStore accounts;
  private final WorkerStore workers;
  private final PasswordHasher hasher;

  public DemoData(Vertx vertx, Pool pool, OrgUnitStore units, AccountStore accounts, WorkerStore workers,
                  PasswordHasher hasher) {
    this.vertx = vertx;
    this.pool = pool;
    this.units = units;
    this.accounts = accounts;
    this.workers = workers;
    this.hasher = hasher;
  }

  /** Fills the database if it has no accounts yet; true when it did. */
  public Future<Boolean> seedIfEmpty(String password) {
    int workerCount = 32;
    int total = ACCOUNTS.size() + workerCount;
    return vertx.executeBlocking(() -> {
      List<String> hashes = new ArrayList<>();
      for (int i = 0; i < total; i++) {
        hashes.add(hasher.hash(password));
      }
      return hashes;
    }, false).compose(hashes -> pool.withTransaction(tx ->
        // One node seeds; others starting at the same moment wait here and then find accounts.
        tx.query("SELECT pg_advisory_xact_lock(727001)").execute()
            .compose(v -> accounts.count(tx))
            .compose(count -> count > 0 ? Future.succeededFuture(false)
                : seed(tx, hashes, workerCount).map(true))));
  }

  private Future<Void> seed(SqlConnection tx, List<String> hashes, int workerCount) {
    Map<String, OrgUnit> byName = new LinkedHashMap<>();
    List<OrgUnit> communities = new ArrayList<>();
    Future<Void> chain = units.insert(tx, null, OrgLevel.PROVINCE, PROVINCE)
        .compose(p -> units.insert(tx, p, OrgLevel.CITY, CITY))
        .map(city -> {
          byName.put(CITY, city);
          return null;
        });
    for (Map.Entry<String, Map<String, List<String>>> d : TREE.entrySet()) {
      chain = chain.compose(v -> units.insert(tx, byName.get(CITY), OrgLevel.DISTRICT, d.getKey()))
          .map(district -> {
            byName.put(d.getKey(), district);
            return null;
          });
      for (Map.Entry<String, List<String>> s : d.getValue().entrySet()) {
        chain = chain.compose(v -> units.insert(tx, byName.get(d.getKey()), OrgLevel.STREET, s.getKey()))
            .map(street -> {
              byName.put(s.getKey(), street);
              return null;
            });
        for (String c : s.getValue()) {
          chain = chain.compose(v -> units.insert(tx, byName.get(s.getKey()), OrgLevel.COMMUNITY, c))
              .map(community -> {
                byName.put(c, community);
                communities.add(community);
                return null;
              });
        }
      }
    }
    Map<String, PostCategory> categories = new LinkedHashMap<>();
    chain = chain.compose(v -> workers.categories(tx)).map(cats -> {
      categories.putAll(cats);
      return null;
    });
    int[] next = {0};
    chain = chain
        .compose(v -> staff(tx, "admin", "系统管理员", hashes.get(next[0]++), null, EnumSet.of(Role.ADMIN)))
        .compose(v -> staff(tx, "organiser", "周敏", hashes.get(next[0]++), byName.get("东湖区"),
            EnumSet.of(Role.ORGANISER)))
        .compose(v -> staff(tx, "organiser2", "韩磊", hashes.get(next[0]++), byName.get("西岭区"),
            EnumSet.of(Role.ORGANISER)))
        .compose(v -> staff(tx, "trainer", "陈静", hashes.get(next[0]++), byName.get("东湖区"),
            EnumSet.of(Role.TRAINER)))
        .compose(v -> staff(tx, "citytrainer", "郑远航", hashes.get(next[0]++), byName.get(CITY),
            EnumSet.of(Role.TRAINER)))
        .compose(v -> staff(tx, "judge", "吴建华", hashes.get(next[0]++), byName.get(CITY), EnumSet.of(Role.JUDGE)))
        .compose(v -> worker(tx, "mentor", "13800000001", "孙桂兰", hashes.get(next[0]++),
            byName.get("江畔社区"), EnumSet.of(Role.WORKER, Role.MENTOR),
            new WorkerForm.Valid("mentor", "13800000001", "孙桂兰", categories.get("HEAD"), 14,
                LocalDate.of(2009, 3, 1), "本科", Qualification.INTERMEDIATE, "ZS2016-0318",
                LocalDate.of(2016, 12, 20), true, false)))
        .compose(v -> worker(tx, "worker", "13800000002", "林小雨", hashes.get(next[0]++), byName.get("江畔社区"),
            EnumSet.of(Role.WORKER),
            new WorkerForm.Valid("worker", "13800000002", "林小雨", categories.get("OTHER"), 2,
                LocalDate.of(2025, 7, 1), "本科", Qualification.NONE, null, null, false, true)));
    Random random = new Random(20261123L);
    for (int i = 0; i < workerCount; i++) {
      int n = i;
      chain = chain.compose(v -> {
        OrgUnit community = communities.get(n % communities.size());
        WorkerForm.Valid w = sampleWorker(n, random, categories);
        return worker(tx, w.username(), w.mobile(), w.displayName(), hashes.get(next[0]++), community,
            EnumSet.of(Role.WORKER), w);
      });
    }
    return chain;
  }

  private WorkerForm.Valid sampleWorker(int n, Random random, Map<String, PostCategory> categories) {
    String name = SURNAMES.charAt(n * 7 % SURNAMES.length()) + GIVEN[n % GIVEN.length];
    // Each community gets a head, a deputy and staff; the rest are other staff.
    PostCategory category = n < 8 ? categories.get("HEAD") : n < 16 ? categories.get("DEPUTY") : categories.get("OTHER");
    int grade = category.gradeMin() + random.nextInt(category.gradeMax() - category.gradeMin() + 1);
    Qualification q = switch (random.nextInt(6)) {
      case 0, 1 -> Qualification.ASSISTANT;
      case 2 -> Qualification.INTERMEDIATE;
      case 3 -> n % 11 == 0 ? Qualification.SENIOR : Qualification.NONE;
      default -> Qualification.NONE;
    };
    LocalDate hire = LocalDate.of(2008 + random.nextInt(17), 1 + random.nextInt(12), 1);
    LocalDate certDate = q == Qualification.NONE ? null : hire.plusYears(1 + random.nextInt(3)).withMonth(11).withDayOfMonth(15);
    String certNo = q == Qualification.NONE ? null : "ZS" + certDate.getYear() + "-" + String.format("%04d", 100 + n);
    String mobile = String.format("1700000%04d", n + 1);
    return new WorkerForm.Valid(String.format("w%03d", n + 1), mobile, name, category, grade, hire,
        EDUCATION[n % EDUCATION.length], q, certNo, certDate, n < 8, n % 5 == 4);
  }

  private Future<Void> staff(SqlConnection tx, String username, String displayName, String hash, OrgUnit unit,
                             Set<Role> roles) {
    return accounts.insert(tx, UUID.randomUUID(), username, null, displayName, hash, false,
        unit == null ? null : unit.id(), roles);
  }

  private Future<Void> worker(SqlConnection tx, String username, String mobile, String displayName, String hash,
                              OrgUnit community, Set<Role> roles, WorkerForm.Valid profile) {
    UUID id = UUID.randomUUID();
    return accounts.insert(tx, id, username, mobile, displayName, hash, false, community.id(), roles)
        .compose(v -> workers.insertProfile(tx, id, profile));
  }

}
