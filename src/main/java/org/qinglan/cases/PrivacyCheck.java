package org.qinglan.cases;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Finds personal data that has no place in a teaching case (client confidentiality is part of
 * social-work ethics): ID-card numbers, mobile numbers, car plates and exact addresses with
 * house or room numbers. A hit is not proof — the author may confirm it is fictional — but it
 * must be looked at before the case is submitted.
 */
public final class PrivacyCheck {

  /** Kinds of personal data. */
  public enum Kind {
    ID_CARD("身份证号"), MOBILE("手机号"), CAR_PLATE("车牌号"), ADDRESS("详细地址");

    private final String label;

    Kind(String label) {
      this.label = label;
    }

    public String label() {
      return label;
    }
  }

  /** One hit: what it looks like, where it is in the text (character offsets). */
  public record Finding(Kind kind, String text, int start, int end) {
  }

  private static final Pattern ID_CARD = Pattern.compile(
      "(?<![0-9A-Za-z])(?:[1-9]\\d{5}(?:18|19|20)\\d{2}(?:0[1-9]|1[0-2])(?:0[1-9]|[12]\\d|3[01])\\d{3}[0-9Xx]"
          + "|[1-9]\\d{7}(?:0[1-9]|1[0-2])(?:0[1-9]|[12]\\d|3[01])\\d{3})(?![0-9A-Za-z])");
  private static final Pattern MOBILE = Pattern.compile("(?<!\\d)1[3-9]\\d[ -]?\\d{4}[ -]?\\d{4}(?!\\d)");
  /** The one-character abbreviations of the provinces that begin a car plate. */
  private static final String PROVINCES = "京津沪渝冀豫云辽黑湘皖鲁新苏浙赣鄂桂甘晋蒙陕吉闽贵粤青藏川宁琼";
  private static final Pattern CAR_PLATE = Pattern.compile(
      "[" + PROVINCES + "][A-HJ-NP-Z][·•・ ]?[A-HJ-NP-Z0-9]{4,5}[A-HJ-NP-Z0-9挂学警]");
  /**
   * An exact address: a street, road or lane with a house number (解放路128号, 幸福里5号), or a
   * building with a unit or room (3栋2单元502室, 3号楼502室). A building alone (3号楼) is not one;
   * nor is 里 after a place or a time (小区里3号楼, 这个月里15号), nor a line, desk or contestant number.
   */
  private static final Pattern ADDRESS = Pattern.compile(
      "[\\u4e00-\\u9fa5]{1,12}(?:路|街|大街|大道|巷|弄|胡同|(?<![区家屋院楼层月周天年日这那心中内村室伍队组道场所堂馆校店间房厅])里)"
          + "[0-9０-９]+(?:[-－][0-9０-９]+)?号(?![线文令桌床窗台选])"
          + "|[0-9０-９]+(?:栋|幢|号楼)[0-9０-９]+单元[0-9０-９]+(?:室|号)?"
          + "|[0-9０-９]+(?:栋|幢|号楼)[0-9０-９]{3,4}(?:室|号)");
  /** Words that lead into an address (住在, 位于 …): the finding starts after the last of them. */
  private static final String LEAD_IN = "在住到至从的与及是往";

  /** The confirmation checkbox's label on the edit page. */
  public static final String CONFIRM_LABEL = "确认文中被标出的号码、地址等内容均为虚构";

  /** What the author can do about findings. */
  public static String advice() {
    return "请删改后保存；如确属虚构，请勾选下方“" + CONFIRM_LABEL + "”后保存，再提交审核。";
  }

  private PrivacyCheck() {
  }

  /** Every finding in the text, in order of position. */
  public static List<Finding> scan(String text) {
    List<Finding> out = new ArrayList<>();
    if (text == null || text.isEmpty()) {
      return out;
    }
    for (Kind kind : Kind.values()) {
      out.addAll(findings(kind, text, false));
    }
    out.sort(Comparator.comparingInt(Finding::start));
    // An ID number also looks like a phone number inside it; keep the longer, earlier finding.
    List<Finding> kept = new ArrayList<>();
    for (Finding f : out) {
      if (kept.isEmpty() || f.start() >= kept.get(kept.size() - 1).end()) {
        kept.add(f);
      }
    }
    return kept;
  }

  /**
   * The first digit ([0-9０-９]) of an address is where it starts (3栋2单元502室), or it follows
   * the street word, up to 12 Chinese characters and a two-character street word (大街, 胡同)
   * after the start (解放路128号).
   */
  static final int ADDRESS_DIGIT_REACH = 14;
  /** The last characters of the street words (路, 街, 大街, 大道, 巷, 弄, 胡同, 里). */
  private static final String STREET_WORD_ENDS = "路街道巷弄同里";

  private static int addressReach(String text, int i) {
    char c = text.charAt(i);
    if (!(c >= '0' && c <= '9' || c >= '０' && c <= '９')) {
      return -1;
    }
    return i > 0 && STREET_WORD_ENDS.indexOf(text.charAt(i - 1)) >= 0 ? ADDRESS_DIGIT_REACH : 0;
  }

  /**
   * The matches of one kind, overlaps not yet resolved. The patterns, tried at every position of
   * a long text, cost about 200 ms of CPU for a case of 100,000 characters (on the event loop,
   * mostly the address pattern), so they are tried only where a match can begin: an ID number at
   * a digit 1-9, a mobile number at a 1, a plate at a province's character, an address as
   * {@link #addressReach} says. {@code everyPosition} tries them everywhere, the reference this is
   * tested against.
   */
  static List<Finding> findings(Kind kind, String text, boolean everyPosition) {
    List<Finding> out = new ArrayList<>();
    switch (kind) {
      case ID_CARD -> {
        if (everyPosition) {
          find(ID_CARD, kind, text, out);
        } else {
          find(ID_CARD, kind, text, out, (t, i) -> t.charAt(i) >= '1' && t.charAt(i) <= '9' ? 0 : -1);
        }
      }
      case MOBILE -> {
        if (everyPosition) {
          find(MOBILE, kind, text, out);
        } else {
          find(MOBILE, kind, text, out, (t, i) -> t.charAt(i) == '1' ? 0 : -1);
        }
      }
      case CAR_PLATE -> {
        if (everyPosition) {
          find(CAR_PLATE, kind, text, out);
        } else {
          find(CAR_PLATE, kind, text, out, (t, i) -> PROVINCES.indexOf(t.charAt(i)) >= 0 ? 0 : -1);
        }
      }
      case ADDRESS -> {
        if (everyPosition) {
          find(ADDRESS, kind, text, out);
        } else {
          find(ADDRESS, kind, text, out, PrivacyCheck::addressReach);
        }
      }
      default -> throw new IllegalArgumentException(kind.name());
    }
    return out;
  }

  private static void find(Pattern p, Kind kind, String text, List<Finding> out) {
    Matcher m = p.matcher(text);
    while (m.find()) {
      add(m, kind, text, out);
    }
  }

  /**
   * The matches {@link Matcher#find()} gives, in the same order, tried only at the positions
   * where one can begin: every match has a character at which {@code reach} says how far
   * before it the match may start. The bounds are transparent, so look-behinds see the text
   * before the position tried, as they do for find().
   */
  static void find(Pattern p, Kind kind, String text, List<Finding> out, Reach reach) {
    int length = text.length();
    boolean[] mayStart = new boolean[length];
    for (int i = 0; i < length; i++) {
      int before = reach.before(text, i);
      for (int j = Math.max(0, i - before); before >= 0 && j <= i; j++) {
        mayStart[j] = true;
      }
    }
    Matcher m = p.matcher(text).useTransparentBounds(true).useAnchoringBounds(false);
    int at = 0;
    while (at < length) {
      if (mayStart[at]) {
        m.region(at, length);
        if (m.lookingAt()) {
          add(m, kind, text, out);
          at = Math.max(m.end(), at + 1);
          continue;
        }
      }
      at++;
    }
  }

  /** Where matches may start, seen from one of their characters. */
  @FunctionalInterface
  interface Reach {
    /** How many characters before {@code i} a match holding it may start; -1: no match is anchored at i. */
    int before(String text, int i);
  }

  private static void add(Matcher m, Kind kind, String text, List<Finding> out) {
    int start = m.start();
    if (kind == Kind.ADDRESS) {
      for (int i = m.start(); i < m.end() && !Character.isDigit(text.charAt(i)); i++) {
        if (LEAD_IN.indexOf(text.charAt(i)) >= 0) {
          start = i + 1;
        }
      }
    }
    out.add(new Finding(kind, text.substring(start, m.end()), start, m.end()));
  }

  /** Characters of context shown on either side of a finding in a long line. */
  private static final int CONTEXT = 24;
  /** Formatting syntax at the start of a line (heading, quote, list item), not shown to authors. */
  private static final Pattern LINE_SYNTAX = Pattern.compile("\\s*(?:#{1,6}\\s+|>\\s*|[-*+]\\s+|\\d+[.)]\\s+)");

  /**
   * Only the lines with findings, as HTML with every finding marked and the rest escaped: a long
   * line is cut to some context around its findings (…), and a line's formatting syntax is left out.
   */
  public static String markedLines(String text, List<Finding> findings) {
    List<String> lines = new ArrayList<>();
    int i = 0;
    while (i < findings.size()) {
      Finding first = findings.get(i);
      int lineStart = text.lastIndexOf('\n', first.start() - 1) + 1;
      int lineEnd = text.indexOf('\n', first.end());
      lineEnd = lineEnd < 0 ? text.length() : lineEnd;
      List<Finding> inLine = new ArrayList<>();
      while (i < findings.size() && findings.get(i).start() < lineEnd) {
        inLine.add(findings.get(i++));
      }
      int from = Math.max(lineStart, first.start() - CONTEXT);
      int to = Math.min(lineEnd, inLine.get(inLine.size() - 1).end() + CONTEXT);
      boolean cut = from > lineStart;
      if (!cut) {
        Matcher syntax = LINE_SYNTAX.matcher(text).region(lineStart, first.start());
        if (syntax.lookingAt()) {
          from = syntax.end();
        }
      }
      StringBuilder sb = new StringBuilder(cut ? "…" : "");
      int at = from;
      for (Finding f : inLine) {
        sb.append(org.qinglan.web.RichText.escape(text.substring(at, f.start()))).append("<mark title=\"")
            .append(f.kind().label()).append("\">").append(org.qinglan.web.RichText.escape(f.text())).append("</mark>");
        at = f.end();
      }
      sb.append(org.qinglan.web.RichText.escape(text.substring(at, to))).append(to < lineEnd ? "…" : "");
      lines.add(sb.toString());
    }
    return String.join("<br>", lines);
  }
}
