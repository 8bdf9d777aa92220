package org.qinglan.exam.bank;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/** The shipped question bank parses cleanly and follows the bank's conventions. */
class QuestionBankFilesTest {

  static List<Path> bankFiles() throws IOException {
    try (Stream<Path> s = Files.walk(Path.of("question-bank"))) {
      return s.filter(p -> p.toString().endsWith(".gift")).sorted().toList();
    }
  }

  @Test
  void everyFileParsesWithoutErrorAndEveryQuestionHasIdTagsAndExplanation() throws IOException {
    Map<String, String> seen = new HashMap<>();
    List<String> problems = new ArrayList<>();
    int total = 0;
    for (Path file : bankFiles()) {
      ParsedFile f = GiftParser.parse(file.toString(), Files.readString(file, StandardCharsets.UTF_8));
      f.errors().forEach(e -> problems.add(file + ":" + e.line() + " " + e.message()));
      for (Question q : f.questions()) {
        total++;
        assertNotNull(q.id(), file + ":" + q.line() + " has no [id:…]");
        String before = seen.put(q.id(), file.toString());
        if (before != null) {
          problems.add(file + ":" + q.line() + " id " + q.id() + " also in " + before);
        }
        if (q.tags().isEmpty()) {
          problems.add(file + ":" + q.line() + " " + q.id() + " has no [tag:…]");
        }
        if (q.generalFeedback().isEmpty()) {
          problems.add(file + ":" + q.line() + " " + q.id() + " has no explanation (####)");
        }
        if (q.category().size() != 3) {
          problems.add(file + ":" + q.line() + " " + q.id() + " category is not level/paper/chapter");
        }
      }
    }
    assertEquals(List.of(), problems);
    assertTrue(total >= 400, "the bank has " + total + " questions");
  }
}
