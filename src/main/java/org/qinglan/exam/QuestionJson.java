package org.qinglan.exam;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.YearMonth;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import org.qinglan.exam.bank.Answer;
import org.qinglan.exam.bank.FormattedText;
import org.qinglan.exam.bank.MatchPair;
import org.qinglan.exam.bank.Question;
import org.qinglan.exam.bank.QuestionType;
import org.qinglan.exam.bank.RubricPoint;
import org.qinglan.exam.bank.TextFormat;

/**
 * A question's content as the JSON stored in {@code question.body}, and back: the one JSON mapping
 * of a bank question, kept at the edge (stores) so that the bank's types stay free of Vert.x.
 */
public final class QuestionJson {
  private QuestionJson() {
  }

  public static JsonObject body(Question q) {
    JsonArray answers = new JsonArray();
    for (Answer a : q.answers()) {
      JsonObject o = new JsonObject().put("text", text(a.text())).put("fraction", a.fraction());
      if (!a.feedback().isEmpty()) {
        o.put("feedback", text(a.feedback()));
      }
      if (a.tolerance() != null) {
        o.put("tolerance", a.tolerance());
      }
      answers.add(o);
    }
    JsonArray pairs = new JsonArray();
    for (MatchPair p : q.pairs()) {
      pairs.add(new JsonObject().put("prompt", text(p.prompt())).put("answer", p.answer()));
    }
    JsonArray rubric = new JsonArray();
    for (RubricPoint r : q.rubric()) {
      rubric.add(new JsonObject().put("text", r.text()).put("marks", r.marks()));
    }
    JsonObject body = new JsonObject()
        .put("stem", text(q.stem()))
        .put("answers", answers)
        .put("pairs", pairs)
        .put("explanation", text(q.generalFeedback()))
        .put("rubric", rubric);
    // Only when given, so that the stored body (and its hash) of other questions stays as it was.
    if (q.asOf() != null) {
      body.put("asOf", q.asOf().toString());
    }
    return body;
  }

  public static Question question(String id, String name, List<String> category, QuestionType type, JsonObject body,
                                  List<String> tags) {
    List<Answer> answers = new ArrayList<>();
    for (Object o : body.getJsonArray("answers", new JsonArray())) {
      JsonObject a = (JsonObject) o;
      answers.add(new Answer(text(a.getJsonObject("text")), a.getDouble("fraction"), text(a.getJsonObject("feedback")),
          a.getDouble("tolerance")));
    }
    List<MatchPair> pairs = new ArrayList<>();
    for (Object o : body.getJsonArray("pairs", new JsonArray())) {
      JsonObject p = (JsonObject) o;
      pairs.add(new MatchPair(text(p.getJsonObject("prompt")), p.getString("answer")));
    }
    List<RubricPoint> rubric = new ArrayList<>();
    for (Object o : body.getJsonArray("rubric", new JsonArray())) {
      JsonObject r = (JsonObject) o;
      rubric.add(new RubricPoint(r.getString("text"), r.getDouble("marks")));
    }
    String asOf = body.getString("asOf");
    return new Question(id, name, category, type, text(body.getJsonObject("stem")), answers, pairs,
        text(body.getJsonObject("explanation")), tags, rubric, 0, asOf == null ? null : YearMonth.parse(asOf));
  }

  /** A digest of everything that makes the question what it is; equal digests need no update. */
  public static String hash(Question q) {
    JsonObject all = body(q).put("type", q.type().name()).put("name", q.name())
        .put("category", new JsonArray(q.category())).put("tags", new JsonArray(q.tags()));
    try {
      byte[] d = MessageDigest.getInstance("SHA-256").digest(all.encode().getBytes(StandardCharsets.UTF_8));
      return HexFormat.of().formatHex(d);
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }

  /** The chapter number of a bank question: the first word of its third category level. */
  public static String chapter(List<String> category) {
    if (category.size() < 3) {
      return null;
    }
    return category.get(2).strip().split("\\s+")[0];
  }

  private static JsonObject text(FormattedText t) {
    return new JsonObject().put("text", t.text()).put("format", t.format().name());
  }

  private static FormattedText text(JsonObject o) {
    if (o == null) {
      return FormattedText.EMPTY;
    }
    return new FormattedText(o.getString("text", ""), TextFormat.valueOf(o.getString("format", "MOODLE")));
  }
}
