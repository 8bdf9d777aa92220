package org.qinglan;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The rules of the house (docs: DESIGN.md, issue #13 item 3), read from the sources under
 * {@code src/main/java}: each rule lists every place that breaks it, as {@code file:line: what}.
 *
 * <ul>
 *   <li>{@code platform} imports no feature and no {@code web} (it knows no feature);</li>
 *   <li>the pure classes ({@link #PURE}) import no {@code io.vertx};</li>
 *   <li>no SQL text in a {@code *Service} or {@code *Routes} class, and no {@code Pool} in a
 *       {@code *Routes} class: SQL lives in {@code *Store} classes;</li>
 *   <li>no SQL names a table another feature owns ({@link #OWNER}): a feature asks the owner's
 *       service instead;</li>
 *   <li>{@code *Routes} and {@code *Form} classes build no {@code Map<String, Object>} page model
 *       (issue #13 item 5): page models are records.</li>
 * </ul>
 *
 * <p>A plain scan, no ArchUnit: it sees SQL strings (which bytecode rules cannot), and it needs
 * nothing compiled.
 */
class HouseRulesTest {
  private static final Path SOURCES = Path.of("src", "main", "java");
  private static final Path MIGRATIONS = Path.of("src", "main", "resources", "db", "migration");
  private static final String ROOT = "org.qinglan";

  /** The features: packages under org.qinglan that own tables and rules. */
  private static final Set<String> FEATURES = Set.of("people", "course", "exam", "cases", "mentor", "competition",
      "record");

  /** Who owns which table (issue #13, "Who owns which table"). */
  private static final Map<String, String> OWNER = owners();

  private static Map<String, String> owners() {
    Map<String, String> m = new LinkedHashMap<>();
    // Shared facilities, used through platform.Audit, platform.LearningEvents and platform.Settings.
    own(m, "platform", "app_setting", "audit_log", "learning_event", "platform_event", "platform_event_head");
    own(m, "web", "web_session");
    own(m, "people", "org_unit", "account", "account_role", "account_sign_in_name", "post_category",
        "worker_profile", "sign_in_attempt");
    own(m, "exam", "question_category", "question", "question_revision", "practice_session", "practice_answer",
        "question_state", "exam_goal", "mock_exam", "mock_exam_answer", "case_practice");
    own(m, "course", "course", "course_lesson", "enrolment", "lesson_progress", "quiz_attempt", "certificate",
        "course_assignment", "task_report", "task_report_step");
    own(m, "cases", "case_study", "case_revision", "case_review_event", "case_attachment");
    own(m, "competition", "competition", "competition_quota", "competition_team", "competition_registration",
        "competition_round", "competition_round_question", "competition_entry", "competition_answer",
        "competition_entry_note", "competition_result", "competition_award");
    return m;
  }

  private static void own(Map<String, String> m, String owner, String... tables) {
    for (String t : tables) {
      m.put(t, owner);
    }
  }

  /** Tables a feature other than the owner may read: learning events are the one shared stream that record reads. */
  private static final Map<String, Set<String>> SHARED_READS = Map.of("learning_event", Set.of("record"));

  /**
   * Pure domain logic: no Vert.x types, unit-tested without a server (DESIGN.md, "Rules of the
   * house"). A name ending in ".*" is every class of that package (not its sub-packages).
   */
  static final List<String> PURE = List.of(
      // question-bank formats (GIFT, Moodle XML, Aiken) and their rules
      "org.qinglan.exam.bank.*",
      // spaced-repetition scheduling
      "org.qinglan.exam.review.*",
      // mock exams: blueprints, drawing a paper, scoring
      "org.qinglan.exam.mock.Blueprint",
      "org.qinglan.exam.mock.BlueprintLoader",
      "org.qinglan.exam.mock.PaperDrawer",
      "org.qinglan.exam.mock.ExamScorer",
      // practice: checking an answer, sessions, progress, the response to an answer
      "org.qinglan.exam.practice.AnswerChecker",
      "org.qinglan.exam.practice.PracticeMode",
      "org.qinglan.exam.practice.PracticeSession",
      "org.qinglan.exam.practice.QuestionProgress",
      "org.qinglan.exam.practice.Response",
      // question-bank management: category paths, import plans, item analysis
      "org.qinglan.exam.manage.CategoryPath",
      "org.qinglan.exam.manage.ImportPlan",
      "org.qinglan.exam.manage.ItemAnalysis",
      // the case library's search core (Lucene) and privacy check
      "org.qinglan.cases.search.*",
      "org.qinglan.cases.PrivacyCheck",
      // course rules
      "org.qinglan.course.Audience",
      "org.qinglan.course.ComplianceRules",
      "org.qinglan.course.ContinuingEducation",
      "org.qinglan.course.CourseDefinition",
      "org.qinglan.course.CourseRules",
      "org.qinglan.course.Eligibility",
      "org.qinglan.course.QuizSpec",
      "org.qinglan.course.StudyOrder",
      "org.qinglan.course.TaskReportRules",
      // competitions: stages, knowledge-round scoring, ranking, teams, advancement, awards, option order;
      // the set-up and its audience, entry modes, team bases, results with awards and teams
      "org.qinglan.competition.Advancement",
      "org.qinglan.competition.Award",
      "org.qinglan.competition.AwardBands",
      "org.qinglan.competition.CompetitionAudience",
      "org.qinglan.competition.CompetitionSetup",
      "org.qinglan.competition.CompetitionStage",
      "org.qinglan.competition.EntryMode",
      "org.qinglan.competition.FinalResults",
      "org.qinglan.competition.KnowledgeScorer",
      "org.qinglan.competition.OptionShuffle",
      "org.qinglan.competition.Paper",
      "org.qinglan.competition.QuestionSource",
      "org.qinglan.competition.Ranking",
      "org.qinglan.competition.Round",
      "org.qinglan.competition.RoundClock",
      "org.qinglan.competition.RoundKind",
      "org.qinglan.competition.RoundPlan",
      "org.qinglan.competition.RoundScore",
      "org.qinglan.competition.RoundScoring",
      "org.qinglan.competition.RoundState",
      "org.qinglan.competition.RoundTiming",
      "org.qinglan.competition.Standings",
      "org.qinglan.competition.TeamBasis",
      "org.qinglan.competition.TeamScoring",
      "org.qinglan.competition.TieBreak",
      // people: password rules, hashing, sign-in throttling
      "org.qinglan.people.PasswordPolicy",
      "org.qinglan.people.PasswordHasher",
      "org.qinglan.people.SignInThrottle");

  private static List<Source> sources;

  @BeforeAll
  static void read() throws IOException {
    assertTrue(Files.isDirectory(SOURCES.resolve("org/qinglan")), "run from the project folder: " + SOURCES.toAbsolutePath());
    try (Stream<Path> files = Files.walk(SOURCES)) {
      sources = files.filter(p -> p.toString().endsWith(".java")).sorted().map(Source::read).toList();
    }
  }

  @Test
  void platformKnowsNoFeatureAndNoWeb() {
    List<String> found = new ArrayList<>();
    Pattern other = Pattern.compile("\\borg\\.qinglan\\.([A-Za-z_]\\w*)");
    for (Source s : sources) {
      if (!"platform".equals(s.area())) {
        continue;
      }
      Matcher m = other.matcher(s.code());
      while (m.find()) {
        String named = m.group(1);
        if (!named.equals("platform")) {
          found.add(s.where(m.start()) + ": platform uses org.qinglan." + named
              + (FEATURES.contains(named) || named.equals("web") ? "" : " (only platform may be named)"));
        }
      }
    }
    report("platform imports no feature and no web", found);
  }

  @Test
  void pureClassesUseNoVertx() {
    List<String> found = new ArrayList<>();
    Set<String> listed = new TreeSet<>(PURE);
    for (Source s : sources) {
      String pkgWildcard = s.pkg() + ".*";
      if (!PURE.contains(s.className()) && !PURE.contains(pkgWildcard)) {
        continue;
      }
      listed.remove(s.className());
      listed.remove(pkgWildcard);
      Matcher m = Pattern.compile("\\bio\\.vertx(\\.[\\w.]*\\w)?").matcher(s.code());
      while (m.find()) {
        found.add(s.where(m.start()) + ": pure class " + s.simpleName() + " uses " + m.group()
            + " (Vert.x types belong at the edge: *Routes, *Service, *Store)");
      }
    }
    for (String missing : listed) {
      found.add("HouseRulesTest.PURE lists " + missing + ", which is not in " + SOURCES + " any more: update the list");
    }
    report("pure classes import no io.vertx", found);
  }

  @Test
  void noSqlInServicesOrRoutesAndNoPoolInRoutes() {
    List<String> found = new ArrayList<>();
    for (Source s : sources) {
      String name = s.simpleName();
      boolean service = name.endsWith("Service");
      boolean routes = name.endsWith("Routes");
      if (!service && !routes) {
        continue;
      }
      for (Literal l : s.literals()) {
        if (isSql(l.text())) {
          found.add(s.file() + ":" + l.line() + ": SQL in " + (service ? "a service" : "routes") + " (move it to a "
              + "*Store): " + abbreviate(l.text()));
        }
      }
      if (routes) {
        Matcher m = Pattern.compile("\\bio\\.vertx\\.(sqlclient|pgclient)\\.[\\w.]*\\w|\\bPool\\b").matcher(s.code());
        while (m.find()) {
          found.add(s.where(m.start()) + ": routes use " + m.group()
              + " (routes reach the database only through a service)");
        }
      }
    }
    report("no SQL in *Service or *Routes, no Pool in *Routes", found);
  }

  /** A page model built as a map: a {@code Map<String, Object>} (or {@code <String, ?>}), or Map.of(…) given to page(). */
  static final Pattern MAP_MODEL = Pattern.compile("\\bMap\\s*(?:\\.\\s*)?<\\s*String\\s*,\\s*(?:Object|\\?)\\s*>"
      + "|\\.\\s*page\\s*\\((?:[^;()]|\\([^;()]*\\))*?,\\s*Map\\s*\\.\\s*of\\s*\\(");

  /**
   * Page models are records (issue #13 item 5): a {@code *Routes} or {@code *Form} class builds no
   * {@code Map<String, Object>}, so a template's variables are named and typed in Java, and no
   * route casts a value back out of a model.
   */
  @Test
  void routesAndFormsBuildNoMapModels() {
    List<String> found = new ArrayList<>();
    for (Source s : sources) {
      String name = s.simpleName();
      if (!name.endsWith("Routes") && !name.endsWith("Form")) {
        continue;
      }
      Matcher m = MAP_MODEL.matcher(s.code());
      while (m.find()) {
        found.add(s.where(m.start()) + ": " + name + " builds a map model (" + m.group().replaceAll("\\s+", " ")
            + "): make it a record; Views.page exposes each component as a template variable");
      }
    }
    report("*Routes and *Form build no Map<String, Object> models", found);
  }

  @Test
  void noSqlNamesAnotherFeaturesTable() {
    List<String> found = new ArrayList<>();
    for (Source s : sources) {
      for (Literal l : s.literals()) {
        if (!isSql(l.text())) {
          continue;
        }
        for (String table : tablesNamed(l.text())) {
          String owner = OWNER.get(table);
          if (owner == null || owner.equals(s.area())
              || SHARED_READS.getOrDefault(table, Set.of()).contains(s.area()) && !writes(l.text(), table)) {
            continue;
          }
          found.add(s.file() + ":" + l.line() + ": " + describe(s.area()) + " names table " + table + ", owned by "
              + owner + " (ask " + owner + "'s service): " + abbreviate(l.text()));
        }
      }
    }
    report("no SQL names a table another feature owns", found);
  }

  /** Every table the migrations create has an owner above; a new table must be given one. */
  @Test
  void everyTableHasAnOwner() throws IOException {
    Set<String> created = new TreeSet<>();
    Pattern create = Pattern.compile("(?i)\\bCREATE\\s+(?:UNLOGGED\\s+)?TABLE\\s+(?:IF\\s+NOT\\s+EXISTS\\s+)?"
        + "(?:public\\.)?([a-z_][a-z0-9_]*)");
    try (Stream<Path> files = Files.list(MIGRATIONS)) {
      for (Path f : files.filter(p -> p.toString().endsWith(".sql")).toList()) {
        Matcher m = create.matcher(Files.readString(f, StandardCharsets.UTF_8));
        while (m.find()) {
          created.add(m.group(1).toLowerCase(Locale.ROOT));
        }
      }
    }
    assertTrue(created.size() > 10, "migrations found in " + MIGRATIONS.toAbsolutePath() + ": " + created);
    List<String> found = new ArrayList<>();
    for (String t : created) {
      if (!OWNER.containsKey(t)) {
        found.add("table " + t + " (created in " + MIGRATIONS + ") has no owner: add it to HouseRulesTest.OWNER");
      }
    }
    report("every table has an owner", found);
  }

  // ---- the checks' own tests: the scanner must see what it is meant to see ----

  @Test
  void theScannerFindsSqlAndItsTables() {
    Source s = Source.parse(Path.of("x/Example.java"), """
        package org.qinglan.course;
        // "SELECT * FROM account" in a comment is no SQL
        class Example {
          static final String A = \"""
              SELECT c.id, a.display_name FROM course c, org_unit u
              JOIN account a ON a.id = c.author_id
              WHERE EXTRACT(YEAR FROM c.created_at) = 2026
              \""";
          static final String B = "UPDATE enrolment SET x = 1 " +
              "WHERE id IN (SELECT id FROM " + "question_state)";
          static final String C = "请选择 SELECT 的课程"; char q = '"';
          static final String D = "INSERT INTO audit_log (a) VALUES ($1)";
        }
        """);
    assertEquals(4, s.literals().size(), s.literals().toString());
    assertEquals(5, s.literals().get(0).line());
    assertEquals(Set.of("course", "account", "org_unit"), tablesNamed(s.literals().get(0).text()));
    assertEquals(Set.of("enrolment", "question_state"), tablesNamed(s.literals().get(1).text()));
    assertTrue(isSql(s.literals().get(1).text()));
    assertTrue(!isSql(s.literals().get(2).text()), "UI text is no SQL");
    assertEquals(Set.of("audit_log"), tablesNamed(s.literals().get(3).text()));
    assertTrue(s.code().contains("class Example") && !s.code().contains("SELECT"), s.code());
    assertTrue(writes("INSERT INTO learning_event (x) VALUES ($1)", "learning_event"));
    assertTrue(!writes("SELECT * FROM learning_event", "learning_event"));
  }

  @Test
  void theScannerFindsMapModels() {
    Source s = Source.parse(Path.of("x/ExampleRoutes.java"), """
        package org.qinglan.course;
        // Map<String, Object> in a comment is no model
        class ExampleRoutes {
          Map<String, Object> a = new HashMap<>();
          List<Map<String,?>> b;
          void c() { views.page(ctx, "t.ftlh", "标题",
              Map.of("x", 1)); }
          Map<String, String> labels = Map.of("a", "甲");
          void d() { views.page(ctx, "t.ftlh", "Map.of(", new Page(Map.of())); }
        }
        """);
    List<Integer> lines = new ArrayList<>();
    Matcher m = MAP_MODEL.matcher(s.code());
    while (m.find()) {
      lines.add(Integer.parseInt(s.where(m.start()).replaceAll(".*:", "")));
    }
    // a record that holds a map (labels, say) is a record model: only a map that is the model counts
    assertEquals(List.of(4, 5, 6), lines, s.code());
  }

  // ---- reading SQL ----

  private static final Pattern SQL = Pattern.compile(
      "\\bSELECT\\b[\\s\\S]*\\bFROM\\b|\\bSELECT\\s+[a-z_]+\\s*\\(|\\bINSERT\\s+INTO\\b|\\bUPDATE\\s+[a-z_]+\\s+SET\\b"
          + "|\\bDELETE\\s+FROM\\b|\\bWITH\\s+[a-z_]+\\s+AS\\s*\\(|\\b(?:LISTEN|UNLISTEN)\\s+[a-z_]|\\bNOTIFY\\s+[a-z_]"
          + "|\\bTRUNCATE\\s+[a-z_]");

  /** SQL as the house writes it: upper-case key words (UI text is Chinese, logs are sentences). */
  static boolean isSql(String text) {
    return SQL.matcher(text).find();
  }

  private static final Pattern DIRECT_TABLE = Pattern.compile(
      "(?i)\\b(?:JOIN|INTO|UPDATE|TRUNCATE|TABLE|DELETE\\s+FROM)\\s+(?:ONLY\\s+)?(?:public\\.)?([a-z_][a-z0-9_]*)");
  private static final Pattern FROM = Pattern.compile("(?i)\\bFROM\\b");
  private static final Pattern FROM_ENDS = Pattern.compile("(?i)\\b(?:WHERE|JOIN|LEFT|RIGHT|INNER|FULL|CROSS|GROUP|ORDER"
      + "|LIMIT|OFFSET|HAVING|UNION|EXCEPT|INTERSECT|RETURNING|ON|FOR|WINDOW|SET|NATURAL)\\b|[);]");

  /** The names that stand where a table stands: after FROM (each of a comma list), JOIN, INTO, UPDATE. */
  static Set<String> tablesNamed(String sql) {
    Set<String> out = new TreeSet<>();
    Matcher d = DIRECT_TABLE.matcher(sql);
    while (d.find()) {
      out.add(d.group(1).toLowerCase(Locale.ROOT));
    }
    Matcher f = FROM.matcher(sql);
    while (f.find()) {
      String before = sql.substring(Math.max(0, f.start() - 40), f.start());
      // EXTRACT(YEAR FROM x), SUBSTRING(s FROM 2), IS DISTINCT FROM x, DELETE FROM (above)
      if (before.matches("(?is).*\\b(?:EXTRACT|SUBSTRING|TRIM|OVERLAY|POSITION)\\s*\\([^()]*$")
          || before.matches("(?is).*\\b(?:DISTINCT|DELETE)\\s*$")) {
        continue;
      }
      String rest = sql.substring(f.end());
      Matcher end = FROM_ENDS.matcher(rest);
      String clause = end.find() ? rest.substring(0, end.start()) : rest;
      for (String item : clause.split(",")) {
        Matcher name = Pattern.compile("^\\s*(?:ONLY\\s+)?(?:public\\.)?([a-z_][a-z0-9_]*)\\b(?!\\s*\\()",
            Pattern.CASE_INSENSITIVE).matcher(item);
        if (name.find() && !name.group(1).equalsIgnoreCase("LATERAL")) {
          out.add(name.group(1).toLowerCase(Locale.ROOT));
        }
      }
    }
    return out;
  }

  /** Whether the SQL changes {@code table} (rather than only reading it). */
  static boolean writes(String sql, String table) {
    return Pattern.compile("(?i)\\b(?:INSERT\\s+INTO|UPDATE|DELETE\\s+FROM|TRUNCATE)\\s+(?:ONLY\\s+)?" + table + "\\b")
        .matcher(sql).find();
  }

  private static String describe(String area) {
    return area.isEmpty() ? "the application's wiring (org.qinglan)" : area;
  }

  private static String abbreviate(String sql) {
    String one = sql.strip().replaceAll("\\s+", " ");
    return one.length() > 90 ? one.substring(0, 87) + "..." : one;
  }

  private static void report(String rule, List<String> found) {
    if (!found.isEmpty()) {
      fail(found.size() + " place(s) break the rule \"" + rule + "\":\n  " + String.join("\n  ", found));
    }
  }

  // ---- reading Java ----

  /** A string literal (or concatenation of literals) and the line it starts on. */
  record Literal(int line, String text) {
  }

  /**
   * One source file: its code with comments and literals blanked out (kept at the same offsets,
   * so lines can be told), and its string literals, adjacent ones joined by {@code +} merged.
   */
  record Source(Path file, String pkg, String code, List<Literal> literals) {
    static Source read(Path file) {
      try {
        return parse(SOURCES.relativize(file), Files.readString(file, StandardCharsets.UTF_8));
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
    }

    static Source parse(Path file, String text) {
      StringBuilder code = new StringBuilder(text.length());
      List<int[]> spans = new ArrayList<>(); // literal content start, end (in text), start of literal
      int i = 0;
      int n = text.length();
      while (i < n) {
        char c = text.charAt(i);
        if (c == '/' && i + 1 < n && text.charAt(i + 1) == '/') {
          int end = text.indexOf('\n', i);
          end = end < 0 ? n : end;
          blank(code, text, i, end);
          i = end;
        } else if (c == '/' && i + 1 < n && text.charAt(i + 1) == '*') {
          int end = text.indexOf("*/", i + 2);
          end = end < 0 ? n : end + 2;
          blank(code, text, i, end);
          i = end;
        } else if (text.startsWith("\"\"\"", i)) {
          int contentStart = text.indexOf('\n', i) + 1;
          int close = contentStart;
          while (true) {
            close = text.indexOf("\"\"\"", close);
            if (close < 0 || text.charAt(close - 1) != '\\') {
              break;
            }
            close += 3;
          }
          close = close < 0 ? n : close;
          spans.add(new int[] {contentStart, close, i});
          blank(code, text, i, Math.min(n, close + 3));
          i = Math.min(n, close + 3);
        } else if (c == '"' || c == '\'') {
          int j = i + 1;
          while (j < n && text.charAt(j) != c && text.charAt(j) != '\n') {
            j += text.charAt(j) == '\\' ? 2 : 1;
          }
          if (c == '"') {
            spans.add(new int[] {i + 1, Math.min(j, n), i});
          }
          blank(code, text, i, Math.min(n, j + 1));
          i = Math.min(n, j + 1);
        } else {
          code.append(c);
          i++;
        }
      }
      List<Literal> literals = new ArrayList<>();
      int[] previous = null;
      for (int[] span : spans) {
        String content = unescape(text.substring(span[0], span[1]));
        boolean joined = previous != null
            && code.substring(previous[1] + (text.startsWith("\"\"\"", previous[1]) ? 3 : 1), span[2])
            .matches("\\s*\\+\\s*");
        if (joined) {
          Literal last = literals.remove(literals.size() - 1);
          literals.add(new Literal(last.line(), last.text() + content));
        } else {
          literals.add(new Literal(lineOf(text, span[0]), content));
        }
        previous = span;
      }
      Matcher p = Pattern.compile("(?m)^\\s*package\\s+([\\w.]+)\\s*;").matcher(code);
      return new Source(file, p.find() ? p.group(1) : "", code.toString(), literals);
    }

    private static void blank(StringBuilder code, String text, int from, int to) {
      for (int k = from; k < to; k++) {
        code.append(text.charAt(k) == '\n' ? '\n' : ' ');
      }
    }

    private static String unescape(String s) {
      return s.replace("\\n", "\n").replace("\\t", "\t").replace("\\\"", "\"").replace("\\\\", "\\");
    }

    private static int lineOf(String text, int offset) {
      int line = 1;
      for (int k = 0; k < offset; k++) {
        if (text.charAt(k) == '\n') {
          line++;
        }
      }
      return line;
    }

    String simpleName() {
      String f = file.getFileName().toString();
      return f.substring(0, f.length() - ".java".length());
    }

    String className() {
      return pkg + "." + simpleName();
    }

    /** The feature, "platform" or "web" the file belongs to; "" for the wiring in org.qinglan itself. */
    String area() {
      if (!pkg.startsWith(ROOT + ".")) {
        return "";
      }
      String rest = pkg.substring(ROOT.length() + 1);
      int dot = rest.indexOf('.');
      return dot < 0 ? rest : rest.substring(0, dot);
    }

    /** {@code file:line} of an offset in the code. */
    String where(int offset) {
      return file + ":" + lineOf(code, offset);
    }
  }
}
