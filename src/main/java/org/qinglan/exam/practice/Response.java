package org.qinglan.exam.practice;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;

/**
 * A worker's answer to one question: chosen option indexes (choice and true/false, where
 * 0 is true), typed text (short answer, numerical), or for matching the chosen answer per prompt.
 */
public record Response(Set<Integer> choices, String text, List<String> matches) {

  public static Response choices(Set<Integer> chosen) {
    return new Response(new TreeSet<>(chosen), null, List.of());
  }

  public static Response text(String text) {
    return new Response(Set.of(), text, List.of());
  }

  public static Response matches(List<String> matches) {
    return new Response(Set.of(), null, List.copyOf(matches));
  }

  public boolean isEmpty() {
    return choices.isEmpty() && (text == null || text.isBlank()) && matches.stream().allMatch(m -> m == null || m.isBlank());
  }

  public JsonObject toJson() {
    JsonObject o = new JsonObject();
    if (!choices.isEmpty()) {
      o.put("choices", new JsonArray(new ArrayList<>(choices)));
    }
    if (text != null) {
      o.put("text", text);
    }
    if (!matches.isEmpty()) {
      o.put("matches", new JsonArray(new ArrayList<>(matches)));
    }
    return o;
  }

  /** Reads a response from JSON, ignoring anything malformed (a malformed answer is an empty one). */
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
