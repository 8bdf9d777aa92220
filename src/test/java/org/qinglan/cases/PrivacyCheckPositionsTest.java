package org.qinglan.cases;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * The privacy check tries its plate and address patterns only where a match can begin (trying
 * them at every position of a long case cost about 200 ms on the event loop); it must find
 * exactly what trying every position finds.
 */
class PrivacyCheckPositionsTest {
  /** Pieces that make and break plates and addresses, and plain text around them. */
  private static final String[] PIECES = {
      "路", "街", "大街", "大道", "巷", "弄", "胡同", "里", "号", "栋", "幢", "号楼", "单元", "室", "线", "桌",
      "区", "家", "月", "楼", "在", "住", "到", "的", "解放", "幸福", "和平", "社区", "老人", "居民", "网格员",
      "0", "1", "2", "5", "9", "12", "128", "502", "０", "５", "-", "－", "京", "沪", "浙", "粤", "A", "B", "D", "X",
      "挂", "学", "·", " ", "\n", "，", "。", "abc"};

  private static void assertSameFindings(String text) {
    for (PrivacyCheck.Kind kind : PrivacyCheck.Kind.values()) {
      assertEquals(PrivacyCheck.findings(kind, text, true), PrivacyCheck.findings(kind, text, false),
          kind + " in: " + text);
    }
  }

  @Test
  void findsWhatEveryPositionFindsInTheShippedCases() throws IOException {
    List<Path> files;
    try (Stream<Path> list = Files.list(Path.of("courses", "case-library"))) {
      files = list.filter(p -> p.toString().endsWith(".md")).sorted().toList();
    }
    assertFalse(files.isEmpty());
    StringBuilder all = new StringBuilder();
    for (Path f : files) {
      String text = Files.readString(f, StandardCharsets.UTF_8);
      assertSameFindings(text);
      all.append(text);
    }
    assertSameFindings(all.toString());
  }

  @Test
  void findsWhatEveryPositionFindsInMadeUpTexts() {
    Random random = new Random(13);
    int withFindings = 0;
    for (int i = 0; i < 3000; i++) {
      StringBuilder text = new StringBuilder();
      int pieces = 1 + random.nextInt(60);
      for (int j = 0; j < pieces; j++) {
        text.append(PIECES[random.nextInt(PIECES.length)]);
      }
      assertSameFindings(text.toString());
      withFindings += PrivacyCheck.scan(text.toString()).isEmpty() ? 0 : 1;
    }
    assertFalse(withFindings < 40, "the made-up texts must hold findings too, not only plain text: " + withFindings);
  }

  @Test
  void everyKindIsFoundWhereItStarts() {
    List<String> texts = new ArrayList<>();
    String han = "甲乙丙丁戊己庚辛壬癸子丑寅卯辰巳午未申酉";
    for (int before = 0; before <= han.length(); before++) {
      for (String street : List.of("路", "大街", "胡同", "里")) {
        texts.add(han.substring(0, before) + street + "128号");
        texts.add("住在" + han.substring(0, before) + street + "３－５号，");
      }
    }
    texts.add("老人住在3栋2单元502室，另一位住5号楼1201室");
    texts.add("车牌浙A·12345和粤B D12345，还有京A1234挂");
    texts.add("身份证号11010519491231002X，老证号110105491231002，不是号码的1101051949123100299");
    texts.add("手机 139-1234-5678 或 139 1234 5678，13912345678，113912345678，电话13912345678号楼");
    texts.forEach(PrivacyCheckPositionsTest::assertSameFindings);
    assertEquals("壬癸子丑寅卯辰巳午未申酉胡同128号", PrivacyCheck.scan(han + "胡同128号").get(0).text(),
        "the twelve characters before the street word, as before");
  }
}
