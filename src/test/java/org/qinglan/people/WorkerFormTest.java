package org.qinglan.people;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.LocalDate;
import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;

class WorkerFormTest {
  static final Map<String, PostCategory> CATEGORIES = new LinkedHashMap<>();

  static {
    CATEGORIES.put("HEAD", new PostCategory("HEAD", "正职", 7, 18));
    CATEGORIES.put("DEPUTY", new PostCategory("DEPUTY", "副职", 4, 15));
    CATEGORIES.put("OTHER", new PostCategory("OTHER", "其他", 1, 12));
  }

  private static WorkerForm form(String category, String grade) {
    return new WorkerForm(null, "13912345678", "王晓梅", category, grade, "2021/3/1", "本科", "助理社会工作师",
        "ZS2022-001", "2022-11-15", false, false);
  }

  @Test
  void acceptsAValidWorkerAndNormalisesValues() {
    WorkerForm.Result r = form("正职", "7").validate(CATEGORIES);
    assertTrue(r.ok(), r.errors().toString());
    assertEquals("13912345678", r.valid().username(), "the mobile number stands in for a missing username");
    assertEquals(LocalDate.of(2021, 3, 1), r.valid().hireDate());
    assertEquals(Qualification.ASSISTANT, r.valid().qualification());
    assertEquals("HEAD", r.valid().postCategory().code());
  }

  @Test
  void gradeRangesDependOnThePostCategory() {
    assertTrue(form("HEAD", "18").validate(CATEGORIES).ok());
    assertTrue(form("DEPUTY", "4").validate(CATEGORIES).ok());
    assertTrue(form("OTHER", "12").validate(CATEGORIES).ok());
    assertEquals("岗位等级 6 超出正职岗位的范围（7–18 级）", form("HEAD", "6").validate(CATEGORIES).errors().get(0));
    assertEquals("岗位等级 16 超出副职岗位的范围（4–15 级）", form("副职", "16").validate(CATEGORIES).errors().get(0));
    assertEquals("岗位等级 13 超出其他岗位的范围（1–12 级）", form("OTHER", "13").validate(CATEGORIES).errors().get(0));
  }

  @Test
  void reportsEveryProblemAtOnce() {
    WorkerForm bad = new WorkerForm(null, "12345", " ", "班长", "x", "2021-13-40", null, "博士", null, null, false, false);
    WorkerForm.Result r = bad.validate(CATEGORIES);
    assertEquals(6, r.errors().size(), r.errors().toString());
  }

  @Test
  void certificateWithoutQualificationIsAnError() {
    WorkerForm f = new WorkerForm("zhang", null, "张三", "OTHER", "3", null, null, "无", "ZS-1", null, false, false);
    assertEquals("未持有职业资格时不应填写证书编号或取得日期", f.validate(CATEGORIES).errors().get(0));
  }

  @Test
  void flagsReadChineseAndEnglish() {
    assertEquals(true, WorkerForm.parseFlag("是"));
    assertEquals(false, WorkerForm.parseFlag("否"));
    assertEquals(true, WorkerForm.parseFlag("TRUE"));
    assertEquals(false, WorkerForm.parseFlag(""));
    assertEquals(null, WorkerForm.parseFlag("也许"));
  }
}
