package org.qinglan.cases;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

class PrivacyCheckTest {

  private static List<PrivacyCheck.Kind> kinds(String text) {
    return PrivacyCheck.scan(text).stream().map(PrivacyCheck.Finding::kind).toList();
  }

  @Test
  void findsEachKindOfPersonalData() {
    assertEquals(List.of(PrivacyCheck.Kind.ID_CARD), kinds("张某身份证号为 11010519491231002X，已核实。"));
    assertEquals(List.of(PrivacyCheck.Kind.ID_CARD), kinds("老证号110105491231002。"));
    assertEquals(List.of(PrivacyCheck.Kind.MOBILE), kinds("联系电话：13912345678"));
    assertEquals(List.of(PrivacyCheck.Kind.MOBILE, PrivacyCheck.Kind.MOBILE), kinds("手机 139-1234-5678 或 139 1234 5678"));
    assertEquals(List.of(PrivacyCheck.Kind.CAR_PLATE), kinds("车牌浙A·12345的车辆长期占用消防通道"));
    assertEquals(List.of(PrivacyCheck.Kind.CAR_PLATE), kinds("粤B D12345 是新能源车"));
    assertEquals(List.of(PrivacyCheck.Kind.ADDRESS), kinds("住在解放路128号院内"));
    assertEquals(List.of(PrivacyCheck.Kind.ADDRESS), kinds("家住3栋2单元502室"));
  }

  @Test
  void vagueDescriptionsAreFine() {
    assertEquals(List.of(), kinds("家住某小区3栋，张阿姨今年78岁，2023年入住，电话已留存。"));
    assertEquals(List.of(), kinds("共有120户，其中60岁以上老人45人，项目经费8万元。"));
    assertEquals(List.of(), kinds("2024年3月15日召开议事会"));
  }

  @Test
  void ordinaryPhrasesAreNotAddresses() {
    for (String text : List.of("社区服务中心", "文化路社区服务中心二楼", "3号楼的居民", "小区里3号楼的居民反映漏水",
        "这个月里15号召开议事会", "队伍里3号选手", "活动室里1号桌", "社区里2号文件", "街道里2号会议室", "解放路2号线公交车",
        "走访了5栋楼", "东湖街道3号网格", "每月的15号")) {
      assertEquals(List.of(), PrivacyCheck.scan(text), text);
    }
  }

  @Test
  void anExactAddressIsAStreetAndNumberOrABuildingAndRoom() {
    assertEquals(List.of("建国路88号"), texts("家住建国路88号"));
    assertEquals(List.of("解放路128号"), texts("住在解放路128号院内"));
    assertEquals(List.of("健康路2-3号"), texts("健康路2-3号"));
    assertEquals(List.of("幸福里5号"), texts("老人住幸福里5号"));
    assertEquals(List.of("和平路5号", "向阳路7号"), texts("从和平路5号搬到向阳路7号"));
    assertEquals(List.of("3号楼502室"), texts("3号楼502室"));
    assertEquals(List.of("5幢1单元302"), texts("5幢1单元302"));
  }

  @Test
  void theConfirmationNamesTheCheckboxAsItReads() {
    assertTrue(PrivacyCheck.advice().contains("“" + PrivacyCheck.CONFIRM_LABEL + "”"), PrivacyCheck.advice());
  }

  private static List<String> texts(String text) {
    return PrivacyCheck.scan(text).stream().map(PrivacyCheck.Finding::text).toList();
  }

  @Test
  void theMarkedTextEscapesEverythingElse() {
    String text = "<b>电话</b>13912345678";
    String html = PrivacyCheck.markedLines(text, PrivacyCheck.scan(text));
    assertEquals("&lt;b&gt;电话&lt;/b&gt;<mark title=\"手机号\">13912345678</mark>", html);
  }

  @Test
  void theMarkedLinesAreTheFindingsInTheirSentenceWithoutTheTextsSyntax() {
    String text = "楼道纠纷\n## 背景\n- 摊主老周（身份证号110105194912310021）与邻摊争执，电话13912345678。\n别的段落。\n"
        + "这是一段很长很长的叙述，".repeat(5) + "住在解放路128号院内。";
    assertEquals("摊主老周（身份证号<mark title=\"身份证号\">110105194912310021</mark>）与邻摊争执，电话"
        + "<mark title=\"手机号\">13912345678</mark>。<br>…一段很长很长的叙述，这是一段很长很长的叙述，住在"
        + "<mark title=\"详细地址\">解放路128号</mark>院内。", PrivacyCheck.markedLines(text, PrivacyCheck.scan(text)));
  }

  @Test
  void theShippedCasesAreClean() throws IOException {
    try (Stream<Path> files = Files.list(Path.of("courses", "case-library"))) {
      for (Path f : files.filter(p -> p.toString().endsWith(".md")).toList()) {
        List<PrivacyCheck.Finding> hits = PrivacyCheck.scan(Files.readString(f, StandardCharsets.UTF_8));
        assertTrue(hits.isEmpty(), f + ": " + hits);
      }
    }
  }
}
