package org.qinglan.exam.bank;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.util.List;
import org.junit.jupiter.api.Test;

class MoodleXmlReaderTest {

  private static ParsedFile fixture(String name) throws IOException {
    return MoodleXmlReader.parse(name, Files.readString(GiftParserTest.FIXTURES.resolve(name), StandardCharsets.UTF_8));
  }

  @Test
  void nestedCategoriesWithTheirDescriptions() throws IOException {
    ParsedFile f = fixture("nested_categories_with_questions.xml");
    assertEquals(List.of(), f.errors());
    assertEquals(5, f.questions().size());
    assertEquals(List.of(List.of("$course$", "Iota"), List.of("$course$", "Iota", "Kappa"),
            List.of("$course$", "Iota", "Kappa", "Lambda"), List.of("$course$", "Iota", "Mu")),
        f.categories().stream().map(CategoryInfo::path).toList());
    assertEquals(TextFormat.PLAIN, f.categories().get(0).description().format());
    assertEquals("This is Iota category for test", f.categories().get(0).description().text());
    assertEquals(TextFormat.MARKDOWN, f.categories().get(1).description().format());
    Question iota = f.questions().get(0);
    assertEquals(QuestionType.TRUE_FALSE, iota.type());
    assertTrue(iota.trueFalseAnswer());
    assertEquals(List.of("$course$", "Iota"), iota.category());
    Question essay = f.questions().get(1);
    assertEquals(QuestionType.ESSAY, essay.type());
    assertEquals(List.of("$course$", "Iota", "Kappa"), essay.category());
    assertEquals(TextFormat.MOODLE, essay.stem().format());
  }

  @Test
  void invalidGradeIsRejectedWithAClearError() throws IOException {
    ParsedFile f = fixture("error_invalid_grades.xml");
    assertEquals(0, f.questions().size());
    assertTrue(f.errors().stream().anyMatch(e -> e.message().contains("权重 33% 不是 Moodle 允许的分值")),
        f.errors().toString());
    assertEquals(4, f.errors().get(0).line(), "the line of the <question> element");
    assertTrue(f.errors().get(0).message().startsWith("题目“Question with <strong>invalid grades</strong> : x > 1 & x < 2”"));
  }

  @Test
  void malformedXmlNamesTheLine() {
    ParsedFile f = MoodleXmlReader.parse("broken.xml", "<?xml version=\"1.0\"?>\n<quiz>\n<question type=\"essay\">\n</quiz>\n");
    assertEquals(1, f.errors().size());
    assertEquals(4, f.errors().get(0).line());
    assertTrue(f.errors().get(0).message().startsWith("XML 格式错误"));
  }

  @Test
  void externalEntitiesAreNotResolved() {
    String xml = "<?xml version=\"1.0\"?>\n<!DOCTYPE quiz [<!ENTITY x SYSTEM \"file:///etc/passwd\">]>\n"
        + "<quiz><question type=\"essay\"><name><text>&x;</text></name><questiontext><text>Q</text></questiontext>"
        + "</question></quiz>";
    ParsedFile f = MoodleXmlReader.parse("evil.xml", xml);
    assertTrue(f.questions().stream().noneMatch(q -> q.name().contains("root:")), "no file content leaks in");
  }

  @Test
  void idNumberAndTagsBecomeIdAndTags() {
    String xml = """
        <?xml version="1.0" encoding="UTF-8"?>
        <quiz>
          <question type="multichoice">
            <name><text>a-comp-01-001</text></name>
            <questiontext format="html"><text><![CDATA[<p>社会工作的本质是（　　）。</p>]]></text></questiontext>
            <generalfeedback format="html"><text>助人自助。</text></generalfeedback>
            <idnumber>a-comp-01-001</idnumber>
            <single>true</single>
            <answer fraction="100" format="html"><text>助人自助的专业活动</text><feedback format="html"><text>对</text></feedback></answer>
            <answer fraction="0" format="html"><text>行政管理</text></answer>
            <tags><tag><text>社会工作的内涵</text></tag></tags>
          </question>
        </quiz>
        """;
    ParsedFile f = MoodleXmlReader.parse("bank.xml", xml);
    assertEquals(List.of(), f.errors());
    Question q = f.questions().get(0);
    assertEquals("a-comp-01-001", q.id());
    assertEquals(List.of("社会工作的内涵"), q.tags());
    assertEquals(QuestionType.SINGLE_CHOICE, q.type());
    assertEquals("对", q.answers().get(0).feedback().text());
  }
}
