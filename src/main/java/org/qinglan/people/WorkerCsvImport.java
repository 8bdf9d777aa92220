package org.qinglan.people;

import java.io.IOException;
import java.io.StringReader;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVParser;
import org.apache.commons.csv.CSVRecord;

/**
 * Reads a CSV file of workers and checks every row against the rules and the database's
 * current state. Pure: the caller supplies community lookup and the identities already taken.
 * A file with any error yields no workers at all.
 */
public final class WorkerCsvImport {

  /** Column keys with the header names accepted for each (Chinese or English). */
  private static final Map<String, List<String>> COLUMNS = new LinkedHashMap<>();

  static {
    COLUMNS.put("username", List.of("用户名", "username", "账号"));
    COLUMNS.put("name", List.of("姓名", "name", "display_name"));
    COLUMNS.put("mobile", List.of("手机号", "手机", "mobile", "phone"));
    COLUMNS.put("community", List.of("社区", "community"));
    COLUMNS.put("postCategory", List.of("岗位类别", "post_category", "post"));
    COLUMNS.put("grade", List.of("岗位等级", "等级", "grade"));
    COLUMNS.put("hireDate", List.of("入职日期", "hire_date"));
    COLUMNS.put("education", List.of("学历", "education"));
    COLUMNS.put("qualification", List.of("职业资格", "qualification"));
    COLUMNS.put("certificateNo", List.of("证书编号", "certificate_no"));
    COLUMNS.put("certificateDate", List.of("证书日期", "取得日期", "certificate_date"));
    COLUMNS.put("secretaryOrDirector", List.of("书记或主任", "书记主任", "secretary_or_director"));
    COLUMNS.put("reserveCadre", List.of("后备干部", "reserve_cadre"));
  }

  /** The outcome of looking up a community cell. */
  public record CommunityMatch(OrgUnit community, String error) {
    public static CommunityMatch found(OrgUnit unit) {
      return new CommunityMatch(unit, null);
    }

    public static CommunityMatch problem(String error) {
      return new CommunityMatch(null, error);
    }
  }

  /** One row that passed every check. */
  public record PlannedWorker(int line, WorkerForm.Valid worker, OrgUnit community) {
  }

  /** Either the workers to create or every problem found ("第 N 行：…"). */
  public record Plan(List<PlannedWorker> workers, List<String> errors) {
    public boolean ok() {
      return errors.isEmpty();
    }
  }

  private WorkerCsvImport() {
  }

  /**
   * @param takenIdentities sign-in names (lower-case usernames and mobile numbers, one namespace) already
   *                        in use; computed by the caller from {@link #mentionedIdentities}
   */
  public static Plan plan(String fileName, byte[] content, Map<String, PostCategory> categories,
                          Function<String, CommunityMatch> communities, Set<String> takenIdentities) {
    ParsedFile parsed = parse(fileName, content);
    if (!parsed.errors.isEmpty()) {
      return new Plan(List.of(), parsed.errors);
    }
    List<String> errors = new ArrayList<>();
    List<PlannedWorker> workers = new ArrayList<>();
    Map<String, Integer> seenInFile = new HashMap<>();
    for (ParsedRow row : parsed.rows) {
      List<String> rowErrors = new ArrayList<>();
      Map<String, String> v = row.values;
      Boolean secretary = WorkerForm.parseFlag(v.get("secretaryOrDirector"));
      Boolean reserve = WorkerForm.parseFlag(v.get("reserveCadre"));
      if (secretary == null) {
        rowErrors.add("“书记或主任”应为“是”或“否”，而不是“" + v.get("secretaryOrDirector") + "”");
      }
      if (reserve == null) {
        rowErrors.add("“后备干部”应为“是”或“否”，而不是“" + v.get("reserveCadre") + "”");
      }
      WorkerForm form = new WorkerForm(v.get("username"), v.get("mobile"), v.get("name"), v.get("postCategory"),
          v.get("grade"), v.get("hireDate"), v.get("education"), v.get("qualification"), v.get("certificateNo"),
          v.get("certificateDate"), Boolean.TRUE.equals(secretary), Boolean.TRUE.equals(reserve));
      WorkerForm.Result result = form.validate(categories);
      rowErrors.addAll(result.errors());
      OrgUnit community = null;
      String communityText = WorkerForm.trim(v.get("community"));
      if (communityText == null) {
        rowErrors.add("社区不能为空");
      } else {
        CommunityMatch match = communities.apply(communityText);
        if (match.error() != null) {
          rowErrors.add(match.error());
        } else {
          community = match.community();
        }
      }
      if (result.ok()) {
        WorkerForm.Valid w = result.valid();
        // Usernames and mobile numbers are one namespace: a username may clash with a mobile and back.
        // A worker without a username signs in with the mobile number: then it is named once, as 手机号.
        List<String[]> names = new ArrayList<>();
        if (w.mobile() != null) {
          names.add(new String[] {"手机号", w.mobile()});
        }
        if (!w.username().equalsIgnoreCase(w.mobile())) {
          names.add(new String[] {"用户名", w.username()});
        }
        for (String[] named : names) {
          String identity = named[1].toLowerCase(Locale.ROOT);
          if (takenIdentities.contains(identity)) {
            rowErrors.add(named[0] + "“" + named[1] + "”已被其他账号使用");
          }
          Integer earlier = seenInFile.putIfAbsent(identity, row.line);
          if (earlier != null && earlier != row.line) {
            rowErrors.add(named[0] + "“" + named[1] + "”与第 " + earlier + " 行重复");
          }
        }
      }
      if (rowErrors.isEmpty()) {
        workers.add(new PlannedWorker(row.line, result.valid(), community));
      } else {
        errors.add("第 " + row.line + " 行：" + String.join("；", rowErrors));
      }
    }
    if (errors.isEmpty() && workers.isEmpty()) {
      errors.add(fileName + "：文件中没有数据行");
    }
    return errors.isEmpty() ? new Plan(workers, List.of()) : new Plan(List.of(), errors);
  }

  /** The sign-in names of a worker: the lower-case username and the mobile number, each once. */
  public static List<String> identities(String username, String mobile) {
    List<String> out = new ArrayList<>();
    if (username != null) {
      out.add(username.toLowerCase(Locale.ROOT));
    }
    if (mobile != null && !out.contains(mobile.toLowerCase(Locale.ROOT))) {
      out.add(mobile.toLowerCase(Locale.ROOT));
    }
    return out;
  }

  /** Usernames and mobiles a file mentions, so the caller can look up which are taken. */
  public static List<String> mentionedIdentities(String fileName, byte[] content) {
    ParsedFile parsed = parse(fileName, content);
    List<String> out = new ArrayList<>();
    for (ParsedRow row : parsed.rows) {
      String mobile = WorkerForm.trim(row.values.get("mobile"));
      String username = WorkerForm.trim(row.values.get("username"));
      out.addAll(identities(username == null ? mobile : username, mobile));
    }
    return out;
  }

  private record ParsedRow(int line, Map<String, String> values) {
  }

  private record ParsedFile(List<ParsedRow> rows, List<String> errors) {
  }

  private static ParsedFile parse(String fileName, byte[] content) {
    String text;
    try {
      text = StandardCharsets.UTF_8.newDecoder()
          .onMalformedInput(CodingErrorAction.REPORT)
          .onUnmappableCharacter(CodingErrorAction.REPORT)
          .decode(ByteBuffer.wrap(content)).toString();
    } catch (CharacterCodingException e) {
      return new ParsedFile(List.of(), List.of(fileName
          + "：文件不是 UTF-8 编码。请在 Excel 中选择“另存为 → CSV UTF-8（逗号分隔）”后重新上传。"));
    }
    if (text.startsWith("\uFEFF")) {
      text = text.substring(1);
    }
    if (text.indexOf('\0') >= 0) {
      return new ParsedFile(List.of(), List.of(fileName + "：文件含有空字符（NUL），不是 CSV 文本文件。"));
    }
    List<String> errors = new ArrayList<>();
    List<ParsedRow> rows = new ArrayList<>();
    CSVFormat format = CSVFormat.DEFAULT.builder().setIgnoreEmptyLines(true).setTrim(true).get();
    try (CSVParser parser = CSVParser.parse(new StringReader(text), format)) {
      List<CSVRecord> records = parser.getRecords();
      if (records.isEmpty()) {
        return new ParsedFile(List.of(), List.of(fileName + "：文件是空的"));
      }
      CSVRecord header = records.get(0);
      Map<Integer, String> columnAt = new HashMap<>();
      for (int i = 0; i < header.size(); i++) {
        String h = header.get(i).strip();
        if (h.isEmpty()) {
          continue;
        }
        String key = columnKey(h);
        if (key == null) {
          errors.add(fileName + " 第 1 行：无法识别的列名“" + h + "”");
        } else if (columnAt.containsValue(key)) {
          errors.add(fileName + " 第 1 行：列“" + h + "”重复");
        } else {
          columnAt.put(i, key);
        }
      }
      for (String required : List.of("name", "community", "postCategory", "grade")) {
        if (!columnAt.containsValue(required)) {
          errors.add(fileName + " 第 1 行：缺少必需的列“" + COLUMNS.get(required).get(0) + "”");
        }
      }
      if (!columnAt.containsValue("username") && !columnAt.containsValue("mobile")) {
        errors.add(fileName + " 第 1 行：至少需要“用户名”或“手机号”一列");
      }
      if (!errors.isEmpty()) {
        return new ParsedFile(List.of(), errors);
      }
      for (int r = 1; r < records.size(); r++) {
        CSVRecord record = records.get(r);
        Map<String, String> values = new HashMap<>();
        columnAt.forEach((index, key) -> values.put(key, index < record.size() ? record.get(index) : null));
        rows.add(new ParsedRow(lineOf(text, record.getCharacterPosition()), values));
      }
    } catch (IOException | RuntimeException e) {
      // The parser's own message names library classes; say where, in Chinese.
      Matcher line = Pattern.compile("\\(line (\\d+)\\)").matcher(String.valueOf(e.getMessage()));
      return new ParsedFile(List.of(), List.of(fileName + "：无法读取 CSV 文件"
          + (line.find() ? "（第 " + line.group(1) + " 行附近）" : "")
          + "，请检查引号是否成对（含引号的内容应整体用英文双引号括起，其中的引号写两次）。"));
    }
    return new ParsedFile(rows, List.of());
  }

  /** 1-based line number of a character offset, so errors point at the line an editor shows. */
  private static int lineOf(String text, long position) {
    // Skipped empty lines are counted into the record's start; step over them.
    while (position < text.length() && (text.charAt((int) position) == '\n' || text.charAt((int) position) == '\r')) {
      position++;
    }
    int line = 1;
    for (int i = 0; i < position && i < text.length(); i++) {
      if (text.charAt(i) == '\n') {
        line++;
      }
    }
    return line;
  }

  private static String columnKey(String header) {
    String h = header.toLowerCase(Locale.ROOT);
    for (Map.Entry<String, List<String>> e : COLUMNS.entrySet()) {
      for (String name : e.getValue()) {
        if (name.toLowerCase(Locale.ROOT).equals(h)) {
          return e.getKey();
        }
      }
    }
    return null;
  }

  /** Column names in the order of the template offered for download. */
  public static List<String> templateHeader() {
    List<String> out = new ArrayList<>();
    COLUMNS.values().forEach(names -> out.add(names.get(0)));
    return out;
  }
}
