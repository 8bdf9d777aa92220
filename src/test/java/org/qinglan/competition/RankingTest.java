package org.qinglan.competition;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashSet;
import java.util.List;
import java.util.Random;
import java.util.Set;
import org.junit.jupiter.api.Test;

class RankingTest {
  static final Instant START = Instant.parse("2026-05-20T01:00:00Z");

  /** An entry: points, total time in seconds, wrong answers, submitted this many seconds after the start (null: never). */
  static Ranking.Entry entry(String id, double points, int seconds, int wrong, Integer submittedAfter) {
    return new Ranking.Entry(id, new RoundScore(points, 0, wrong, Duration.ofSeconds(seconds)),
        submittedAfter == null ? null : START.plusSeconds(submittedAfter));
  }

  static String ranks(List<Ranking.Place> places) {
    List<String> out = new ArrayList<>();
    for (Ranking.Place p : places) {
      out.add(p.id() + p.rank() + (p.tied() ? "=" : ""));
    }
    return String.join(" ", out);
  }

  private static final Ranking CORRECT_THEN_TIME = new Ranking(RoundScoring.CORRECT_THEN_TIME, TieBreak.NONE);

  @Test
  void tiesShareARankAndTheNextRanksSkip() {
    List<Ranking.Entry> entries = List.of(
        entry("f", 5, 10, 0, 1),
        entry("c", 10, 60, 0, 1),
        entry("b", 10, 50, 0, 1),
        entry("e", 8, 30, 0, 1),
        entry("a", 10, 50, 0, 1),
        entry("d", 8, 30, 0, 1));
    assertEquals("a1= b1= c3 d4= e4= f6", ranks(CORRECT_THEN_TIME.rank(entries)));
  }

  @Test
  void correctThenTimeBreaksEqualPointsByTimeButSpeedPointsDoesNot() {
    List<Ranking.Entry> entries = List.of(entry("slow", 1000, 60, 0, 1), entry("fast", 1000, 50, 0, 1),
        entry("top", 1200, 99, 0, 1));
    assertEquals("top1 fast2 slow3", ranks(CORRECT_THEN_TIME.rank(entries)));
    assertEquals("top1 fast2= slow2=",
        ranks(new Ranking(RoundScoring.SPEED_POINTS, TieBreak.NONE).rank(entries)), "speed points rank by points alone");
  }

  @Test
  void earlierSubmissionBreaksATie() {
    Ranking r = new Ranking(RoundScoring.CORRECT_THEN_TIME, TieBreak.EARLIER_SUBMISSION);
    List<Ranking.Entry> entries = List.of(
        entry("a", 10, 50, 0, 300),
        entry("b", 10, 50, 0, 200),
        entry("c", 10, 50, 0, 200),
        entry("d", 10, 50, 0, null),
        entry("e", 9, 10, 0, 1));
    assertEquals("b1= c1= a3 d4 e5", ranks(r.rank(entries)),
        "the same instant stays tied; an entry never submitted comes after those submitted");
  }

  @Test
  void fewerWrongBreaksATie() {
    Ranking r = new Ranking(RoundScoring.SPEED_POINTS, TieBreak.FEWER_WRONG);
    List<Ranking.Entry> entries = List.of(
        entry("a", 3000, 0, 3, 1),
        entry("b", 3000, 0, 1, 1),
        entry("c", 3000, 0, 1, 1),
        entry("d", 3100, 0, 9, 1));
    assertEquals("d1 b2= c2= a4", ranks(r.rank(entries)), "the tie-break never overrides the rule");
  }

  @Test
  void noTieBreakLeavesTiesShared() {
    Ranking r = new Ranking(RoundScoring.SPEED_POINTS, TieBreak.NONE);
    List<Ranking.Entry> entries = List.of(entry("a", 3000, 10, 3, 5), entry("b", 3000, 90, 1, 1));
    assertEquals("a1= b1=", ranks(r.rank(entries)), "neither time, wrong answers nor submission count");
  }

  @Test
  void theOrderOfTheInputNeverMatters() {
    List<Ranking.Entry> entries = new ArrayList<>();
    for (int i = 0; i < 40; i++) {
      entries.add(entry("p" + (char) ('a' + i % 26) + i, i % 5, 30 + i % 3, i % 4, i % 7));
    }
    for (TieBreak tb : TieBreak.values()) {
      for (RoundScoring rule : RoundScoring.values()) {
        Ranking r = new Ranking(rule, tb);
        List<Ranking.Place> first = r.rank(entries);
        Random random = new Random(15);
        for (int k = 0; k < 20; k++) {
          List<Ranking.Entry> shuffled = new ArrayList<>(entries);
          Collections.shuffle(shuffled, random);
          assertEquals(first, r.rank(Set.copyOf(shuffled)), rule + " " + tb);
          assertEquals(first, r.rank(shuffled), rule + " " + tb);
        }
      }
    }
  }

  @Test
  void rankIsOnePlusTheNumberStrictlyAhead() {
    List<Ranking.Entry> entries = new ArrayList<>();
    for (int i = 0; i < 30; i++) {
      entries.add(entry("x" + i, i % 4, 10 * (i % 2), 0, 1));
    }
    List<Ranking.Place> places = CORRECT_THEN_TIME.rank(entries);
    for (Ranking.Place p : places) {
      long ahead = places.stream().filter(q -> q.points() > p.points()
          || q.points() == p.points() && q.entry().score().totalTime().compareTo(p.entry().score().totalTime()) < 0)
          .count();
      assertEquals(ahead + 1, p.rank(), p.toString());
    }
  }

  @Test
  void anEntryIsRankedOnce() {
    assertThrows(IllegalArgumentException.class,
        () -> CORRECT_THEN_TIME.rank(List.of(entry("a", 1, 1, 0, 1), entry("a", 2, 1, 0, 1))));
    assertEquals(List.of(), CORRECT_THEN_TIME.rank(List.of()));
  }

  @Test
  void theRuleIsStatedInChineseWithTheResults() {
    Set<String> sentences = new HashSet<>();
    for (TieBreak tb : TieBreak.values()) {
      assertTrue(tb.sentence().contains("并列"), tb + ": " + tb.sentence());
      sentences.add(tb.sentence());
    }
    assertEquals(TieBreak.values().length, sentences.size());
    assertTrue(TieBreak.NONE.sentence().contains("1、1、3"), TieBreak.NONE.sentence());
    assertTrue(TieBreak.EARLIER_SUBMISSION.sentence().contains("先交卷"));
    assertTrue(TieBreak.FEWER_WRONG.sentence().contains("答错"));
    Ranking r = new Ranking(RoundScoring.CORRECT_THEN_TIME, TieBreak.FEWER_WRONG);
    assertEquals(RoundScoring.CORRECT_THEN_TIME.rule() + TieBreak.FEWER_WRONG.sentence(), r.statement());
    assertTrue(RoundScoring.CORRECT_THEN_TIME.rule().contains("用时"));
    assertTrue(RoundScoring.SPEED_POINTS.rule().contains("1000 ×（1 − 用时 ÷ 限时 ÷ 2）"),
        RoundScoring.SPEED_POINTS.rule());
  }
}
