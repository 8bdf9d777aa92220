package org.qinglan.exam.bank;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;

class NearDuplicatesTest {

  private static NearDuplicates.Located located(String id, String stem) {
    return new NearDuplicates.Located(id + ".gift", new Question(id, id, List.of(), QuestionType.SINGLE_CHOICE,
        new FormattedText(stem, TextFormat.MOODLE), List.of(), List.of(), FormattedText.EMPTY, List.of(), List.of(), 1));
  }

  @Test
  void stemsThatDifferInAWordOrInPunctuationArePaired() {
    List<NearDuplicates.Pair> pairs = NearDuplicates.find(List.of(
        located("a", "根据《中华人民共和国老年人权益保障法》，该法所称老年人是指（　　）的公民。"),
        located("b", "根据《中华人民共和国老年人权益保障法》，该法所称的老年人是指（　　）的公民"),
        located("c", "小组工作的后期阶段，社会工作者的主要任务是（　　）。")));
    assertEquals(1, pairs.size());
    assertEquals("a", pairs.get(0).first().question().id());
    assertEquals("b", pairs.get(0).second().question().id());
    assertTrue(pairs.get(0).similarity() >= 0.8, String.valueOf(pairs.get(0).similarity()));
  }

  @Test
  void aScenarioMakesTheSameKnowledgePointDistinct() {
    assertEquals(List.of(), NearDuplicates.find(List.of(
        located("a", "根据《中华人民共和国老年人权益保障法》，该法所称老年人是指（　　）的公民。"),
        located("b", "望江街道的社区工作者在排查辖区老年人底数时，按照《中华人民共和国老年人权益保障法》的界定，应当把（　　）的居民计入老年人。"))));
  }

  @Test
  void jaccardOfSortedSets() {
    assertEquals(1.0, NearDuplicates.jaccard(new long[] {1, 2, 3}, new long[] {1, 2, 3}));
    assertEquals(0.5, NearDuplicates.jaccard(new long[] {1, 2, 3}, new long[] {2, 3, 4}));
    assertEquals(0.0, NearDuplicates.jaccard(new long[] {}, new long[] {}));
    assertEquals(2, NearDuplicates.bigrams("社区，社区。").length, "社区 and 区社, each once");
  }
}
