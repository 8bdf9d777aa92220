package org.qinglan.competition;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.UUID;

/**
 * A knowledge round's standings from the answers as stored (each marked when it was saved): the
 * live standings while the round runs, and the final ones at its close. Every entry is scored by
 * {@link KnowledgeScorer} over the paper in its order (an unanswered question counts its whole
 * allowance) and ranked by the round's rule and tie-break ({@link Ranking}).
 */
public final class Standings {
  private Standings() {
  }

  /**
   * An answer as stored.
   *
   * @param position  the question's place in the paper (1-based)
   * @param earned    the marks it earned when saved
   * @param answered  whether anything was chosen
   * @param answerMs  the question's time as scored
   * @param savedAtMs when it was saved (epoch milliseconds; 0 when not read)
   */
  public record Answer(int position, double earned, boolean answered, long answerMs, long savedAtMs) {
  }

  /**
   * One entry with its answers and what organisers see beside it.
   *
   * @param deadline    when the entry's time is up
   * @param submittedAt null while the entry is open
   * @param takeovers   how many times another device took over
   * @param hidden      how many times the page was hidden (left)
   * @param version     the entry's change counter when this was read
   */
  public record Tally(UUID entryId, UUID accountId, UUID unitId, Instant startedAt, Instant deadline,
                      Instant submittedAt, boolean autoSubmitted, int takeovers, int hidden, long version,
                      List<Answer> answers) {
    public Tally {
      Objects.requireNonNull(accountId, "accountId");
      answers = List.copyOf(answers);
    }

    /** The same entry handed in at {@code at}, automatically. */
    public Tally handedIn(Instant at) {
      return new Tally(entryId, accountId, unitId, startedAt, deadline, at, true, takeovers, hidden, version, answers);
    }
  }

  /** An entry and its score. */
  public record Scored(Tally tally, RoundScore score) {
  }

  /** A ranked entry. */
  public record Row(int rank, boolean tied, Tally tally, RoundScore score) {
  }

  /** One entry's score: its answers over the paper, in the paper's order. */
  public static RoundScore score(RoundScoring scoring, Paper paper, Collection<Answer> answers) {
    Answer[] byPosition = new Answer[paper.size() + 1];
    for (Answer a : answers) {
      if (a.position() >= 1 && a.position() <= paper.size()) {
        byPosition[a.position()] = a;
      }
    }
    List<KnowledgeScorer.MarkedItem> items = new ArrayList<>(paper.size());
    for (Paper.Item item : paper.items()) {
      Answer a = item.position() >= 1 && item.position() <= paper.size() ? byPosition[item.position()] : null;
      items.add(a == null || !a.answered() ? KnowledgeScorer.MarkedItem.unanswered(item.marks(), paper.allowance())
          : new KnowledgeScorer.MarkedItem(Math.min(a.earned(), item.marks()), item.marks(), true,
              Duration.ofMillis(Math.max(0, a.answerMs())), paper.allowance()));
    }
    return KnowledgeScorer.scoreMarked(scoring, items);
  }

  /** Every entry scored and ranked, first place first. */
  public static List<Row> rank(Round round, Paper paper, Collection<Tally> tallies) {
    List<Scored> scored = new ArrayList<>(tallies.size());
    for (Tally t : tallies) {
      scored.add(new Scored(t, score(round.scoring(), paper, t.answers())));
    }
    return rankScored(round, scored);
  }

  /** Entries scored already, ranked by the round's rule and tie-break, first place first. */
  public static List<Row> rankScored(Round round, Collection<Scored> scored) {
    Map<String, Scored> byId = new HashMap<>();
    List<Ranking.Entry> entries = new ArrayList<>(scored.size());
    for (Scored s : scored) {
      String id = s.tally().accountId().toString();
      byId.put(id, s);
      entries.add(new Ranking.Entry(id, s.score(), s.tally().submittedAt()));
    }
    List<Row> out = new ArrayList<>(entries.size());
    for (Ranking.Place p : round.ranking().rank(entries)) {
      out.add(new Row(p.rank(), p.tied(), byId.get(p.id()).tally(), p.entry().score()));
    }
    return out;
  }

  /** The ranking's places again (for {@link Advancement}), from rows ranked by {@link #rank}. */
  public static List<Ranking.Place> places(List<Row> rows) {
    List<Ranking.Place> out = new ArrayList<>(rows.size());
    for (Row r : rows) {
      out.add(new Ranking.Place(r.rank(), r.tied(), new Ranking.Entry(r.tally().accountId().toString(), r.score(),
          r.tally().submittedAt())));
    }
    return out;
  }
}
