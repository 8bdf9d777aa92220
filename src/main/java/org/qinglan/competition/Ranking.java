package org.qinglan.competition;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Objects;
import java.util.Set;

/**
 * Ranks results by a round's rule and its stated tie-break, with competition ranking: entries that
 * are still equal share a rank and the ranks after them skip (1, 1, 3). Individuals and teams
 * ({@link TeamScoring}) are ranked alike.
 *
 * <p>The order never depends on the order of the input: entries that share a rank are listed by id.
 */
public record Ranking(RoundScoring scoring, TieBreak tieBreak) {

  public Ranking {
    Objects.requireNonNull(scoring, "scoring");
    Objects.requireNonNull(tieBreak, "tieBreak");
  }

  /**
   * One result to rank.
   *
   * @param id          the contestant's (or team's) id, unique among the entries
   * @param submittedAt when the round was handed in; null if it never was (last under {@link TieBreak#EARLIER_SUBMISSION})
   */
  public record Entry(String id, RoundScore score, Instant submittedAt) {
    public Entry {
      Objects.requireNonNull(id, "id");
      Objects.requireNonNull(score, "score");
    }
  }

  /** A ranked entry; {@code tied} when another entry has the same rank. */
  public record Place(int rank, boolean tied, Entry entry) {
    public String id() {
      return entry.id();
    }

    public double points() {
      return entry.score().points();
    }
  }

  /** The sentence shown with the results: the round's rule, then its tie-break. */
  public String statement() {
    return scoring.rule() + tieBreak.sentence();
  }

  /** What decides between two entries: the round's rule, then the tie-break; equal means a shared rank. */
  public Comparator<Entry> decides() {
    Comparator<Entry> rule = Comparator.comparingDouble((Entry e) -> e.score().points()).reversed();
    if (scoring == RoundScoring.CORRECT_THEN_TIME) {
      rule = rule.thenComparing(e -> e.score().totalTime());
    }
    return switch (tieBreak) {
      case NONE -> rule;
      case EARLIER_SUBMISSION ->
          rule.thenComparing(Entry::submittedAt, Comparator.nullsLast(Comparator.<Instant>naturalOrder()));
      case FEWER_WRONG -> rule.thenComparingInt(e -> e.score().wrong());
    };
  }

  /** The full order: {@link #decides()}, then by id so that equal inputs always give the same list. */
  public Comparator<Entry> order() {
    return decides().thenComparing(Entry::id);
  }

  public List<Place> rank(Collection<Entry> entries) {
    Set<String> ids = new HashSet<>();
    for (Entry e : entries) {
      if (!ids.add(e.id())) {
        throw new IllegalArgumentException("ranked twice: " + e.id());
      }
    }
    List<Entry> sorted = new ArrayList<>(entries);
    sorted.sort(order());
    Comparator<Entry> decides = decides();
    int[] ranks = new int[sorted.size()];
    for (int i = 0; i < sorted.size(); i++) {
      ranks[i] = i > 0 && decides.compare(sorted.get(i - 1), sorted.get(i)) == 0 ? ranks[i - 1] : i + 1;
    }
    List<Place> places = new ArrayList<>(sorted.size());
    for (int i = 0; i < sorted.size(); i++) {
      boolean tied = i > 0 && ranks[i - 1] == ranks[i] || i + 1 < sorted.size() && ranks[i + 1] == ranks[i];
      places.add(new Place(ranks[i], tied, sorted.get(i)));
    }
    return List.copyOf(places);
  }
}
