package org.qinglan.exam;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import org.qinglan.exam.practice.Response;
import org.qinglan.platform.Problem;

/**
 * The one JSON mapping of a worker's {@link Response}: as stored (practice, mock exams and course
 * quizzes alike) and as a client sends it. {@code Response} itself knows no JSON.
 */
public final class ResponseJson {
  private static final int MAX_MATCHES = 100;

  private ResponseJson() {
  }

  public static JsonObject toJson(Response r) {
    JsonObject o = new JsonObject();
    if (!r.choices().isEmpty()) {
      o.put("choices", new JsonArray(new ArrayList<>(r.choices())));
    }
    if (r.text() != null) {
      o.put("text", r.text());
    }
    if (!r.matches().isEmpty()) {
      o.put("matches", new JsonArray(new ArrayList<>(r.matches())));
    }
    return o;
  }

  /**
   * Reads a response a client sent: an object with {@code choices} (option indexes), {@code text}
   * or {@code matches} (strings). Anything else is a 400, so that a malformed request changes nothing.
   */
  public static Response parse(Object value) {
    if (!(value instanceof JsonObject o)) {
      throw Problem.badRequest("response 应为 JSON 对象，如 {\"choices\":[0]} 或 {\"text\":\"…\"}。");
    }
    Set<Integer> chosen = new TreeSet<>();
    Object c = o.getValue("choices");
    if (c != null) {
      if (!(c instanceof JsonArray a)) {
        throw Problem.badRequest("choices 应为选项序号的数组。");
      }
      for (Object x : a) {
        if (!(x instanceof Integer || x instanceof Long) || ((Number) x).longValue() < 0
            || ((Number) x).longValue() >= 26) {
          throw Problem.badRequest("choices 应为 0 到 25 之间的整数。");
        }
        chosen.add(((Number) x).intValue());
      }
    }
    Object t = o.getValue("text");
    if (t != null && !(t instanceof String)) {
      throw Problem.badRequest("text 应为文字。");
    }
    String text = (String) t;
    if (text != null && text.length() > Response.MAX_TEXT_CHARS) {
      throw Problem.badRequest("作答不能超过 " + Response.MAX_TEXT_CHARS + " 字。");
    }
    List<String> matches = new ArrayList<>();
    Object m = o.getValue("matches");
    if (m != null) {
      if (!(m instanceof JsonArray a) || a.size() > MAX_MATCHES) {
        throw Problem.badRequest("matches 应为文字的数组。");
      }
      for (Object x : a) {
        if (x != null && !(x instanceof String)) {
          throw Problem.badRequest("matches 应为文字的数组。");
        }
        String s = x == null ? "" : (String) x;
        if (s.length() > Response.MAX_TEXT_CHARS) {
          throw Problem.badRequest("作答不能超过 " + Response.MAX_TEXT_CHARS + " 字。");
        }
        matches.add(s);
      }
    }
    return new Response(chosen, text, matches);
  }

  /** Reads a stored response, ignoring anything malformed (a malformed answer is an empty one). */
  public static Response fromJson(JsonObject o) {
    if (o == null) {
      return new Response(Set.of(), null, List.of());
    }
    Set<Integer> chosen = new TreeSet<>();
    JsonArray c = o.getValue("choices") instanceof JsonArray a ? a : new JsonArray();
    for (Object x : c) {
      if (x instanceof Number n && n.intValue() >= 0 && n.intValue() < 26) {
        chosen.add(n.intValue());
      }
    }
    List<String> m = new ArrayList<>();
    if (o.getValue("matches") instanceof JsonArray a) {
      for (Object x : a) {
        m.add(x == null ? "" : String.valueOf(x));
      }
    }
    String text = o.getValue("text") instanceof String s ? s : null;
    return new Response(chosen, text, m);
  }
}
