package org.qinglan.competition;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.qinglan.exam.bank.QuestionType;

class StandingsTest {
  static final UUID ROUND = UUID.randomUUID();
  static final UUID Q1 = UUID.randomUUID();
  static final UUID Q2 = UUID.randomUUID();
  static final UUID Q3 = UUID.randomUUID();
  static final Paper PAPER = new Paper(ROUND, List.of(item(Q1, 1, QuestionType.SINGLE_CHOICE, Set.of(0)),
      item(Q2, 2, QuestionType.SINGLE_CHOICE, Set.of(1)), item(Q3, 3, QuestionType.MULTIPLE_CHOICE, Set.of(0, 2))),
      Duration.ofSeconds(20));

  static Paper.Item item(UUID id, int position, QuestionType type, Set<Integer> key) {
    return new Paper.Item(id, position, type, KnowledgeScorer.marks(type), "题干", List.of("A", "B", "C", "D"), key,
        "解析", "");
  }

  static Round round(RoundScoring scoring, TieBreak tieBreak) {
    return new Round(ROUND, UUID.randomUUID(), 1, "知识赛", RoundKind.KNOWLEDGE, Advancement.topN(1), scoring, tieBreak,
        RoundTiming.WINDOW, Instant.EPOCH, Instant.EPOCH.plusSeconds(3600), 10, 20, QuestionSource.drawn("b", 3),
        RoundState.OPEN, null, null);
  }

  static Standings.Answer answer(UUID q, Set<Integer> chosen, long ms) {
    Paper.Item item = PAPER.item(q);
    return new Standings.Answer(item.position(), item.earned(chosen), !chosen.isEmpty(), ms, 0);
  }

  static Standings.Tally tally(String name, Instant submitted, Standings.Answer... answers) {
    return new Standings.Tally(UUID.nameUUIDFromBytes(name.getBytes()), UUID.nameUUIDFromBytes(("a" + name).getBytes()),
        null, Instant.EPOCH, Instant.EPOCH.plusSeconds(600), submitted, false, 0, 0, 0, List.of(answers));
  }

  @Test
  void storedMarksScoreAsTheScorerWouldFromTheResponses() {
    List<Standings.Answer> answers = List.of(answer(Q3, Set.of(0), 4000), answer(Q1, Set.of(0), 3000));
    RoundScore fromStored = Standings.score(RoundScoring.SPEED_POINTS, PAPER, answers);
    RoundScore fromResponses = KnowledgeScorer.score(RoundScoring.SPEED_POINTS, List.of(
        new KnowledgeScorer.AnsweredItem(Q1.toString(), QuestionType.SINGLE_CHOICE, Set.of(0), Set.of(0),
            Duration.ofMillis(3000), Duration.ofSeconds(20)),
        new KnowledgeScorer.AnsweredItem(Q2.toString(), QuestionType.SINGLE_CHOICE, Set.of(1), null, null,
            Duration.ofSeconds(20)),
        new KnowledgeScorer.AnsweredItem(Q3.toString(), QuestionType.MULTIPLE_CHOICE, Set.of(0, 2), Set.of(0),
            Duration.ofMillis(4000), Duration.ofSeconds(20))));
    assertEquals(fromResponses, fromStored, "the paper's order, not the answers' order, decides the streak");
    assertEquals(1.5, Standings.score(RoundScoring.CORRECT_THEN_TIME, PAPER, answers).points());
    assertEquals(Duration.ofSeconds(3 + 20 + 4), Standings.score(RoundScoring.CORRECT_THEN_TIME, PAPER, answers).totalTime());
  }

  @Test
  void entriesAreRankedByTheRuleAndTheTieBreak() {
    Standings.Tally fast = tally("fast", Instant.EPOCH.plusSeconds(100), answer(Q1, Set.of(0), 1000),
        answer(Q2, Set.of(1), 1000), answer(Q3, Set.of(0, 2), 1000));
    Standings.Tally early = tally("early", Instant.EPOCH.plusSeconds(50), answer(Q1, Set.of(0), 2000),
        answer(Q2, Set.of(3), 2000));
    Standings.Tally late = tally("late", Instant.EPOCH.plusSeconds(90), answer(Q1, Set.of(0), 2000),
        answer(Q2, Set.of(3), 2000));
    Standings.Tally open = tally("open", null);
    List<Standings.Row> rows = Standings.rank(round(RoundScoring.CORRECT_THEN_TIME, TieBreak.EARLIER_SUBMISSION), PAPER,
        List.of(open, late, fast, early));
    List<String> order = new ArrayList<>();
    rows.forEach(r -> order.add(r.rank() + ":" + r.tally().entryId().equals(fast.entryId())
        + r.tally().entryId().equals(early.entryId())));
    assertEquals(fast.accountId(), rows.get(0).tally().accountId());
    assertEquals(early.accountId(), rows.get(1).tally().accountId(), "same marks and time: the earlier hand-in first");
    assertEquals(late.accountId(), rows.get(2).tally().accountId());
    assertEquals(List.of(1, 2, 3, 4), rows.stream().map(Standings.Row::rank).toList(), order.toString());
    List<Standings.Row> tied = Standings.rank(round(RoundScoring.CORRECT_THEN_TIME, TieBreak.NONE), PAPER, List.of(late, early));
    assertEquals(List.of(1, 1), tied.stream().map(Standings.Row::rank).toList());
    assertEquals(2, Standings.places(rows.subList(0, 2)).size());
  }
}
