package org.qinglan.exam.bank;

import java.time.YearMonth;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Moodle's GIFT format, as Moodle's own importer reads it (qformat_gift), with Qinglan's
 * {@code // [id:…] [tag:…] [asof:YYYY-MM]} metadata comments. Every problem of a file is reported with its
 * line; parsing goes on after an error so that one run lists them all.
 */
public final class GiftParser {
  // Escaped characters become private-use placeholders while the structure is parsed.
  private static final char BACKSLASH = '\uE000';
  private static final char COLON = '\uE001';
  private static final char HASH = '\uE002';
  private static final char EQUALS = '\uE003';
  private static final char OPEN = '\uE004';
  private static final char CLOSE = '\uE005';
  private static final char TILDE = '\uE006';
  private static final char NEWLINE = '\uE007';

  private static final Pattern WEIGHT = Pattern.compile("^%(-?\\d+(?:\\.\\d+)?)%");
  private static final Pattern ID = Pattern.compile("\\[id:([^\\]]+)]");
  private static final Pattern TAG = Pattern.compile("\\[tag:([^\\]]+)]");
  private static final Pattern FORMAT = Pattern.compile("^\\[(html|moodle|plain|markdown)]", Pattern.CASE_INSENSITIVE);

  private GiftParser() {
  }

  public static ParsedFile parse(String fileName, String content) {
    return parse(fileName, content, LawCurrency.latestMonth());
  }

  /** As {@link #parse(String, String)}, with {@code latestAsOf} the latest month an {@code [asof:]} may name. */
  public static ParsedFile parse(String fileName, String content, YearMonth latestAsOf) {
    List<Question> questions = new ArrayList<>();
    List<ParseError> errors = new ArrayList<>();
    String text = content.startsWith("\uFEFF") ? content.substring(1) : content;
    String[] lines = text.split("\\r?\\n|\\r", -1);
    List<String> category = List.of();
    java.util.Map<String, Integer> idLines = new java.util.HashMap<>();
    int i = 0;
    while (i < lines.length) {
      if (lines[i].isBlank()) {
        i++;
        continue;
      }
      int start = i;
      List<String> block = new ArrayList<>();
      while (i < lines.length && !lines[i].isBlank()) {
        block.add(lines[i]);
        i++;
      }
      Block b = new Block(block, start + 1);
      if (b.body.isEmpty()) {
        continue; // comments only
      }
      if (b.body.startsWith("$CATEGORY:")) {
        int eol = b.body.indexOf('\n');
        String path = (eol < 0 ? b.body.substring(10) : b.body.substring(10, eol)).strip();
        category = CategoryPathText.parse(path);
        if (eol < 0) {
          continue;
        }
        b = b.rest(eol + 1);
        if (b.body.isBlank()) {
          continue;
        }
      }
      List<String> problems = new ArrayList<>();
      Question q = readQuestion(b, category, latestAsOf, problems);
      if (q != null) {
        problems.addAll(QuestionRules.check(q));
        if (q.id() != null) {
          Integer earlier = idLines.putIfAbsent(q.id(), q.line());
          if (earlier != null) {
            problems.add("编号与第 " + earlier + " 行的题目重复");
          }
        }
      }
      for (String p : new java.util.LinkedHashSet<>(problems)) {
        errors.add(new ParseError(b.firstLine(), describe(b) + p));
      }
      if (q != null && problems.isEmpty()) {
        questions.add(q);
      }
    }
    return new ParsedFile(fileName, questions, errors);
  }

  /** How an error names its question: by id, else by ::name::, else not at all (the line says where). */
  private static String describe(Block b) {
    String id = firstGroup(ID, b.comments);
    if (id != null) {
      return "题目 " + id.strip() + "：";
    }
    if (b.body.startsWith("::")) {
      int end = b.body.indexOf("::", 2);
      if (end > 2) {
        return "题目“" + unescape(escape(b.body.substring(2, end))).strip() + "”：";
      }
    }
    return "";
  }

  /** One blank-line-separated block: its comments set aside, the rest joined with newlines. */
  private static final class Block {
    final String comments;
    final String body;
    /** Line of the file where each character of {@code body} sits. */
    final int[] lineOf;
    final int startLine;

    Block(List<String> lines, int startLine) {
      this.startLine = startLine;
      StringBuilder c = new StringBuilder();
      StringBuilder out = new StringBuilder();
      List<Integer> lineNumbers = new ArrayList<>();
      for (int k = 0; k < lines.size(); k++) {
        String line = lines.get(k);
        if (line.strip().startsWith("//")) {
          c.append(line.strip()).append('\n');
          continue;
        }
        if (out.length() > 0) {
          out.append('\n');
          lineNumbers.add(startLine + k);
        }
        out.append(line);
        for (int n = 0; n < line.length(); n++) {
          lineNumbers.add(startLine + k);
        }
      }
      // Trim the body but keep the line map aligned.
      int from = 0;
      while (from < out.length() && Character.isWhitespace(out.charAt(from))) {
        from++;
      }
      int to = out.length();
      while (to > from && Character.isWhitespace(out.charAt(to - 1))) {
        to--;
      }
      this.comments = c.toString();
      this.body = out.substring(from, to);
      this.lineOf = lineNumbers.subList(from, to).stream().mapToInt(Integer::intValue).toArray();
    }

    private Block(String comments, String body, int[] lineOf, int startLine) {
      this.comments = comments;
      this.body = body;
      this.lineOf = lineOf;
      this.startLine = startLine;
    }

    Block rest(int offset) {
      String restBody = body.substring(offset);
      int lead = 0;
      while (lead < restBody.length() && Character.isWhitespace(restBody.charAt(lead))) {
        lead++;
      }
      int[] map = java.util.Arrays.copyOfRange(lineOf, offset + lead, lineOf.length);
      return new Block(comments, restBody.substring(lead), map, map.length > 0 ? map[0] : startLine);
    }

    int firstLine() {
      return lineOf.length > 0 ? lineOf[0] : startLine;
    }
  }

  private static Question readQuestion(Block b, List<String> category, YearMonth latestAsOf,
                                       List<String> problems) {
    String text = escape(b.body);
    String id = firstGroup(ID, b.comments);
    List<String> tags = new ArrayList<>();
    Matcher tm = TAG.matcher(b.comments);
    while (tm.find()) {
      tags.add(tm.group(1).strip());
    }
    YearMonth asOf = null;
    Matcher am = LawCurrency.TAG.matcher(b.comments);
    for (int count = 0; am.find(); count++) {
      LawCurrency.Result r = LawCurrency.parse(am.group(1), latestAsOf);
      if (count == 1) {
        problems.add("一个题目只能有一个 [asof:…] 法规核对时间");
      } else if (r.problem() != null) {
        problems.add(r.problem());
      } else if (count == 0) {
        asOf = r.month();
      }
    }
    String name = null;
    if (text.startsWith("::")) {
      int end = text.indexOf("::", 2);
      if (end < 0) {
        problems.add("题目名称缺少结尾的 ::");
        return null;
      }
      name = unescape(text.substring(2, end)).strip();
      text = text.substring(end + 2).strip();
    }
    int open = text.indexOf('{');
    int close = text.indexOf('}');
    boolean description = open < 0 && close < 0;
    if (!description && (open < 0 || close < 0 || close < open)) {
      problems.add(open < 0 ? "缺少 {：答案部分没有开始" : close < 0 ? "缺少 }：答案部分没有结束" : "花括号顺序错误");
      return null;
    }
    if (!description && text.indexOf('{', open + 1) >= 0 && text.indexOf('{', open + 1) < close) {
      problems.add("答案部分里出现了未转义的 {（文字中的花括号要写成 \\{）");
      return null;
    }
    if (!description && text.indexOf('}', close + 1) >= 0) {
      problems.add("答案部分之后还有未转义的 }（文字中的花括号要写成 \\}）");
      return null;
    }
    String answerText = description ? "" : text.substring(open + 1, close).strip();
    String stemText;
    if (description) {
      stemText = text;
    } else if (close == text.length() - 1) {
      stemText = text.substring(0, open);
    } else {
      stemText = text.substring(0, open) + "_____" + text.substring(close + 1);
    }
    String general = "";
    int gf = answerText.lastIndexOf("####");
    if (gf >= 0) {
      general = answerText.substring(gf + 4);
      answerText = answerText.substring(0, gf).strip();
    }
    FormattedText stem = formatted(stemText.strip(), TextFormat.MOODLE);
    TextFormat stemFormat = stem.format();
    FormattedText generalFeedback = formatted(general.strip(), stemFormat);
    if (name == null) {
      String plain = stem.text().replaceAll("<[^>]*>", "").strip();
      name = plain.length() > 80 ? plain.substring(0, 80) : plain;
    }
    String flat = answerText.replace('\n', ' ').strip();
    List<Answer> answers = new ArrayList<>();
    List<MatchPair> pairs = new ArrayList<>();
    QuestionType type;
    if (description) {
      type = QuestionType.DESCRIPTION;
    } else if (flat.isEmpty()) {
      type = Rubrics.isCaseAnalysis(generalFeedback.text()) ? QuestionType.CASE_ANALYSIS : QuestionType.ESSAY;
    } else if (flat.charAt(0) == '#') {
      type = QuestionType.NUMERICAL;
      readNumerical(flat.substring(1), stemFormat, answers, problems);
    } else if (flat.indexOf('~') >= 0) {
      boolean single = flat.indexOf('=') >= 0;
      type = single ? QuestionType.SINGLE_CHOICE : QuestionType.MULTIPLE_CHOICE;
      readChoices(flat, stemFormat, answers, problems);
    } else if (flat.indexOf('=') >= 0 && flat.contains("->")) {
      type = QuestionType.MATCHING;
      readMatching(flat, stemFormat, pairs, problems);
    } else {
      String check = flat.indexOf('#') > 0 ? flat.substring(0, flat.indexOf('#')).strip() : flat;
      String upper = check.toUpperCase(Locale.ROOT);
      if (check.equals("T") || check.equals("TRUE") || check.equals("F") || check.equals("FALSE")) {
        type = QuestionType.TRUE_FALSE;
        readTrueFalse(flat, upper.startsWith("T"), stemFormat, answers);
      } else {
        type = QuestionType.SHORT_ANSWER;
        readShortAnswers(flat, stemFormat, answers, problems);
      }
    }
    if (!problems.isEmpty()) {
      return null;
    }
    List<RubricPoint> rubric = type == QuestionType.CASE_ANALYSIS ? Rubrics.parse(generalFeedback.text()) : List.of();
    return new Question(id == null ? null : id.strip(), name, category, type, stem, answers, pairs, generalFeedback,
        tags, rubric, b.firstLine(), asOf);
  }

  private static void readChoices(String flat, TextFormat format, List<Answer> out, List<String> problems) {
    String marked = flat.replace("=", "~=");
    List<String> parts = split(marked, "~");
    if (parts.size() < 2) {
      problems.add("选择题至少需要两个选项");
      return;
    }
    for (String raw : parts) {
      String part = raw.strip();
      // "=" marks the right answer (weight 1 unless a %n% follows); "~" a wrong one (weight 0 unless %n%).
      boolean right = part.startsWith("=");
      Weighted w = weighted(right ? part.substring(1) : part, right ? 1 : 0);
      if (w.text().startsWith("%")) {
        problems.add("选项“" + unescape(w.text()) + "”的权重写法有误（应为 %50% 这样的形式）");
        continue;
      }
      out.add(answerWithFeedback(w.text(), w.weight(), format, null));
      if (out.get(out.size() - 1).text().isEmpty()) {
        problems.add("有一个选项是空的");
      }
    }
  }

  private static void readShortAnswers(String flat, TextFormat format, List<Answer> out, List<String> problems) {
    List<String> parts = split(flat, "=");
    if (parts.isEmpty()) {
      problems.add("填空题没有答案");
      return;
    }
    for (String raw : parts) {
      Weighted w = weighted(raw.strip(), 1);
      out.add(answerWithFeedback(w.text(), w.weight(), format, null));
    }
  }

  private static void readNumerical(String body, TextFormat format, List<Answer> out, List<String> problems) {
    String wrongFeedback = null;
    int tilde = body.indexOf('~');
    if (tilde >= 0) {
      wrongFeedback = body.substring(tilde + 1);
      body = body.substring(0, tilde);
    }
    List<String> parts = split(body, "=");
    if (parts.isEmpty()) {
      problems.add("数值题没有答案");
      return;
    }
    for (String raw : parts) {
      Weighted w = weighted(raw.strip(), 1);
      double weight = w.weight();
      String part = w.text();
      String value = part;
      String feedback = "";
      int hash = part.indexOf('#');
      if (hash >= 0) {
        value = part.substring(0, hash);
        feedback = part.substring(hash + 1);
      }
      value = unescape(value).strip();
      try {
        double answer;
        double tolerance;
        int range = value.indexOf("..");
        int colon = value.indexOf(':');
        if (range > 0) {
          double lo = Double.parseDouble(value.substring(0, range).strip());
          double hi = Double.parseDouble(value.substring(range + 2).strip());
          answer = (lo + hi) / 2;
          tolerance = hi - answer;
        } else if (colon > 0) {
          answer = Double.parseDouble(value.substring(0, colon).strip());
          tolerance = Double.parseDouble(value.substring(colon + 1).strip());
        } else {
          answer = Double.parseDouble(value);
          tolerance = 0;
        }
        out.add(new Answer(new FormattedText(trimNumber(answer), TextFormat.PLAIN), weight,
            formatted(feedback.strip(), format), tolerance));
      } catch (NumberFormatException e) {
        problems.add("数值题的答案“" + value + "”不是数字（应为 {#答案:误差} 或 {#最小..最大}）");
      }
    }
    if (wrongFeedback != null) {
      String fb = wrongFeedback.strip();
      if (fb.startsWith("#")) {
        fb = fb.substring(1);
      }
      out.add(new Answer(new FormattedText("*", TextFormat.PLAIN), 0, formatted(fb.strip(), format), null));
    }
  }

  private static void readMatching(String flat, TextFormat format, List<MatchPair> out, List<String> problems) {
    for (String raw : split(flat, "=")) {
      String part = raw.strip();
      int arrow = part.indexOf("->");
      if (arrow < 0) {
        problems.add("匹配题的每一项都应写成 =题目 -> 答案，这一项缺少 ->：" + unescape(part));
        continue;
      }
      out.add(new MatchPair(formatted(part.substring(0, arrow).strip(), format),
          unescape(part.substring(arrow + 2)).strip()));
    }
  }

  private static void readTrueFalse(String flat, boolean isTrue, TextFormat format, List<Answer> out) {
    // T#feedback-if-wrong#feedback-if-right
    String[] parts = flat.split("#", 3);
    FormattedText wrong = parts.length > 1 ? formatted(parts[1].strip(), format) : FormattedText.EMPTY;
    FormattedText right = parts.length > 2 ? formatted(parts[2].strip(), format) : FormattedText.EMPTY;
    out.add(new Answer(new FormattedText("true", TextFormat.PLAIN), isTrue ? 1 : 0, isTrue ? right : wrong, null));
    out.add(new Answer(new FormattedText("false", TextFormat.PLAIN), isTrue ? 0 : 1, isTrue ? wrong : right, null));
  }

  /** The pieces of an answer block split on a marker, without the empty text before the first marker. */
  private static List<String> split(String text, String marker) {
    List<String> parts = new ArrayList<>(List.of(text.split(java.util.regex.Pattern.quote(marker), -1)));
    if (!parts.isEmpty() && parts.get(0).isBlank()) {
      parts.remove(0);
    }
    return parts;
  }

  /** An answer's leading {@code %n%} weight (as a fraction), or {@code fallback} when it has none. */
  private record Weighted(double weight, String text) {
  }

  private static Weighted weighted(String part, double fallback) {
    Matcher w = WEIGHT.matcher(part);
    return w.find() ? new Weighted(Double.parseDouble(w.group(1)) / 100, part.substring(w.end()))
        : new Weighted(fallback, part);
  }

  private static Answer answerWithFeedback(String part, double weight, TextFormat format, Double tolerance) {
    String text = part;
    String feedback = "";
    int hash = part.indexOf('#');
    if (hash >= 0) {
      text = part.substring(0, hash);
      feedback = part.substring(hash + 1);
    }
    return new Answer(formatted(text.strip(), format), weight, formatted(feedback.strip(), format), tolerance);
  }

  /** Reads an optional [format] marker, then unescapes. */
  private static FormattedText formatted(String escapedText, TextFormat inherited) {
    Matcher m = FORMAT.matcher(escapedText);
    TextFormat format = inherited;
    String rest = escapedText;
    if (m.find()) {
      format = TextFormat.valueOf(m.group(1).toUpperCase(Locale.ROOT));
      rest = escapedText.substring(m.end());
    }
    return new FormattedText(unescape(rest).strip(), format);
  }

  private static String escape(String s) {
    StringBuilder out = new StringBuilder(s.length());
    for (int k = 0; k < s.length(); k++) {
      char c = s.charAt(k);
      if (c == '\\' && k + 1 < s.length()) {
        char next = s.charAt(k + 1);
        char placeholder = switch (next) {
          case '\\' -> BACKSLASH;
          case ':' -> COLON;
          case '#' -> HASH;
          case '=' -> EQUALS;
          case '{' -> OPEN;
          case '}' -> CLOSE;
          case '~' -> TILDE;
          case 'n' -> NEWLINE;
          default -> 0;
        };
        if (placeholder != 0) {
          out.append(placeholder);
          k++;
          continue;
        }
      }
      out.append(c);
    }
    return out.toString();
  }

  static String unescape(String s) {
    return s.replace(BACKSLASH, '\\').replace(COLON, ':').replace(HASH, '#').replace(EQUALS, '=')
        .replace(OPEN, '{').replace(CLOSE, '}').replace(TILDE, '~').replace(String.valueOf(NEWLINE), "\n");
  }

  private static String firstGroup(Pattern p, String s) {
    Matcher m = p.matcher(s);
    return m.find() ? m.group(1) : null;
  }

  static String trimNumber(double d) {
    return d == Math.rint(d) && Math.abs(d) < 1e15 ? String.valueOf((long) d) : String.valueOf(d);
  }
}
