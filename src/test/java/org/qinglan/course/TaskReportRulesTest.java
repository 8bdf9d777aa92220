package org.qinglan.course;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import org.junit.jupiter.api.Test;
import org.qinglan.course.TaskReportRules.Decision;
import org.qinglan.course.TaskReportRules.Status;

/** What a worker may hand in and when, and when a supervisor may decide. */
class TaskReportRulesTest {

  @Test
  void aDraftMayBeEmptyAHandInMayNotAndNeitherMayBeTooLong() {
    assertNull(TaskReportRules.reportProblem("", false), "an empty draft clears the draft");
    assertEquals("报告是空的，请写好后再提交。", TaskReportRules.reportProblem("", true));
    assertEquals("报告是空的，请写好后再提交。", TaskReportRules.reportProblem(TaskReportRules.normalise(" \r\n\t "), true));
    assertNull(TaskReportRules.reportProblem("走访了六户。", true));

    String atTheLimit = "访".repeat(TaskReportRules.MAX_REPORT_CHARS);
    assertNull(TaskReportRules.reportProblem(atTheLimit, true));
    assertEquals("报告最长 20000 字，现在有 20001 字，请删减后再提交。",
        TaskReportRules.reportProblem(atTheLimit + "。", true));
    assertEquals("报告最长 20000 字，现在有 20001 字，请删减后再保存。",
        TaskReportRules.reportProblem(atTheLimit + "。", false));
  }

  @Test
  void lengthCountsCharactersAsPeopleDo() {
    String emoji = "\uD83D\uDE00"; // one character, two UTF-16 units
    assertEquals(3, TaskReportRules.length("走访" + emoji));
    assertNull(TaskReportRules.reportProblem(emoji.repeat(TaskReportRules.MAX_REPORT_CHARS), true));
  }

  @Test
  void textIsKeptWithPlainLineEndsAndNoBlankEdges() {
    assertEquals("第一行\n第二行", TaskReportRules.normalise("\r\n 第一行\r\n第二行\r\n"));
    assertEquals("", TaskReportRules.normalise(null));
  }

  @Test
  void aReturnSaysWhatToReviseASignOffMaySayNothing() {
    assertNull(TaskReportRules.feedbackProblem(Decision.SIGN_OFF, ""));
    assertEquals("退回修改时，请写明需要修改或补充的地方。", TaskReportRules.feedbackProblem(Decision.RETURN, ""));
    assertNull(TaskReportRules.feedbackProblem(Decision.RETURN, "补充第三户的随访安排。"));
    assertEquals("反馈意见最长 5000 字，现在有 5001 字。",
        TaskReportRules.feedbackProblem(Decision.SIGN_OFF, "好".repeat(5001)));
  }

  @Test
  void theWorkerWritesWhileTheReportIsTheirs() {
    assertNull(TaskReportRules.whyLocked(Status.DRAFT));
    assertNull(TaskReportRules.whyLocked(Status.RETURNED));
    assertEquals("报告已经提交，正在等待督导审阅，暂时不能修改。", TaskReportRules.whyLocked(Status.SUBMITTED));
    assertEquals("这项任务已由督导签字通过，报告不能再修改。", TaskReportRules.whyLocked(Status.SIGNED_OFF));
    for (Status s : Status.values()) {
      assertEquals(s.editable(), TaskReportRules.whyLocked(s) == null, s.name());
    }
  }

  @Test
  void aSupervisorDecidesOnceOnTheHandInTheyRead() {
    assertNull(TaskReportRules.whyNoDecision(Status.SUBMITTED, 2, 2));
    assertEquals("学员已重新提交了报告，请先查看最新版本再处理。", TaskReportRules.whyNoDecision(Status.SUBMITTED, 3, 2));
    assertEquals("这份报告已经签字通过，不能再次处理。", TaskReportRules.whyNoDecision(Status.SIGNED_OFF, 2, 2));
    assertEquals("这份报告已退回或尚未提交，没有等待审阅的版本。", TaskReportRules.whyNoDecision(Status.RETURNED, 2, 2));
    assertEquals("这份报告已退回或尚未提交，没有等待审阅的版本。", TaskReportRules.whyNoDecision(Status.DRAFT, 0, 0));
  }
}
