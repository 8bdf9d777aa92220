package org.qinglan.competition;

import io.vertx.core.MultiMap;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.time.Instant;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * The set-up form of a competition: what it shows (typed values, or a stored set-up) and what it
 * sends, turned into the JSON API's request body so that both are read and checked by one reader
 * ({@link CompetitionJson#setup}).
 */
public final class CompetitionForm {
  private static final DateTimeFormatter LOCAL = DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm");

  private CompetitionForm() {
  }

  /** A form's values by field name (several for checkboxes and multiple selects). */
  public record Values(Map<String, List<String>> values) {
    public Values {
      Map<String, List<String>> copy = new LinkedHashMap<>();
      values.forEach((k, v) -> copy.put(k, List.copyOf(v)));
      values = Map.copyOf(copy);
    }

    /** The field's (first) value, or "". */
    public String one(String name) {
      List<String> v = values.get(name);
      return v == null || v.isEmpty() ? "" : v.get(0);
    }

    /** Whether the field has this value (a ticked checkbox, a selected option). */
    public boolean has(String name, String value) {
      List<String> v = values.get(name);
      return v != null && v.contains(value);
    }

    public static Values of(MultiMap form) {
      Map<String, List<String>> out = new LinkedHashMap<>();
      for (String name : form.names()) {
        out.put(name, form.getAll(name));
      }
      return new Values(out);
    }

    /** A stored set-up as the form shows it. */
    public static Values of(CompetitionSetup s, int version, ZoneId zone) {
      Map<String, List<String>> v = new LinkedHashMap<>();
      v.put("title", List.of(s.title()));
      v.put("year", List.of(String.valueOf(s.year())));
      v.put("orgUnitId", List.of(s.orgUnitId() == null ? "" : s.orgUnitId().toString()));
      v.put("entryMode", List.of(s.entryMode().name()));
      v.put("teamBasis", List.of(s.teamBasis().name()));
      if (s.teamScoring() != null) {
        v.put("teamScoringMode", List.of(s.teamScoring().mode().name()));
        v.put("teamScoringK", List.of(String.valueOf(s.teamScoring().k())));
      }
      if (s.awardBands() != null) {
        v.put("awardBasis", List.of(s.awardBands().basis().name()));
        for (AwardBands.Band b : s.awardBands().bands()) {
          if (b.limit() == null) {
            v.put("rest-" + b.award().name(), List.of("on"));
          } else {
            v.put("limit-" + b.award().name(), List.of(String.valueOf(b.limit())));
          }
        }
      }
      v.put("registrationOpens", List.of(local(s.registrationOpens(), zone)));
      v.put("registrationCloses", List.of(local(s.registrationCloses(), zone)));
      v.put("postCategories", List.copyOf(s.audience().postCategories()));
      v.put("gradeMin", List.of(s.audience().gradeMin() == null ? "" : String.valueOf(s.audience().gradeMin())));
      v.put("gradeMax", List.of(s.audience().gradeMax() == null ? "" : String.valueOf(s.audience().gradeMax())));
      v.put("qualifications", s.audience().qualifications().stream().map(Enum::name).toList());
      v.put("audienceUnits", s.audience().orgUnitIds().stream().map(UUID::toString).toList());
      v.put("version", List.of(String.valueOf(version)));
      return new Values(v);
    }
  }

  /** A new competition's form: run by the organiser's unit this year, individual entry, the usual award bands. */
  public static Values defaults(UUID unit, int year) {
    Map<String, List<String>> v = new LinkedHashMap<>();
    v.put("year", List.of(String.valueOf(year)));
    v.put("orgUnitId", List.of(unit == null ? "" : unit.toString()));
    v.put("entryMode", List.of(EntryMode.SELF.name()));
    v.put("teamBasis", List.of(TeamBasis.NONE.name()));
    v.put("teamScoringMode", List.of(TeamScoring.Mode.SUM_OF_BEST_K.name()));
    v.put("teamScoringK", List.of("3"));
    v.put("awardBasis", List.of(AwardBands.Basis.BY_SHARE.name()));
    v.put("limit-FIRST", List.of("10"));
    v.put("limit-SECOND", List.of("20"));
    v.put("limit-THIRD", List.of("30"));
    return new Values(v);
  }

  /**
   * The form as the JSON API's body. Numbers that are not numbers are passed on as text, so that
   * the reader names the field; {@code quotas} are the stored ones (the form does not edit them).
   */
  public static JsonObject json(MultiMap form, List<CompetitionSetup.Quota> quotas) {
    JsonObject o = new JsonObject();
    o.put("title", blankToNull(form.get("title")));
    o.put("year", number(form.get("year")));
    o.put("orgUnitId", blankToNull(form.get("orgUnitId")));
    o.put("entryMode", blankToNull(form.get("entryMode")));
    o.put("teamBasis", blankToNull(form.get("teamBasis")));
    o.put("registrationOpens", blankToNull(form.get("registrationOpens")));
    o.put("registrationCloses", blankToNull(form.get("registrationCloses")));
    if (blankToNull(form.get("teamScoringMode")) != null && !"NONE".equals(form.get("teamBasis"))) {
      o.put("teamScoring", new JsonObject().put("mode", form.get("teamScoringMode"))
          .put("k", number(form.get("teamScoringK"))));
    }
    JsonArray bands = new JsonArray();
    for (Award award : Award.values()) {
      if (form.get("rest-" + award.name()) != null) {
        bands.add(new JsonObject().put("award", award.name()).putNull("limit"));
      } else if (blankToNull(form.get("limit-" + award.name())) != null) {
        bands.add(new JsonObject().put("award", award.name()).put("limit", number(form.get("limit-" + award.name()))));
      }
    }
    o.put("awardBands", new JsonObject().put("basis", blankToNull(form.get("awardBasis"))).put("bands", bands));
    JsonObject audience = new JsonObject()
        .put("postCategories", new JsonArray(new ArrayList<>(form.getAll("postCategories"))))
        .put("gradeMin", number(form.get("gradeMin"))).put("gradeMax", number(form.get("gradeMax")))
        .put("qualifications", new JsonArray(new ArrayList<>(form.getAll("qualifications"))))
        .put("orgUnitIds", new JsonArray(form.getAll("audienceUnits").stream().filter(s -> !s.isBlank()).toList()));
    o.put("audience", audience);
    JsonArray q = new JsonArray();
    quotas.forEach(x -> q.add(new JsonObject().put("orgUnitId", x.orgUnitId().toString()).put("places", x.places())));
    o.put("quotas", q);
    return o;
  }

  /** A moment as a datetime-local field shows it in the deployment's zone; "" for none. */
  public static String local(Instant t, ZoneId zone) {
    return t == null ? "" : LOCAL.format(t.atZone(zone));
  }

  public static String blankToNull(String s) {
    return s == null || s.isBlank() ? null : s.strip();
  }

  public static Integer integer(String s) {
    try {
      return s == null || s.isBlank() ? null : Integer.valueOf(s.strip());
    } catch (NumberFormatException e) {
      return null;
    }
  }

  /** A number field: its integer, nothing when blank, or the text itself (the reader then says it is no integer). */
  private static Object number(String s) {
    if (s == null || s.isBlank()) {
      return null;
    }
    Integer n = integer(s);
    return n != null ? n : s.strip();
  }
}
