package org.qinglan.course;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.HashSet;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import org.qinglan.exam.ResponseJson;
import org.qinglan.exam.practice.Response;
import org.qinglan.people.Qualification;

/**
 * The one JSON mapping of course types: parts as stored in JSON columns (audience, quiz, marked
 * answers), what the API sends, and the content digest that drives the sync.
 */
public final class CourseJson {
  private CourseJson() {
  }

  public static JsonObject audience(Audience a) {
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
      o.put("qualifications", new JsonArray(a.qualifications().stream().map(Enum::name).sorted().toList()));
    }
    if (a.secretaryOrDirector() != null) {
      o.put("secretaryOrDirector", a.secretaryOrDirector());
    }
    return o;
  }

  public static Audience audience(JsonObject o) {
    Set<String> posts = new HashSet<>();
    o.getJsonArray("postCategories", new JsonArray()).forEach(x -> posts.add((String) x));
    Set<Qualification> quals = EnumSet.noneOf(Qualification.class);
    o.getJsonArray("qualifications", new JsonArray()).forEach(x -> quals.add(Qualification.valueOf((String) x)));
    return new Audience(posts, o.getInteger("gradeMin"), o.getInteger("gradeMax"), quals,
        o.getBoolean("secretaryOrDirector"));
  }

  public static JsonObject quiz(QuizSpec q) {
    return q == null ? null : new JsonObject().put("categories", new JsonArray(q.categories()))
        .put("tags", new JsonArray(q.tags())).put("count", q.count()).put("passMark", q.passMark());
  }

  public static QuizSpec quiz(JsonObject o) {
    if (o == null) {
      return null;
    }
    List<String> categories = new ArrayList<>();
    o.getJsonArray("categories", new JsonArray()).forEach(x -> categories.add((String) x));
    List<String> tags = new ArrayList<>();
    o.getJsonArray("tags", new JsonArray()).forEach(x -> tags.add((String) x));
    return new QuizSpec(categories, tags, o.getInteger("count", 0), o.getInteger("passMark", 60));
  }

  /** Digest of the whole course, lessons included. */
  public static String hash(CourseDefinition c) {
    JsonArray modules = new JsonArray();
    for (CourseDefinition.Module m : c.modules()) {
      JsonArray lessons = new JsonArray();
      for (CourseDefinition.Lesson l : m.lessons()) {
        lessons.add(new JsonObject().put("id", l.id()).put("title", l.title()).put("kind", l.kind().name())
            .put("body", l.body()).put("case", l.caseId()).put("url", l.url()).put("minutes", l.minutes())
            .put("quiz", quiz(l.quiz())));
      }
      modules.add(new JsonObject().put("id", m.id()).put("title", m.title()).put("lessons", lessons));
    }
    JsonObject all = new JsonObject().put("id", c.id()).put("title", c.title()).put("tier", c.tier().name())
        .put("summary", c.summary()).put("audience", audience(c.audience()))
        .put("prerequisites", new JsonArray(c.prerequisites())).put("creditHours", c.creditHours())
        .put("passMark", c.passMark()).put("postEntry", c.postEntryCertificate())
        .put("final", quiz(c.finalAssessment())).put("modules", modules);
    try {
      return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256")
          .digest(all.encode().getBytes(StandardCharsets.UTF_8)));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }

  // ---- marked answers of an attempt (the quiz_attempt.answers column) ----

  /** Each answer as the exam's response JSON, with whether it was right. */
  public static JsonObject answers(Map<UUID, Attempt.Answer> answers) {
    JsonObject o = new JsonObject();
    answers.forEach((id, a) -> o.put(id.toString(), ResponseJson.toJson(a.response()).put("correct", a.correct())));
    return o;
  }

  /** The marked answers; empty for null (not submitted). */
  public static Map<UUID, Attempt.Answer> answers(JsonObject o) {
    Map<UUID, Attempt.Answer> out = new LinkedHashMap<>();
    if (o != null) {
      for (String id : o.fieldNames()) {
        JsonObject a = o.getJsonObject(id);
        out.put(UUID.fromString(id), new Attempt.Answer(ResponseJson.fromJson(a), a.getBoolean("correct", false)));
      }
    }
    return out;
  }

  // ---- the API ----

  /** A course of the catalogue as the API sends it, with the worker's eligibility, progress and assignment. */
  public static JsonObject offer(CourseService.Offer o) {
    CourseDefinition c = o.course();
    JsonObject j = new JsonObject().put("id", c.id()).put("title", c.title()).put("tier", c.tier().name())
        .put("summary", c.summary()).put("creditHours", c.creditHours()).put("eligible", o.eligible())
        .put("reasons", new JsonArray(o.reasons()));
    if (o.enrolment() != null) {
      j.put("progress", o.enrolment().percent()).put("completed", o.enrolment().completed());
    }
    if (o.assignment() != null) {
      j.put("assignment", new JsonObject().put("due", o.assignment().due().toString())
          .put("overdue", o.assignment().overdue()));
    }
    return j;
  }

  /** The catalogue: every course offered (a list that is not paged: a worker sees a few dozen at most). */
  public static JsonObject catalogue(List<CourseService.Offer> offers) {
    JsonArray items = new JsonArray();
    offers.forEach(o -> items.add(offer(o)));
    return new JsonObject().put("items", items).put("total", items.size());
  }

  public static JsonObject assigned(CourseService.Assigned x) {
    return new JsonObject().put("courseId", x.courseId()).put("title", x.title()).put("due", x.due().toString())
        .put("completed", x.completed()).put("overdue", x.overdue());
  }

  /** A worker's training: hours this year, the continuing-education cycle if certified, assigned courses. */
  public static JsonObject training(CourseService.TrainingSummary s, List<CourseService.Assigned> assigned) {
    JsonArray list = new JsonArray();
    assigned.forEach(x -> list.add(assigned(x)));
    JsonObject j = new JsonObject().put("hoursThisYear", s.hoursThisYear()).put("assigned", list);
    if (s.cycleStart() != null) {
      j.put("cycle", new JsonObject().put("start", s.cycleStart().toString()).put("end", s.cycleEnd().toString())
          .put("hours", s.cycleHours()).put("required", s.cycleRequired()));
    }
    return j;
  }

  public static JsonObject enrolment(EnrolmentStore.Enrolment e) {
    return new JsonObject().put("enrolmentId", e.id().toString());
  }

  public static JsonObject watched(EnrolmentStore.Watched w) {
    return new JsonObject().put("secondsWatched", w.total()).put("secondsCounted", w.counted());
  }
}
