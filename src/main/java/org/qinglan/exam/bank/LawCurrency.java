package org.qinglan.exam.bank;

import java.time.DateTimeException;
import java.time.YearMonth;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Law currency of the bank: an explanation that rests on a statute says up to which month the law
 * was checked ({@code [asof:YYYY-MM]}), so that a later review knows what to recheck when a law
 * is revised.
 */
public final class LawCurrency {
  /** The metadata comment's tag; its value is checked by {@link #parse}. */
  static final Pattern TAG = Pattern.compile("\\[asof:([^\\]]*)]");

  private static final Pattern VALUE = Pattern.compile("(\\d{4})-(\\d{2})");

  /**
   * A statute named in Chinese title marks: 《…法》, 《…法典》, 《…条例》, 《…办法》, 《…规定》, also with a
   * parenthesised suffix inside the marks such as 《…办法（试行）》.
   */
  private static final Pattern STATUTE =
      Pattern.compile("《([^《》]*?(?:法|法典|条例|办法|规定)(?:（[^（）《》]*）)?)》");

  private LawCurrency() {
  }

  /** A parsed {@code [asof:]} value, or why it is not one. */
  public record Result(YearMonth month, String problem) {
  }

  /**
   * The month of an {@code [asof:]} value. {@code latest} is the latest month it may name: a law
   * cannot have been checked in the future.
   */
  public static Result parse(String value, YearMonth latest) {
    String v = value.strip();
    Matcher m = VALUE.matcher(v);
    if (!m.matches()) {
      return new Result(null, "法规核对时间 [asof:" + v + "] 格式有误，应写成 [asof:YYYY-MM]，如 [asof:2026-01]");
    }
    YearMonth month;
    try {
      month = YearMonth.of(Integer.parseInt(m.group(1)), Integer.parseInt(m.group(2)));
    } catch (DateTimeException e) {
      return new Result(null, "法规核对时间 [asof:" + v + "] 中的月份不存在，应写成 [asof:YYYY-MM]，如 [asof:2026-01]");
    }
    if (month.isAfter(latest)) {
      return new Result(null, "法规核对时间 [asof:" + v + "] 晚于当前月份 " + latest + "，不能写未来的月份");
    }
    return new Result(month, null);
  }

  /**
   * The current month in the time zone that reaches it first, so that a file checked on the first
   * of a month anywhere is never "in the future" on a server elsewhere.
   */
  public static YearMonth latestMonth() {
    return YearMonth.now(ZoneOffset.MAX);
  }

  /** The statutes an explanation names, in order of first mention, without the title marks. */
  public static Set<String> statutesNamed(String explanation) {
    Set<String> out = new LinkedHashSet<>();
    Matcher m = STATUTE.matcher(explanation);
    while (m.find()) {
      out.add(m.group(1));
    }
    return out;
  }

  /** Questions whose explanation names a statute but which carry no {@code [asof:]}. */
  public static List<Question> untagged(List<Question> questions) {
    List<Question> out = new ArrayList<>();
    for (Question q : questions) {
      if (q.asOf() == null && !statutesNamed(q.generalFeedback().text()).isEmpty()) {
        out.add(q);
      }
    }
    return out;
  }
}
