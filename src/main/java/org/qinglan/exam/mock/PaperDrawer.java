package org.qinglan.exam.mock;

import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.random.RandomGenerator;
import org.qinglan.exam.bank.QuestionType;

/**
 * Draws a paper from a blueprint: for each section, as many questions per chapter as the
 * chapter weights say (largest remainder, so the counts add up exactly), chosen at random.
 * When a chapter has too few questions of the type its share passes to the other chapters.
 */
public final class PaperDrawer {

  /** What the drawer needs to know of a question. */
  public record Candidate(String id, String chapter, QuestionType type, Set<String> tags) {
  }

  /** The drawn questions in paper order, or why the paper could not be filled. */
  public record Draw(List<Candidate> questions, String problem) {
    public boolean ok() {
      return problem == null;
    }
  }

  private PaperDrawer() {
  }

  public static Draw draw(Blueprint blueprint, Collection<Candidate> pool, Set<String> exclude, RandomGenerator random) {
    List<Candidate> paper = new ArrayList<>();
    for (Blueprint.Section section : blueprint.sections()) {
      Map<String, List<Candidate>> byChapter = new LinkedHashMap<>();
      for (String chapter : blueprint.chapters().keySet()) {
        byChapter.put(chapter, new ArrayList<>());
      }
      for (Candidate c : pool) {
        if (c.type() == section.type() && byChapter.containsKey(c.chapter()) && !exclude.contains(c.id())
            && (section.tag() == null || c.tags().contains(section.tag()))
            && (section.excludeTag() == null || !c.tags().contains(section.excludeTag()))) {
          byChapter.get(c.chapter()).add(c);
        }
      }
      Map<String, Integer> capacity = new LinkedHashMap<>();
      byChapter.forEach((k, v) -> capacity.put(k, v.size()));
      Map<String, Integer> counts = allocate(section.count(), blueprint.chapters(), capacity);
      if (counts == null) {
        int available = capacity.values().stream().mapToInt(Integer::intValue).sum();
        return new Draw(List.of(), "题库中可用的" + section.type().label() + "只有 " + available + " 道，组卷需要 "
            + section.count() + " 道");
      }
      for (Map.Entry<String, Integer> e : counts.entrySet()) {
        List<Candidate> options = new ArrayList<>(byChapter.get(e.getKey()));
        options.sort(Comparator.comparing(Candidate::id)); // a stable base, so a seed gives one paper
        Collections.shuffle(options, new java.util.Random(random.nextLong()));
        paper.addAll(options.subList(0, e.getValue()));
      }
    }
    return new Draw(paper, null);
  }

  /**
   * Splits {@code total} over chapters by weight within their capacities; null when the
   * capacities together are too small.
   */
  static Map<String, Integer> allocate(int total, Map<String, Double> weights, Map<String, Integer> capacity) {
    int available = capacity.values().stream().mapToInt(Integer::intValue).sum();
    if (available < total) {
      return null;
    }
    Map<String, Integer> result = new LinkedHashMap<>();
    weights.keySet().forEach(k -> result.put(k, 0));
    int remaining = total;
    List<String> open = new ArrayList<>(weights.keySet());
    while (remaining > 0) {
      open.removeIf(k -> result.get(k) >= capacity.getOrDefault(k, 0));
      double weightSum = open.stream().mapToDouble(weights::get).sum();
      Map<String, Double> ideal = new LinkedHashMap<>();
      for (String k : open) {
        double share = weightSum > 0 ? weights.get(k) / weightSum : 1.0 / open.size();
        ideal.put(k, share * remaining);
      }
      int given = 0;
      for (String k : open) {
        int add = Math.min((int) Math.floor(ideal.get(k)), capacity.get(k) - result.get(k));
        result.merge(k, add, Integer::sum);
        given += add;
      }
      int left = remaining - given;
      List<String> byRemainder = new ArrayList<>(open);
      byRemainder.sort(Comparator.comparingDouble((String k) -> ideal.get(k) - Math.floor(ideal.get(k))).reversed()
          .thenComparing(k -> k));
      for (String k : byRemainder) {
        if (left == 0) {
          break;
        }
        if (result.get(k) < capacity.get(k)) {
          result.merge(k, 1, Integer::sum);
          left--;
        }
      }
      remaining = left;
    }
    result.values().removeIf(v -> v == 0);
    return result;
  }
}
