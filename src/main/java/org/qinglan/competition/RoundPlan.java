package org.qinglan.competition;

import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * A round as an organiser declares it, before it is stored: what it is, who advances, and for a
 * knowledge round how it is scored, timed and where its questions come from. {@link #problems}
 * says what is wrong, field by field (the API's field names), in Chinese.
 *
 * <p>The rules: a title of at most {@value #MAX_TITLE} characters; a knowledge round names its
 * scoring, tie-break, timing, opening moment, minutes (1–600) and question source; a window closes
 * after the opening moment plus the minutes, a common start closes at the opening moment plus the
 * minutes (given or not); the closing moment lies ahead; a question allowance, when given, is
 * 5–3600 seconds; a drawn paper asks 1–{@value QuestionSource#MAX_QUESTIONS} questions, a picked
 * one 1–{@value QuestionSource#MAX_QUESTIONS} distinct questions. Judged rounds and finals carry
 * none of the knowledge settings. Advancement by a quota per team needs a competition with teams.
 *
 * @param advancement null: nobody goes on from this round (the last one)
 */
public record RoundPlan(String title, RoundKind kind, Advancement advancement, RoundScoring scoring, TieBreak tieBreak,
                        RoundTiming timing, Instant opensAt, Instant closesAt, Integer minutes, Integer questionSeconds,
                        QuestionSource source) {
  public static final int MAX_TITLE = 100;

  /**
   * What is wrong, by field; empty when the plan can be stored.
   *
   * @param now   the moment of the declaration
   * @param teams whether the competition has teams (a quota per team needs them)
   */
  public Map<String, String> problems(Instant now, boolean teams) {
    Map<String, String> out = new LinkedHashMap<>();
    if (title == null || title.isBlank()) {
      out.put("title", "请填写轮次名称");
    } else if (title.strip().length() > MAX_TITLE) {
      out.put("title", "轮次名称不能超过 " + MAX_TITLE + " 个字");
    }
    if (kind == null) {
      out.put("kind", "请选择轮次类型：知识赛（KNOWLEDGE）、案例分析赛（CASE_ANALYSIS）或现场决赛（LIVE_FINAL）");
      return out;
    }
    if (advancement != null && advancement.kind() == Advancement.Kind.QUOTA_PER_TEAM && !teams) {
      out.put("advancement", "本比赛不分队，不能按每队名额晋级");
    }
    if (kind != RoundKind.KNOWLEDGE) {
      String what = kind.label() + "不设";
      if (scoring != null) {
        out.put("scoring", what + "计分方式（只有知识赛设置）");
      }
      if (tieBreak != null) {
        out.put("tieBreak", what + "并列规则（只有知识赛设置）");
      }
      if (timing != null || opensAt != null || closesAt != null || minutes != null) {
        out.put("timing", what + "答题时间（只有知识赛设置）");
      }
      if (questionSeconds != null) {
        out.put("questionSeconds", what + "每题限时（只有知识赛设置）");
      }
      if (source != null) {
        out.put("questionSource", what + "题目来源（只有知识赛设置）");
      }
      return out;
    }
    if (scoring == null) {
      out.put("scoring", "请选择计分方式：答对优先、用时次之（CORRECT_THEN_TIME）或速度积分（SPEED_POINTS）");
    }
    if (tieBreak == null) {
      out.put("tieBreak", "请选择并列规则：并列（NONE）、先交卷者在前（EARLIER_SUBMISSION）或答错少者在前（FEWER_WRONG）");
    }
    if (timing == null) {
      out.put("timing", "请选择计时方式：时段内自由进入（WINDOW）或统一开始（COMMON_START）");
    }
    if (minutes == null) {
      out.put("minutes", "请填写答题时长（分钟）");
    } else if (minutes < 1 || minutes > 600) {
      out.put("minutes", "答题时长须在 1 到 600 分钟之间");
    }
    if (opensAt == null) {
      out.put("opensAt", "请填写开始时间");
    }
    if (timing == RoundTiming.WINDOW) {
      if (closesAt == null) {
        out.put("closesAt", "时段内自由进入的轮次须填写截止时间");
      } else if (opensAt != null && !closesAt.isAfter(opensAt)) {
        out.put("closesAt", "截止时间须晚于开始时间");
      } else if (opensAt != null && minutes != null && minutes >= 1
          && closesAt.isBefore(opensAt.plus(Duration.ofMinutes(minutes)))) {
        out.put("closesAt", "开始到截止之间须至少留出一次完整的答题时长（" + minutes + " 分钟）");
      } else if (!closesAt.isAfter(now)) {
        out.put("closesAt", "截止时间已过");
      }
    } else if (timing == RoundTiming.COMMON_START && opensAt != null && minutes != null && minutes >= 1) {
      Instant end = opensAt.plus(Duration.ofMinutes(minutes));
      if (closesAt != null && !closesAt.equals(end)) {
        out.put("closesAt", "统一开始的轮次在开始后 " + minutes + " 分钟结束，截止时间不用另填（或填开始时间加答题时长）");
      } else if (!end.isAfter(now)) {
        out.put("opensAt", "开始时间加答题时长已经过去");
      }
    }
    if (questionSeconds != null && (questionSeconds < 5 || questionSeconds > 3600)) {
      out.put("questionSeconds", "每题限时须在 5 到 3600 秒之间");
    }
    if (source == null) {
      out.put("questionSource", "请设置题目来源：按试卷蓝图抽题 {\"blueprint\":…,\"count\":…} 或指定题目 {\"questionIds\":[…]}");
    } else if (source.isDrawn()) {
      if (source.blueprint().isBlank()) {
        out.put("questionSource.blueprint", "请填写试卷蓝图编号");
      }
      if (source.count() < 1 || source.count() > QuestionSource.MAX_QUESTIONS) {
        out.put("questionSource.count", "抽题数量须在 1 到 " + QuestionSource.MAX_QUESTIONS + " 道之间");
      }
    } else if (source.questionIds().isEmpty() || source.questionIds().size() > QuestionSource.MAX_QUESTIONS) {
      out.put("questionSource.questionIds", "请指定 1 到 " + QuestionSource.MAX_QUESTIONS + " 道题目");
    } else if (source.questionIds().stream().distinct().count() < source.questionIds().size()) {
      out.put("questionSource.questionIds", "同一道题目不能指定两次");
    }
    return out;
  }

  /** The closing moment as stored: a common start's is its opening moment plus the minutes. */
  public Instant effectiveClosesAt() {
    if (kind == RoundKind.KNOWLEDGE && timing == RoundTiming.COMMON_START && opensAt != null && minutes != null) {
      return opensAt.plus(Duration.ofMinutes(minutes));
    }
    return closesAt;
  }
}
