package org.qinglan.people;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import java.util.function.Function;
import org.junit.jupiter.api.Test;

class WorkerCsvImportTest {
  private static final OrgUnit JIANGPAN = new OrgUnit(UUID.randomUUID(), UUID.randomUUID(), OrgLevel.COMMUNITY,
      "江畔社区", "/a/b/c/d/e/");
  private static final Function<String, WorkerCsvImport.CommunityMatch> COMMUNITIES = text ->
      text.equals("江畔社区") || text.equals("望江街道/江畔社区")
          ? WorkerCsvImport.CommunityMatch.found(JIANGPAN)
          : WorkerCsvImport.CommunityMatch.problem("社区“" + text + "”不存在或不在您的管辖范围内");

  private static WorkerCsvImport.Plan plan(String csv, Set<String> taken) {
    return WorkerCsvImport.plan("workers.csv", csv.getBytes(StandardCharsets.UTF_8), WorkerFormTest.CATEGORIES,
        COMMUNITIES, taken);
  }

  @Test
  void chineseHeaderWithBom() {
    String csv = "\uFEFF姓名,手机号,社区,岗位类别,岗位等级,入职日期,职业资格,书记或主任\n"
        + "王晓梅,13912345678,江畔社区,正职,9,2020-05-01,社会工作师,是\n"
        + "李建国,13912345679,望江街道/江畔社区,其他,3,,,否\n";
    WorkerCsvImport.Plan p = plan(csv, Set.of());
    assertTrue(p.ok(), p.errors().toString());
    assertEquals(2, p.workers().size());
    assertEquals("13912345678", p.workers().get(0).worker().username());
    assertTrue(p.workers().get(0).worker().secretaryOrDirector());
    assertEquals(Qualification.INTERMEDIATE, p.workers().get(0).worker().qualification());
    assertEquals(3, p.workers().get(1).line());
  }

  @Test
  void englishHeaderWithoutBom() {
    String csv = "username,name,community,post_category,grade\r\nzhao.min,赵敏,江畔社区,DEPUTY,5\r\n";
    WorkerCsvImport.Plan p = plan(csv, Set.of());
    assertTrue(p.ok(), p.errors().toString());
    assertEquals("zhao.min", p.workers().get(0).worker().username());
  }

  @Test
  void everyBadRowIsListedWithItsLineAndNothingIsPlanned() {
    String csv = "姓名,手机号,社区,岗位类别,岗位等级\n"
        + "好人,13900000001,江畔社区,其他,3\n"
        + "\n"
        + "等级太高,13900000002,江畔社区,其他,13\n"
        + "没有社区,13900000003,火星社区,其他,3\n"
        + "重复手机,13900000001,江畔社区,其他,3\n"
        + "已有账号,13900000009,江畔社区,其他,3\n";
    WorkerCsvImport.Plan p = plan(csv, Set.of("13900000009"));
    assertEquals(List.of(), p.workers(), "a file with any error plans nothing");
    assertEquals(4, p.errors().size(), p.errors().toString());
    assertTrue(p.errors().get(0).startsWith("第 4 行：岗位等级 13 超出其他岗位的范围"), p.errors().get(0));
    assertTrue(p.errors().get(1).startsWith("第 5 行：社区“火星社区”不存在"), p.errors().get(1));
    assertTrue(p.errors().get(2).contains("第 6 行") && p.errors().get(2).contains("与第 2 行重复"), p.errors().get(2));
    assertTrue(p.errors().get(3).contains("第 7 行") && p.errors().get(3).contains("已被其他账号使用"), p.errors().get(3));
  }

  @Test
  void missingAndUnknownColumnsAreReportedOnLineOne() {
    WorkerCsvImport.Plan p = plan("姓名,年龄\n王五,30\n", Set.of());
    assertTrue(p.errors().contains("workers.csv 第 1 行：无法识别的列名“年龄”"), p.errors().toString());
  }

  @Test
  void aFileThatIsNotUtf8IsRefusedWithAHint() {
    byte[] gbk = "姓名,社区,岗位类别,岗位等级\n王五,江畔社区,其他,3\n".getBytes(Charset.forName("GBK"));
    WorkerCsvImport.Plan p = WorkerCsvImport.plan("roster.csv", gbk, WorkerFormTest.CATEGORIES, COMMUNITIES, Set.of());
    assertEquals(1, p.errors().size());
    assertTrue(p.errors().get(0).contains("不是 UTF-8 编码"), p.errors().get(0));
  }

  @Test
  void anEmptyFileIsAnError() {
    assertEquals(List.of("workers.csv：文件是空的"), plan("", Set.of()).errors());
    assertEquals(List.of("workers.csv：文件中没有数据行"), plan("姓名,手机号,社区,岗位类别,岗位等级\n", Set.of()).errors());
  }

  @Test
  void usernamesAndMobileNumbersShareOneNamespace() {
    String csv = "用户名,姓名,手机号,社区,岗位类别,岗位等级\n"
        + "zz.one,甲,13655553333,江畔社区,其他,3\n"
        + "13655553333,乙,13655554444,江畔社区,其他,3\n"
        + "13800000001,丙,13655555555,江畔社区,其他,3\n"
        + "Taken.Name,丁,,江畔社区,其他,3\n"
        + "18600000000,戊,18600000000,江畔社区,其他,3\n";
    WorkerCsvImport.Plan p = plan(csv, Set.of("13800000001", "taken.name"));
    assertEquals(3, p.errors().size(), p.errors().toString());
    assertTrue(p.errors().get(0).startsWith("第 3 行：用户名“13655553333”与第 2 行重复"), p.errors().get(0));
    assertTrue(p.errors().get(1).startsWith("第 4 行：用户名“13800000001”已被其他账号使用"), p.errors().get(1));
    assertTrue(p.errors().get(2).startsWith("第 5 行：用户名“Taken.Name”已被其他账号使用"), p.errors().get(2));
  }

  @Test
  void theNamesAFileMentionsAreLowerCasedOnce() {
    String csv = "用户名,姓名,手机号,社区,岗位类别,岗位等级\nZhao.Min,赵敏,13655556666,江畔社区,其他,3\n"
        + ",钱,13655557777,江畔社区,其他,3\n";
    assertEquals(List.of("zhao.min", "13655556666", "13655557777"),
        WorkerCsvImport.mentionedIdentities("w.csv", csv.getBytes(StandardCharsets.UTF_8)));
  }
}
