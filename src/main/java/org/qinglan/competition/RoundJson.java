package org.qinglan.competition;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;

/**
 * A round in the JSON API: a declaration read into a {@link RoundPlan} (every value that cannot be
 * read named by its field), and a stored round written out.
 */
public final class RoundJson {
  private RoundJson() {
  }

  /** A declaration as read: the plan, or the fields that could not be read (field → message). */
  public record Parsed(RoundPlan plan, Map<String, String> problems) {
    public boolean ok() {
      return problems.isEmpty();
    }
  }

  public static Parsed parse(JsonObject body) {
    Map<String, String> problems = new LinkedHashMap<>();
    String title = text(body, "title", problems);
    RoundKind kind = choice(body, "kind", RoundKind.class, problems);
    Advancement advancement = advancement(body, problems);
    RoundScoring scoring = choice(body, "scoring", RoundScoring.class, problems);
    TieBreak tieBreak = choice(body, "tieBreak", TieBreak.class, problems);
    RoundTiming timing = choice(body, "timing", RoundTiming.class, problems);
    Instant opensAt = instant(body, "opensAt", problems);
    Instant closesAt = instant(body, "closesAt", problems);
    Integer minutes = integer(body, "minutes", problems);
    Integer questionSeconds = integer(body, "questionSeconds", problems);
    QuestionSource source = source(body, problems);
    return new Parsed(new RoundPlan(title, kind, advancement, scoring, tieBreak, timing, opensAt, closesAt, minutes,
        questionSeconds, source), problems);
  }

  private static String text(JsonObject body, String field, Map<String, String> problems) {
    Object v = body.getValue(field);
    if (v == null || v instanceof String) {
      return (String) v;
    }
    problems.put(field, "应为文字");
    return null;
  }

  private static <E extends Enum<E>> E choice(JsonObject body, String field, Class<E> type,
                                              Map<String, String> problems) {
    Object v = body.getValue(field);
    if (v == null) {
      return null;
    }
    List<String> names = new ArrayList<>();
    for (E e : type.getEnumConstants()) {
      names.add(e.name());
      if (v instanceof String s && e.name().equals(s.strip().toUpperCase(Locale.ROOT))) {
        return e;
      }
    }
    problems.put(field, "应为 " + String.join("、", names) + " 之一");
    return null;
  }

  private static Integer integer(JsonObject body, String field, Map<String, String> problems) {
    Object v = body.getValue(field);
    if (v == null) {
      return null;
    }
    if ((v instanceof Integer || v instanceof Long) && Math.abs(((Number) v).longValue()) < 1_000_000_000L) {
      return ((Number) v).intValue();
    }
    problems.put(field, "应为整数");
    return null;
  }

  private static Instant instant(JsonObject body, String field, Map<String, String> problems) {
    Object v = body.getValue(field);
    if (v == null) {
      return null;
    }
    if (v instanceof String s) {
      try {
        return OffsetDateTime.parse(s.strip()).toInstant();
      } catch (DateTimeParseException e) {
        // reported below
      }
    }
    problems.put(field, "时间应写成带时区的 ISO 8601 格式，如 2026-11-23T09:00:00+08:00");
    return null;
  }

  private static Advancement advancement(JsonObject body, Map<String, String> problems) {
    Object v = body.getValue("advancement");
    if (v == null) {
      return null;
    }
    if (!(v instanceof JsonObject o)) {
      problems.put("advancement", "应为 {\"kind\":\"TOP_N\"|\"TOP_SHARE\"|\"QUOTA_PER_TEAM\",\"value\":n}，最后一轮不设");
      return null;
    }
    Map<String, String> inner = new LinkedHashMap<>();
    Advancement.Kind kind = choice(o, "kind", Advancement.Kind.class, inner);
    Integer value = integer(o, "value", inner);
    if (kind == null && !inner.containsKey("kind")) {
      inner.put("kind", "请选择晋级方式：TOP_N、TOP_SHARE 或 QUOTA_PER_TEAM");
    }
    if (value == null && !inner.containsKey("value")) {
      inner.put("value", "请填写晋级人数、比例或每队名额");
    }
    inner.forEach((k, m) -> problems.put("advancement." + k, m));
    if (!inner.isEmpty()) {
      return null;
    }
    try {
      return new Advancement(kind, value);
    } catch (IllegalArgumentException e) {
      problems.put("advancement.value", e.getMessage());
      return null;
    }
  }

  private static QuestionSource source(JsonObject body, Map<String, String> problems) {
    Object v = body.getValue("questionSource");
    if (v == null) {
      return null;
    }
    String shape = "应为 {\"blueprint\":\"试卷蓝图编号\",\"count\":题数} 或 {\"questionIds\":[题目编号…]}";
    if (!(v instanceof JsonObject o)) {
      problems.put("questionSource", shape);
      return null;
    }
    boolean drawn = o.containsKey("blueprint");
    boolean picked = o.containsKey("questionIds");
    if (drawn == picked) {
      problems.put("questionSource", shape);
      return null;
    }
    if (drawn) {
      Map<String, String> inner = new LinkedHashMap<>();
      String blueprint = text(o, "blueprint", inner);
      Integer count = integer(o, "count", inner);
      if (count == null && !inner.containsKey("count")) {
        inner.put("count", "请填写抽题数量");
      }
      inner.forEach((k, m) -> problems.put("questionSource." + k, m));
      return inner.isEmpty() && blueprint != null ? QuestionSource.drawn(blueprint.strip(), count) : null;
    }
    if (!(o.getValue("questionIds") instanceof JsonArray ids)) {
      problems.put("questionSource.questionIds", "应为题目编号的列表");
      return null;
    }
    List<UUID> out = new ArrayList<>();
    for (Object id : ids) {
      try {
        out.add(UUID.fromString(String.valueOf(id)));
      } catch (IllegalArgumentException e) {
        problems.put("questionSource.questionIds", "“" + id + "”不是题目编号");
        return null;
      }
    }
    return QuestionSource.picked(out);
  }

  // ---- out ----

  /** A plan as the audit trail keeps it. */
  static JsonObject planJson(RoundPlan p) {
    return new JsonObject().put("title", p.title()).put("kind", p.kind().name())
        .put("advancement", RoundStore.advancementJson(p.advancement()))
        .put("scoring", p.scoring() == null ? null : p.scoring().name())
        .put("tieBreak", p.tieBreak() == null ? null : p.tieBreak().name())
        .put("timing", p.timing() == null ? null : p.timing().name())
        .put("opensAt", p.opensAt() == null ? null : p.opensAt().toString())
        .put("closesAt", p.effectiveClosesAt() == null ? null : p.effectiveClosesAt().toString())
        .put("minutes", p.minutes()).put("questionSeconds", p.questionSeconds())
        .put("questionSource", RoundStore.sourceJson(p.source()));
  }

  /** A round for the API (the question source only for those who manage it: it names the questions). */
  public static JsonObject of(Round r, boolean withSource) {
    JsonObject j = new JsonObject().put("id", r.id().toString()).put("competitionId", r.competitionId().toString())
        .put("position", r.position()).put("title", r.title()).put("kind", r.kind().name())
        .put("advancement", RoundStore.advancementJson(r.advancement()))
        .put("state", r.state().name());
    if (r.advancement() != null) {
      j.put("advancementRule", r.advancement().statement());
    }
    if (r.knowledge()) {
      j.put("scoring", r.scoring().name()).put("tieBreak", r.tieBreak().name()).put("timing", r.timing().name())
          .put("rule", r.ranking().statement())
          .put("opensAt", r.opensAt().toString()).put("closesAt", r.closesAt().toString())
          .put("minutes", r.minutes()).put("questionSeconds", r.questionSeconds());
      if (withSource) {
        j.put("questionSource", RoundStore.sourceJson(r.source()));
      }
    }
    if (r.openedAt() != null) {
      j.put("openedAt", r.openedAt().toString());
    }
    if (r.closedAt() != null) {
      j.put("closedAt", r.closedAt().toString());
    }
    return j;
  }
}
