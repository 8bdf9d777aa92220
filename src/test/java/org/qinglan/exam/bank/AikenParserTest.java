package org.qinglan.exam.bank;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.util.List;
import org.junit.jupiter.api.Test;

class AikenParserTest {

  private static ParsedFile fixture(String name) throws IOException {
    return AikenParser.parse(name, Files.readString(GiftParserTest.FIXTURES.resolve(name), StandardCharsets.UTF_8));
  }

  @Test
  void readsMoodlesFixtureWithMarkupKeptAsText() throws IOException {
    ParsedFile f = fixture("questions.aiken.txt");
    assertEquals(List.of(), f.errors());
    assertEquals(2, f.questions().size());
    Question first = f.questions().get(0);
    assertEquals("The Moodle project was started by:", first.stem().text());
    assertEquals(List.of(1), first.correctChoiceIndexes());
    assertEquals(4, first.answers().size());
    Question second = f.questions().get(1);
    assertEquals(TextFormat.PLAIN, second.stem().format());
    assertTrue(second.stem().text().contains("<html class=\"cool\"> & images"), second.stem().text());
  }

  @Test
  void reportsTheErrorsMoodleReportsOnTheirLines() throws IOException {
    ParsedFile f = fixture("aiken_errors.txt");
    assertEquals(2, f.questions().size());
    assertEquals("A good question", f.questions().get(0).stem().text());
    Question noSpace = f.questions().get(1);
    assertEquals("A second good question", noSpace.stem().text());
    assertEquals("Correct (No space)", noSpace.answers().get(1).text().text());
    assertEquals(List.of(1), noSpace.correctChoiceIndexes());
    assertEquals(List.of(3, 5, 7, 18), f.errors().stream().map(ParseError::line).toList(), f.errors().toString());
    assertTrue(f.errors().get(0).message().contains("至少需要两个选项"));
    assertTrue(f.errors().get(1).message().contains("前面没有题干"));
    assertTrue(f.errors().get(3).message().contains("没有结束"));
  }

  @Test
  void anAnswerLetterWithoutItsChoiceIsAnError() {
    ParsedFile f = AikenParser.parse("x.txt", "题干\nA. 甲\nB. 乙\nANSWER: D\n");
    assertEquals(1, f.errors().size());
    assertTrue(f.errors().get(0).message().contains("不是已有的选项字母"));
  }
}
