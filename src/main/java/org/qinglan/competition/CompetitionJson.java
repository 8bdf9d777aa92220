package org.qinglan.competition;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.UUID;
import org.qinglan.people.Qualification;

/**
 * A competition's set-up in JSON: read from an organiser's request (every problem named by its
 * field, nothing thrown), written to the database's jsonb columns and read back, and the API's
 * answers.
 */
public final class CompetitionJson {
  private CompetitionJson() {
  }

  /** What a request's body said: the set-up when it could be read at all, and what is wrong with it. */
  public record Parsed<T>(T value, List<String> problems) {
    public Parsed {
      problems = List.copyOf(problems);
    }
  }

  /**
   * The set-up in a create or edit request. A missing year is the current one, a missing running
   * unit the organiser's own; times without an offset are read in the deployment's zone.
   */
  public static Parsed<CompetitionSetup> setup(JsonObject body, ZoneId zone, UUID defaultUnit, int defaultYear) {
    Reader in = new Reader(body, "", zone);
    String title = in.text("title");
    Integer year = in.integer("year");
    UUID unit = in.uuid("orgUnitId");
    CompetitionAudience audience = audience(in.object("audience"), in.problems, zone);
    Instant opens = in.time("registrationOpens");
    Instant closes = in.time("registrationCloses");
    EntryMode mode = in.choice("entryMode", EntryMode.class);
    TeamBasis basis = in.choice("teamBasis", TeamBasis.class);
    TeamScoring teamScoring = teamScoring(in.object("teamScoring"), in.problems, zone);
    AwardBands bands = awardBands(in.object("awardBands"), in.problems, zone);
    List<CompetitionSetup.Quota> quotas = quotas(body.getValue("quotas"), in.problems, zone);
    CompetitionSetup setup = new CompetitionSetup(title, year == null ? defaultYear : year,
        unit == null && !body.containsKey("orgUnitId") ? defaultUnit : unit, audience, opens, closes, mode, basis,
        teamScoring, bands, quotas);
    List<String> problems = new ArrayList<>(in.problems);
    setup.problems().stream().filter(p -> problems.stream().noneMatch(q -> sameField(p, q))).forEach(problems::add);
    return new Parsed<>(setup, problems);
  }

  /** A registration window: {@code {"registrationOpens":…,"registrationCloses":…}}, either may be null. */
  public static Parsed<Instant[]> window(JsonObject body, ZoneId zone) {
    Reader in = new Reader(body, "", zone);
    Instant opens = in.time("registrationOpens");
    Instant closes = in.time("registrationCloses");
    List<String> problems = new ArrayList<>(in.problems);
    if (problems.isEmpty()) {
      problems.addAll(CompetitionSetup.windowProblems(opens, closes));
    }
    return new Parsed<>(new Instant[] {opens, closes}, problems);
  }

  /** Quotas: {@code {"quotas":[{"orgUnitId":…,"places":n}]}}. */
  public static Parsed<List<CompetitionSetup.Quota>> quotas(JsonObject body, ZoneId zone) {
    List<String> problems = new ArrayList<>();
    if (!(body.getValue("quotas") instanceof JsonArray)) {
      return new Parsed<>(List.of(), List.of("quotas：应为名额列表，如 [{\"orgUnitId\":\"…\",\"places\":3}]"));
    }
    List<CompetitionSetup.Quota> quotas = quotas(body.getValue("quotas"), problems, zone);
    if (problems.isEmpty()) {
      problems.addAll(CompetitionSetup.quotaProblems(quotas));
    }
    return new Parsed<>(quotas, problems);
  }

  /** A custom team as an organiser lists it. */
  public record CustomTeam(String name, List<UUID> members) {
    public CustomTeam {
      members = List.copyOf(members);
    }
  }

  /** Custom teams: {@code {"teams":[{"name":…,"members":[accountId…]}]}}. */
  public static Parsed<List<CustomTeam>> teams(JsonObject body, ZoneId zone) {
    List<String> problems = new ArrayList<>();
    List<CustomTeam> out = new ArrayList<>();
    if (!(body.getValue("teams") instanceof JsonArray teams)) {
      return new Parsed<>(List.of(), List.of("teams：应为队伍列表，如 [{\"name\":\"第一队\",\"members\":[…]}]"));
    }
    for (int i = 0; i < teams.size(); i++) {
      if (!(teams.getValue(i) instanceof JsonObject t)) {
        problems.add("teams[" + i + "]：应为 {\"name\":…,\"members\":[…]}");
        continue;
      }
      Reader in = new Reader(t, "teams[" + i + "].", zone);
      String name = in.text("name");
      List<UUID> members = in.uuids("members");
      if (name == null || name.isBlank()) {
        problems.add("teams[" + i + "].name：请填写队名");
      } else if (name.strip().length() > 40) {
        problems.add("teams[" + i + "].name：队名不超过 40 个字");
      }
      problems.addAll(in.problems);
      out.add(new CustomTeam(name == null ? "" : name.strip(), members));
    }
    return new Parsed<>(out, problems);
  }

  // ---- the API's answers ----

  /** A competition's set-up and stage. */
  public static JsonObject competition(CompetitionStore.Competition c, org.qinglan.people.OrgUnit unit) {
    return new JsonObject().put("id", c.id().toString()).put("title", c.title()).put("year", c.year())
        .put("orgUnit", new JsonObject().put("id", c.orgUnitId().toString()).put("name", unit == null ? null : unit.name()))
        .put("stage", c.stage().name()).put("stageLabel", c.stage().label())
        .put("nextStages", new JsonArray(c.stage().next().stream().map(Enum::name).toList()))
        .put("audience", json(c.audience())).put("registrationOpens", text(c.registrationOpens()))
        .put("registrationCloses", text(c.registrationCloses())).put("entryMode", c.entryMode().name())
        .put("teamBasis", c.teamBasis().name()).put("teamScoring", json(c.teamScoring()))
        .put("awardBands", json(c.awardBands())).put("version", c.version()).put("createdAt", text(c.createdAt()))
        .put("updatedAt", text(c.updatedAt()));
  }

  /** A competition with its quotas, teams, rounds (as declared), counts, and the viewer's place in it. */
  public static JsonObject overview(CompetitionService.Overview o) {
    JsonArray quotas = new JsonArray();
    o.quotas().forEach(q -> quotas.add(new JsonObject().put("orgUnitId", q.unitId().toString()).put("name", q.unitName())
        .put("places", q.places()).put("taken", q.taken()).put("mine", q.mine())));
    JsonArray teams = new JsonArray();
    o.teams().forEach(t -> teams.add(new JsonObject().put("key", t.key()).put("name", t.name()).put("members", t.members())));
    JsonArray rounds = new JsonArray();
    o.rounds().forEach(r -> rounds.add(round(r)));
    JsonObject me = new JsonObject().put("manage", o.can().manage()).put("watch", o.can().watch())
        .put("nominate", o.can().nominate()).put("enter", o.can().enter())
        .put("registration", o.mine() == null ? null : registration(o.mine()));
    if (o.myResult() != null) {
      me.put("result", new JsonObject().put("rank", o.myResult().rank()).put("tied", o.myResult().tied())
          .put("points", o.myResult().points()).put("correct", o.myResult().correct())
          .put("totalMs", o.myResult().totalMs()).put("advances", o.myResult().advances()));
    }
    if (o.myAward() != null) {
      me.put("award", new JsonObject().put("award", o.myAward().award().name()).put("label", o.myAward().award().label())
          .put("rank", o.myAward().rank()).put("code", o.myAward().code()));
    }
    CompetitionService.Rules r = o.rules();
    return competition(o.c(), o.unit()).put("quotas", quotas).put("teams", teams).put("rounds", rounds)
        .put("counts", new JsonObject().put("registered", o.counts().registered()).put("self", o.counts().self())
            .put("nominated", o.counts().nominated()).put("withdrawn", o.counts().withdrawn()))
        .put("registrationOpen", o.registrationOpen())
        .put("rules", rules(r)).put("me", me);
  }

  public static JsonObject rules(CompetitionService.Rules r) {
    return new JsonObject().put("audience", r.audience()).put("entry", r.entry()).put("scoring", r.scoring())
        .put("tieBreak", r.tieBreak()).put("teams", r.teams()).put("awards", r.awards()).put("advancement", r.advancement());
  }

  public static JsonObject round(CompetitionStore.Round r) {
    return new JsonObject().put("id", r.id().toString()).put("position", r.position()).put("title", r.title())
        .put("kind", r.kind()).put("state", r.state())
        .put("scoring", r.scoring() == null ? null : r.scoring().name())
        .put("tieBreak", r.tieBreak() == null ? null : r.tieBreak().name()).put("timing", r.timing())
        .put("opensAt", text(r.opensAt())).put("closesAt", text(r.closesAt())).put("minutes", r.minutes())
        .put("questionSeconds", r.questionSeconds()).put("advancement", r.advancement())
        .put("questions", r.questions()).put("openedAt", text(r.openedAt())).put("closedAt", text(r.closedAt()));
  }

  public static JsonObject registration(CompetitionStore.Registration r) {
    return new JsonObject().put("competitionId", r.competitionId().toString()).put("accountId", r.accountId().toString())
        .put("orgUnitId", r.orgUnitId().toString()).put("via", r.via().name())
        .put("nominatedBy", r.nominatedBy() == null ? null : r.nominatedBy().toString())
        .put("quotaUnitId", r.quotaUnitId() == null ? null : r.quotaUnitId().toString()).put("teamKey", r.teamKey())
        .put("registeredAt", text(r.registeredAt())).put("withdrawnAt", text(r.withdrawnAt()))
        .put("active", r.active());
  }

  public static JsonObject registrationView(CompetitionService.RegistrationView r) {
    return new JsonObject().put("accountId", r.accountId().toString()).put("name", r.name()).put("unit", r.unitName())
        .put("team", r.teamName()).put("via", r.via().name()).put("nominatedBy", r.nominatedByName())
        .put("quotaUnit", r.quotaUnitName()).put("registeredAt", text(r.registeredAt()));
  }

  /** The results: the round, the individuals of one page (paged), the teams and the rules. */
  public static JsonObject results(CompetitionService.ResultsView v) {
    JsonArray items = new JsonArray();
    v.individuals().items().forEach(i -> items.add(new JsonObject().put("rank", i.rank()).put("tied", i.tied())
        .put("accountId", i.accountId().toString()).put("name", i.name()).put("unit", i.unitName())
        .put("team", i.teamName()).put("points", i.points()).put("correct", i.correct()).put("totalMs", i.totalMs())
        .put("award", i.award() == null ? null : i.award().name())
        .put("awardLabel", i.award() == null ? null : i.award().label()).put("advances", i.advances())));
    JsonArray teams = new JsonArray();
    v.teams().forEach(t -> teams.add(new JsonObject().put("rank", t.rank()).put("tied", t.tied()).put("key", t.key())
        .put("name", t.name()).put("points", t.points()).put("timeMs", t.timeMs()).put("counted", t.counted())
        .put("absent", t.absent()).put("members", t.members())));
    JsonArray closed = new JsonArray();
    v.closedRounds().forEach(r -> closed.add(new JsonObject().put("id", r.id().toString()).put("title", r.title())
        .put("position", r.position())));
    return new JsonObject().put("competitionId", v.c().id().toString()).put("title", v.c().title())
        .put("stage", v.c().stage().name()).put("published", v.published())
        .put("round", v.round() == null ? null : round(v.round())).put("awardRound", v.awardRound())
        .put("closedRounds", closed)
        .put("individuals", new JsonObject().put("page", v.individuals().page()).put("size", v.individuals().size())
            .put("total", v.individuals().total()).put("items", items))
        .put("teams", teams).put("rules", rules(v.rules()));
  }

  private static String text(Instant t) {
    return t == null ? null : t.toString();
  }

  // ---- the jsonb columns ----

  public static JsonObject json(CompetitionAudience a) {
    JsonObject o = new JsonObject();
    if (!a.postCategories().isEmpty()) {
      o.put("postCategories", new JsonArray(a.postCategories().stream().sorted().toList()));
    }
    if (a.gradeMin() != null) {
      o.put("gradeMin", a.gradeMin());
    }
    if (a.gradeMax() != null) {
      o.put("gradeMax", a.gradeMax());
    }
    if (!a.qualifications().isEmpty()) {
      o.put("qualifications", new JsonArray(a.qualifications().stream().sorted().map(Enum::name).toList()));
    }
    if (!a.orgUnitIds().isEmpty()) {
      o.put("orgUnitIds", new JsonArray(a.orgUnitIds().stream().map(UUID::toString).sorted().toList()));
    }
    return o;
  }

  public static JsonObject json(TeamScoring t) {
    return t == null ? null : new JsonObject().put("mode", t.mode().name()).put("k", t.k());
  }

  public static JsonObject json(AwardBands b) {
    if (b == null) {
      return null;
    }
    JsonArray bands = new JsonArray();
    b.bands().forEach(x -> bands.add(new JsonObject().put("award", x.award().name()).put("limit", x.limit())));
    return new JsonObject().put("basis", b.basis().name()).put("bands", bands);
  }

  /** A stored audience (written by {@link #json(CompetitionAudience)}). */
  public static CompetitionAudience storedAudience(JsonObject o) {
    return o == null ? CompetitionAudience.anyone() : audience(o, new ArrayList<>(), ZoneId.of("UTC"));
  }

  public static TeamScoring storedTeamScoring(JsonObject o) {
    return o == null ? null : teamScoring(o, new ArrayList<>(), ZoneId.of("UTC"));
  }

  public static AwardBands storedAwardBands(JsonObject o) {
    return o == null ? null : awardBands(o, new ArrayList<>(), ZoneId.of("UTC"));
  }

  // ---- parts ----

  private static CompetitionAudience audience(JsonObject o, List<String> problems, ZoneId zone) {
    if (o == null) {
      return CompetitionAudience.anyone();
    }
    Reader in = new Reader(o, "audience.", zone);
    Set<String> posts = new LinkedHashSet<>(in.texts("postCategories"));
    Integer min = in.integer("gradeMin");
    Integer max = in.integer("gradeMax");
    Set<Qualification> qualifications = new LinkedHashSet<>();
    for (String q : in.texts("qualifications")) {
      Qualification parsed = Qualification.parse(q);
      if (parsed == null || q.isBlank()) {
        in.problems.add("audience.qualifications：没有职业资格“" + q + "”");
      } else {
        qualifications.add(parsed);
      }
    }
    List<UUID> units = in.uuids("orgUnitIds");
    problems.addAll(in.problems);
    return new CompetitionAudience(posts, min, max, qualifications, new LinkedHashSet<>(units));
  }

  private static TeamScoring teamScoring(JsonObject o, List<String> problems, ZoneId zone) {
    if (o == null) {
      return null;
    }
    Reader in = new Reader(o, "teamScoring.", zone);
    TeamScoring.Mode mode = in.choice("mode", TeamScoring.Mode.class);
    Integer k = in.integer("k");
    problems.addAll(in.problems);
    if (mode == null || k == null) {
      if (in.problems.isEmpty()) {
        problems.add("teamScoring：须给出 mode（SUM_OF_BEST_K 或 MEAN_OF_BEST_K）和 k");
      }
      return null;
    }
    if (k < 1 || k > 1000) {
      problems.add("teamScoring.k：团体成绩计入的人数须在 1 到 1000 之间");
      return null;
    }
    return new TeamScoring(mode, k);
  }

  private static AwardBands awardBands(JsonObject o, List<String> problems, ZoneId zone) {
    if (o == null) {
      return null;
    }
    Reader in = new Reader(o, "awardBands.", zone);
    AwardBands.Basis basis = in.choice("basis", AwardBands.Basis.class);
    List<AwardBands.Band> bands = new ArrayList<>();
    if (!(o.getValue("bands") instanceof JsonArray array)) {
      in.problems.add("awardBands.bands：应为奖项列表，如 [{\"award\":\"FIRST\",\"limit\":3}]");
    } else {
      for (int i = 0; i < array.size(); i++) {
        if (!(array.getValue(i) instanceof JsonObject b)) {
          in.problems.add("awardBands.bands[" + i + "]：应为 {\"award\":…,\"limit\":…}");
          continue;
        }
        Reader band = new Reader(b, "awardBands.bands[" + i + "].", zone);
        Award award = band.choice("award", Award.class);
        Integer limit = band.integer("limit");
        if (award == null && band.problems.isEmpty()) {
          band.problems.add("awardBands.bands[" + i + "].award：请选择奖项（FIRST、SECOND、THIRD、EXCELLENCE）");
        }
        in.problems.addAll(band.problems);
        if (award != null) {
          bands.add(new AwardBands.Band(award, limit));
        }
      }
    }
    if (basis == null && in.problems.isEmpty()) {
      in.problems.add("awardBands.basis：请选择 BY_RANK（按名次）或 BY_SHARE（按比例）");
    }
    problems.addAll(in.problems);
    return basis == null || !in.problems.isEmpty() ? null : new AwardBands(basis, bands);
  }

  private static List<CompetitionSetup.Quota> quotas(Object value, List<String> problems, ZoneId zone) {
    List<CompetitionSetup.Quota> out = new ArrayList<>();
    if (value == null) {
      return out;
    }
    if (!(value instanceof JsonArray array)) {
      problems.add("quotas：应为名额列表");
      return out;
    }
    for (int i = 0; i < array.size(); i++) {
      if (!(array.getValue(i) instanceof JsonObject q)) {
        problems.add("quotas[" + i + "]：应为 {\"orgUnitId\":…,\"places\":n}");
        continue;
      }
      Reader in = new Reader(q, "quotas[" + i + "].", zone);
      UUID unit = in.uuid("orgUnitId");
      Integer places = in.integer("places");
      if (unit == null && in.problems.isEmpty()) {
        in.problems.add("quotas[" + i + "].orgUnitId：请选择单位");
      }
      if (places == null && in.problems.isEmpty()) {
        in.problems.add("quotas[" + i + "].places：请填写名额");
      }
      problems.addAll(in.problems);
      if (unit != null && places != null) {
        out.add(new CompetitionSetup.Quota(unit, places));
      }
    }
    return out;
  }

  /** Whether two problems concern the same field, or one a part of the other's (the text before "："). */
  private static boolean sameField(String a, String b) {
    String fa = fieldOf(a);
    String fb = fieldOf(b);
    return !fa.isEmpty() && !fb.isEmpty() && (fa.equals(fb) || fa.startsWith(fb + ".") || fb.startsWith(fa + "."));
  }

  private static String fieldOf(String problem) {
    int i = problem.indexOf('：');
    return i < 0 ? "" : problem.substring(0, i).replaceAll("\\[\\d+]", "");
  }

  /** Reads typed fields of one object, collecting a problem per field that has the wrong type. */
  private static final class Reader {
    final JsonObject o;
    final String prefix;
    final ZoneId zone;
    final List<String> problems = new ArrayList<>();

    Reader(JsonObject o, String prefix, ZoneId zone) {
      this.o = o;
      this.prefix = prefix;
      this.zone = zone;
    }

    private String field(String name) {
      return prefix + name;
    }

    String text(String name) {
      Object v = o.getValue(name);
      if (v == null || v instanceof String) {
        return (String) v;
      }
      problems.add(field(name) + "：应为文字");
      return null;
    }

    Integer integer(String name) {
      Object v = o.getValue(name);
      if (v == null) {
        return null;
      }
      if (v instanceof Number n && n.doubleValue() == Math.rint(n.doubleValue()) && Math.abs(n.doubleValue()) < 1e9) {
        return n.intValue();
      }
      problems.add(field(name) + "：应为整数");
      return null;
    }

    UUID uuid(String name) {
      Object v = o.getValue(name);
      if (v == null) {
        return null;
      }
      UUID id = v instanceof String s ? parseUuid(s) : null;
      if (id == null) {
        problems.add(field(name) + "：不是有效的编号");
      }
      return id;
    }

    JsonObject object(String name) {
      Object v = o.getValue(name);
      if (v == null || v instanceof JsonObject) {
        return (JsonObject) v;
      }
      problems.add(field(name) + "：应为 JSON 对象");
      return null;
    }

    List<String> texts(String name) {
      Object v = o.getValue(name);
      List<String> out = new ArrayList<>();
      if (v == null) {
        return out;
      }
      if (!(v instanceof JsonArray a)) {
        problems.add(field(name) + "：应为列表");
        return out;
      }
      for (Object x : a) {
        if (x instanceof String s) {
          out.add(s);
        } else {
          problems.add(field(name) + "：列表中应为文字");
          break;
        }
      }
      return out;
    }

    List<UUID> uuids(String name) {
      List<UUID> out = new ArrayList<>();
      for (String s : texts(name)) {
        UUID id = parseUuid(s);
        if (id == null) {
          problems.add(field(name) + "：“" + s + "”不是有效的编号");
        } else {
          out.add(id);
        }
      }
      return out;
    }

    <E extends Enum<E>> E choice(String name, Class<E> type) {
      String v = text(name);
      if (v == null || v.isBlank()) {
        return null;
      }
      try {
        return Enum.valueOf(type, v.strip().toUpperCase(Locale.ROOT));
      } catch (IllegalArgumentException e) {
        problems.add(field(name) + "：应为 " + String.join("、", java.util.Arrays.stream(type.getEnumConstants())
            .map(Enum::name).toList()) + " 之一");
        return null;
      }
    }

    Instant time(String name) {
      String v = text(name);
      if (v == null || v.isBlank()) {
        return null;
      }
      Instant t = parseTime(v, zone);
      if (t == null) {
        problems.add(field(name) + "：不是有效的时间（如 2026-12-01T09:00+08:00）");
      }
      return t;
    }
  }

  /** A moment: ISO-8601 with an offset, or a local date-time in {@code zone} (as a form's datetime-local sends it). */
  public static Instant parseTime(String v, ZoneId zone) {
    String s = v.strip();
    try {
      return OffsetDateTime.parse(s).toInstant();
    } catch (DateTimeParseException e) {
      try {
        return LocalDateTime.parse(s).atZone(zone).toInstant();
      } catch (DateTimeParseException e2) {
        return null;
      }
    }
  }

  public static UUID parseUuid(String s) {
    try {
      return s == null || s.length() != 36 ? null : UUID.fromString(s);
    } catch (IllegalArgumentException e) {
      return null;
    }
  }
}
