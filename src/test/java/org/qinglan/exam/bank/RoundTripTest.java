package org.qinglan.exam.bank;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Moodle → Qinglan → Moodle: a bank survives export and re-import in either format. */
class RoundTripTest {

  /** Questions without their line numbers, which naturally change with the layout. */
  private static List<Question> content(List<Question> qs) {
    return qs.stream().map(q -> new Question(q.id(), q.name(), q.category(), q.type(), q.stem(), q.answers(),
        q.pairs(), q.generalFeedback(), q.tags(), q.rubric(), 0)).toList();
  }

  private static void assertSurvives(ParsedFile original) {
    assertEquals(List.of(), original.errors());
    ParsedFile viaGift = GiftParser.parse("export.gift", GiftWriter.write(original.questions()));
    assertEquals(List.of(), viaGift.errors(), GiftWriter.write(original.questions()));
    assertEquals(content(original.questions()), content(viaGift.questions()));
    String xml = MoodleXmlWriter.write(viaGift.questions(), original.categories());
    ParsedFile viaXml = MoodleXmlReader.parse("export.xml", xml);
    assertEquals(List.of(), viaXml.errors(), xml);
    assertEquals(content(original.questions()), content(viaXml.questions()));
  }

  @Test
  void moodleGiftFixtures() throws IOException {
    for (String name : List.of("questions.gift.txt", "questions_in_category.gift.txt")) {
      assertSurvives(GiftParser.parse(name, read(GiftParserTest.FIXTURES.resolve(name))));
    }
  }

  @Test
  void moodleXmlFixtureKeepsCategoriesAndDescriptions() throws IOException {
    ParsedFile original = MoodleXmlReader.parse("nested.xml",
        read(GiftParserTest.FIXTURES.resolve("nested_categories_with_questions.xml")));
    assertSurvives(original);
    ParsedFile again = MoodleXmlReader.parse("again.xml",
        MoodleXmlWriter.write(original.questions(), original.categories()));
    List<CategoryInfo> written = again.categories();
    for (CategoryInfo info : written) {
      CategoryInfo before = original.categories().stream().filter(c -> c.path().equals(info.path())).findFirst()
          .orElseThrow();
      assertEquals(before.description(), info.description());
    }
  }

  @Test
  void theShippedBank() throws IOException {
    for (Path file : QuestionBankFilesTest.bankFiles()) {
      assertSurvives(GiftParser.parse(file.toString(), read(file)));
    }
  }

  private static String read(Path p) throws IOException {
    return Files.readString(p, StandardCharsets.UTF_8);
  }
}
