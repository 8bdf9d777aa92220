package org.qinglan.competition;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.EnumSet;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.Test;

class CompetitionStageTest {
  /** Every allowed move; everything else is refused. */
  private static final Set<String> ALLOWED = Set.of(
      "DRAFT>REGISTRATION",
      "REGISTRATION>RUNNING",
      "REGISTRATION>DRAFT",
      "RUNNING>RESULTS_PUBLISHED",
      "RESULTS_PUBLISHED>RUNNING",
      "RESULTS_PUBLISHED>ARCHIVED");

  @Test
  void onlyTheStatedMovesAreAllowed() {
    List<String> wrong = new ArrayList<>();
    for (CompetitionStage from : CompetitionStage.values()) {
      for (CompetitionStage to : CompetitionStage.values()) {
        boolean expected = ALLOWED.contains(from + ">" + to);
        if (from.mayMoveTo(to) != expected) {
          wrong.add(from + " -> " + to + " should be " + (expected ? "allowed" : "refused"));
        }
        assertEquals(expected, from.moveRefusal(to).isEmpty(), from + " -> " + to);
      }
    }
    assertEquals(List.of(), wrong);
  }

  @Test
  void theForwardPathVisitsEveryStageInOrder() {
    CompetitionStage[] path = CompetitionStage.values();
    for (int i = 0; i + 1 < path.length; i++) {
      assertTrue(path[i].mayMoveTo(path[i + 1]), path[i] + " -> " + path[i + 1]);
    }
    assertEquals(CompetitionStage.DRAFT, path[0]);
    assertEquals(CompetitionStage.ARCHIVED, path[path.length - 1]);
  }

  @Test
  void noSkippingAndArchivedIsFinal() {
    assertFalse(CompetitionStage.DRAFT.mayMoveTo(CompetitionStage.RUNNING), "registration cannot be skipped");
    assertFalse(CompetitionStage.RUNNING.mayMoveTo(CompetitionStage.ARCHIVED), "results are published before archiving");
    assertFalse(CompetitionStage.RUNNING.mayMoveTo(CompetitionStage.REGISTRATION), "answers exist once running");
    assertEquals(EnumSet.noneOf(CompetitionStage.class), CompetitionStage.ARCHIVED.next());
    assertEquals(Optional.of("已归档的比赛不能再更改阶段"),
        CompetitionStage.ARCHIVED.moveRefusal(CompetitionStage.RESULTS_PUBLISHED));
    assertEquals(Optional.of("不能从“草稿”改为“比赛中”"), CompetitionStage.DRAFT.moveRefusal(CompetitionStage.RUNNING));
    assertEquals(Optional.of("比赛已处于“比赛中”阶段"), CompetitionStage.RUNNING.moveRefusal(CompetitionStage.RUNNING));
  }

  @Test
  void everyStageHasItsOwnChineseLabel() {
    Set<String> labels = new HashSet<>();
    for (CompetitionStage s : CompetitionStage.values()) {
      assertTrue(s.label().codePoints().anyMatch(c -> Character.UnicodeScript.of(c) == Character.UnicodeScript.HAN),
          s + ": " + s.label());
      labels.add(s.label());
    }
    assertEquals(CompetitionStage.values().length, labels.size());
    assertEquals("报名中", CompetitionStage.REGISTRATION.label());
  }
}
