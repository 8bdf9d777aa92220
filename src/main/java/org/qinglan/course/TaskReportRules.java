package org.qinglan.course;

/**
 * The rules of a practice task's report (实践任务报告): what a worker may hand in, when they may
 * change it, and when a supervisor may decide on it. A report is the worker's to write while it
 * is a draft or returned; handed in, it waits for one decision: signed off (通过), which completes
 * the lesson, or returned with written feedback (退回修改), after which the worker revises and hands
 * it in again. Pure: no server, no database.
 */
public final class TaskReportRules {
  /** Longest report, in characters (the sanitiser then stays well within its budget on the event loop). */
  public static final int MAX_REPORT_CHARS = 20_000;
  /** Longest feedback of a supervisor. */
  public static final int MAX_FEEDBACK_CHARS = 5_000;

  /** Where a report stands. */
  public enum Status {
    DRAFT("草稿"),
    SUBMITTED("待督导审阅"),
    RETURNED("已退回修改"),
    SIGNED_OFF("已签字通过");

    private final String label;

    Status(String label) {
      this.label = label;
    }

    public String label() {
      return label;
    }

    /** The worker may change the report and hand it in: it is not waiting for a decision nor signed off. */
    public boolean editable() {
      return this == DRAFT || this == RETURNED;
    }
  }

  /** What a supervisor decides on a handed-in report. */
  public enum Decision {
    SIGN_OFF("签字通过"),
    RETURN("退回修改");

    private final String label;

    Decision(String label) {
      this.label = label;
    }

    public String label() {
      return label;
    }
  }

  private TaskReportRules() {
  }

  /** Text as kept: Windows line ends made plain, blank edges trimmed; null is empty. */
  public static String normalise(String text) {
    return text == null ? "" : text.replace("\r\n", "\n").replace('\r', '\n').strip();
  }

  /** Characters as people count them (a Chinese character or an emoji is one). */
  public static int length(String text) {
    return text.codePointCount(0, text.length());
  }

  /**
   * What is wrong with a report's (normalised) text, or null: a draft may be empty, a hand-in may
   * not; neither may be longer than {@link #MAX_REPORT_CHARS}.
   */
  public static String reportProblem(String text, boolean handIn) {
    int n = length(text);
    if (n > MAX_REPORT_CHARS) {
      return "报告最长 " + MAX_REPORT_CHARS + " 字，现在有 " + n + " 字，请删减后再" + (handIn ? "提交" : "保存") + "。";
    }
    if (handIn && text.isBlank()) {
      return "报告是空的，请写好后再提交。";
    }
    return null;
  }

  /** What is wrong with a decision's (normalised) feedback, or null: a return says what to revise. */
  public static String feedbackProblem(Decision d, String feedback) {
    int n = length(feedback);
    if (n > MAX_FEEDBACK_CHARS) {
      return "反馈意见最长 " + MAX_FEEDBACK_CHARS + " 字，现在有 " + n + " 字。";
    }
    if (d == Decision.RETURN && feedback.isBlank()) {
      return "退回修改时，请写明需要修改或补充的地方。";
    }
    return null;
  }

  /** Why the worker may not change the report now, or null when they may. */
  public static String whyLocked(Status s) {
    return switch (s) {
      case DRAFT, RETURNED -> null;
      case SUBMITTED -> "报告已经提交，正在等待督导审阅，暂时不能修改。";
      case SIGNED_OFF -> "这项任务已由督导签字通过，报告不能再修改。";
    };
  }

  /**
   * Why a supervisor may not decide now, or null when they may: the report must be waiting, and
   * be the hand-in they read ({@code handInSeen}), not a later one handed in meanwhile.
   */
  public static String whyNoDecision(Status s, int handIns, int handInSeen) {
    return switch (s) {
      case SIGNED_OFF -> "这份报告已经签字通过，不能再次处理。";
      case DRAFT, RETURNED -> "这份报告已退回或尚未提交，没有等待审阅的版本。";
      case SUBMITTED -> handIns == handInSeen ? null : "学员已重新提交了报告，请先查看最新版本再处理。";
    };
  }
}
