package org.qinglan.competition;

import io.vertx.core.MultiMap;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.time.Instant;
import java.time.ZoneId;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The organiser's form that declares the next round (on a competition's overview page): what it
 * shows, and what it sends turned into the JSON API's request body, so that the form and
 * {@code POST /api/v1/competitions/{id}/rounds} are read by one reader ({@link RoundJson#parse})
 * and checked by one service call ({@link RoundService#declare}).
 *
 * <p>Times are datetime-local fields in the deployment's zone. A judged round or a final sends none
 * of the knowledge round's settings (the form shows them all; they apply to a knowledge round only).
 * Problems are keyed by the API's field names; {@link #bySlot} groups them by the form field they
 * are shown next to.
 */
public final class RoundForm {
  /** The form fields problems are shown next to. */
  static final List<String> SLOTS = List.of("title", "kind", "advancement", "scoring", "tieBreak", "timing", "opensAt",
      "closesAt", "minutes", "questionSeconds", "questionSource");

  private RoundForm() {
  }

  /** A new round's form: a knowledge round in a window of 30 minutes each, 30 questions drawn by the first blueprint. */
  public static CompetitionForm.Values defaults(String blueprint) {
    Map<String, List<String>> v = new LinkedHashMap<>();
    v.put("kind", List.of(RoundKind.KNOWLEDGE.name()));
    v.put("advancementKind", List.of(""));
    v.put("scoring", List.of(RoundScoring.CORRECT_THEN_TIME.name()));
    v.put("tieBreak", List.of(TieBreak.EARLIER_SUBMISSION.name()));
    v.put("timing", List.of(RoundTiming.WINDOW.name()));
    v.put("minutes", List.of("30"));
    v.put("sourceKind", List.of("BLUEPRINT"));
    v.put("blueprint", List.of(blueprint == null ? "" : blueprint));
    v.put("count", List.of("30"));
    return new CompetitionForm.Values(v);
  }

  /** What the form sent, read: the API's body and the problems only a form has (a date-time that is not one). */
  public record Read(JsonObject body, Map<String, String> problems) {
  }

  /** The form as the API's request body. */
  public static Read read(MultiMap form, ZoneId zone) {
    Map<String, String> problems = new LinkedHashMap<>();
    JsonObject o = new JsonObject();
    o.put("title", CompetitionForm.blankToNull(form.get("title")));
    String kind = CompetitionForm.blankToNull(form.get("kind"));
    o.put("kind", kind);
    String advancement = CompetitionForm.blankToNull(form.get("advancementKind"));
    if (advancement != null) {
      o.put("advancement", new JsonObject().put("kind", advancement).put("value", number(form.get("advancementValue"))));
    }
    if (RoundKind.KNOWLEDGE.name().equals(kind)) {
      o.put("scoring", CompetitionForm.blankToNull(form.get("scoring")));
      o.put("tieBreak", CompetitionForm.blankToNull(form.get("tieBreak")));
      String timing = CompetitionForm.blankToNull(form.get("timing"));
      o.put("timing", timing);
      o.put("opensAt", time(form.get("opensAt"), "opensAt", zone, problems));
      // A common start closes at its opening moment plus the minutes: a closing moment typed there is ignored.
      if (!RoundTiming.COMMON_START.name().equals(timing)) {
        o.put("closesAt", time(form.get("closesAt"), "closesAt", zone, problems));
      }
      o.put("minutes", number(form.get("minutes")));
      o.put("questionSeconds", number(form.get("questionSeconds")));
      if ("IDS".equals(form.get("sourceKind"))) {
        JsonArray ids = new JsonArray();
        String text = form.get("questionIds");
        if (text != null) {
          text.lines().map(String::strip).filter(s -> !s.isEmpty()).forEach(ids::add);
        }
        o.put("questionSource", new JsonObject().put("questionIds", ids));
      } else if ("BLUEPRINT".equals(form.get("sourceKind"))) {
        String blueprint = CompetitionForm.blankToNull(form.get("blueprint"));
        o.put("questionSource", new JsonObject().put("blueprint", blueprint == null ? "" : blueprint)
            .put("count", number(form.get("count"))));
      }
    }
    o.getMap().values().removeIf(java.util.Objects::isNull);
    return new Read(o, problems);
  }

  /** A datetime-local value as ISO 8601 with the zone's offset; null (and a problem) when it is not a date-time. */
  private static String time(String value, String field, ZoneId zone, Map<String, String> problems) {
    String v = CompetitionForm.blankToNull(value);
    if (v == null) {
      return null;
    }
    Instant t = CompetitionJson.parseTime(v, zone);
    if (t == null) {
      problems.put(field, "请填写正确的日期和时间");
      return null;
    }
    return t.atZone(zone).toOffsetDateTime().toString();
  }

  /** A number field: its integer, nothing when blank, or the text itself (the reader then says it is no integer). */
  private static Object number(String s) {
    if (s == null || s.isBlank()) {
      return null;
    }
    Integer n = CompetitionForm.integer(s);
    return n != null ? n : s.strip();
  }

  /**
   * The problems of a declaration, by API field ({@code "advancement.value"}), from a refusal's
   * details ({@code "advancement.value：…"}).
   */
  static Map<String, String> fromDetails(List<String> details) {
    Map<String, String> out = new LinkedHashMap<>();
    for (String d : details) {
      int at = d.indexOf('：');
      if (at > 0) {
        out.merge(d.substring(0, at), d.substring(at + 1), (a, b) -> a + "；" + b);
      } else {
        out.merge("", d, (a, b) -> a + "；" + b);
      }
    }
    return out;
  }

  /** Adds the problems of form fields that show none yet (a value that could not be read says it first). */
  static void addUnlessShown(Map<String, String> problems, Map<String, String> more) {
    java.util.Set<String> shown = bySlot(problems).keySet();
    more.forEach((field, message) -> {
      if (!shown.contains(slot(field))) {
        problems.putIfAbsent(field, message);
      }
    });
  }

  private static String slot(String field) {
    String head = field.contains(".") ? field.substring(0, field.indexOf('.')) : field;
    return SLOTS.contains(head) ? head : "";
  }

  /**
   * The problems grouped by the form field they are shown next to ({@code "advancement.value"} next
   * to the advancement's fields); a problem of no field of the form under {@code ""}.
   */
  static Map<String, String> bySlot(Map<String, String> problems) {
    Map<String, String> out = new LinkedHashMap<>();
    problems.forEach((field, message) -> out.merge(slot(field), message, (a, b) -> a + "；" + b));
    return out;
  }
}
