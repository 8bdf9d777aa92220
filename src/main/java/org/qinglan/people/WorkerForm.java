package org.qinglan.people;

import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * A worker as typed into a form or a CSV row: raw text, checked by {@link #validate}. Both the
 * web form and the bulk import go through the same rules.
 */
public record WorkerForm(String username, String mobile, String displayName, String postCategory, String grade,
                         String hireDate, String education, String qualification, String certificateNo,
                         String certificateDate, boolean secretaryOrDirector, boolean reserveCadre) {

  private static final Pattern MOBILE = Pattern.compile("1[3-9]\\d{9}");
  private static final Pattern USERNAME = Pattern.compile("[A-Za-z0-9_.\\-]{3,40}");

  /** The checked values, ready to store. */
  public record Valid(String username, String mobile, String displayName, PostCategory postCategory, int grade,
                      LocalDate hireDate, String education, Qualification qualification, String certificateNo,
                      LocalDate certificateDate, boolean secretaryOrDirector, boolean reserveCadre) {
  }

  /** Either the valid worker or the list of problems (Chinese, one per field). */
  public record Result(Valid valid, List<String> errors) {
    public boolean ok() {
      return errors.isEmpty();
    }
  }

  /**
   * @param categories post categories by code; a category may also be given by its Chinese name
   */
  public Result validate(Map<String, PostCategory> categories) {
    List<String> errors = new ArrayList<>();
    String name = trim(displayName);
    if (name == null) {
      errors.add("姓名不能为空");
    } else if (name.length() > 50) {
      errors.add("姓名不能超过 50 个字");
    }
    String mob = trim(mobile);
    if (mob != null && !MOBILE.matcher(mob).matches()) {
      errors.add("手机号“" + mob + "”不是有效的 11 位手机号");
    }
    String user = trim(username);
    if (user == null) {
      user = mob;
    }
    if (user == null) {
      errors.add("用户名和手机号至少填写一项");
    } else if (!USERNAME.matcher(user).matches()) {
      errors.add("用户名“" + user + "”只能包含字母、数字、下划线、点和连字符，长度 3–40");
    }
    PostCategory category = findCategory(categories, trim(postCategory));
    if (category == null) {
      errors.add(trim(postCategory) == null ? "岗位类别不能为空"
          : "岗位类别“" + trim(postCategory) + "”不存在（应为正职、副职或其他）");
    }
    Integer gradeValue = null;
    String g = trim(grade);
    if (g == null) {
      errors.add("岗位等级不能为空");
    } else {
      try {
        gradeValue = Integer.parseInt(g);
      } catch (NumberFormatException e) {
        errors.add("岗位等级“" + g + "”不是整数");
      }
    }
    if (category != null && gradeValue != null && !category.allows(gradeValue)) {
      errors.add("岗位等级 " + gradeValue + " 超出" + category.nameZh() + "岗位的范围（" + category.rangeText() + " 级）");
    }
    LocalDate hire = parseDate(hireDate, "入职日期", errors);
    Qualification q = Qualification.parse(qualification);
    if (q == null) {
      errors.add("职业资格“" + trim(qualification) + "”不存在（应为无、助理社会工作师、社会工作师或高级社会工作师）");
    }
    LocalDate certDate = parseDate(certificateDate, "证书取得日期", errors);
    String certNo = trim(certificateNo);
    if (q == Qualification.NONE && (certNo != null || certDate != null)) {
      errors.add("未持有职业资格时不应填写证书编号或取得日期");
    }
    if (hire != null && hire.isAfter(LocalDate.now().plusYears(1))) {
      errors.add("入职日期不能晚于一年之后");
    }
    if (!errors.isEmpty()) {
      return new Result(null, errors);
    }
    return new Result(new Valid(user, mob, name, category, gradeValue, hire, trim(education), q, certNo, certDate,
        secretaryOrDirector, reserveCadre), List.of());
  }

  static PostCategory findCategory(Map<String, PostCategory> categories, String text) {
    if (text == null) {
      return null;
    }
    for (PostCategory c : categories.values()) {
      if (c.code().equalsIgnoreCase(text) || c.nameZh().equals(text)) {
        return c;
      }
    }
    return null;
  }

  private static LocalDate parseDate(String text, String label, List<String> errors) {
    String t = trim(text);
    if (t == null) {
      return null;
    }
    try {
      return LocalDate.parse(t.replace('/', '-').replace('.', '-'), java.time.format.DateTimeFormatter.ofPattern("yyyy-M-d"));
    } catch (DateTimeParseException e) {
      errors.add(label + "“" + t + "”不是有效日期（格式如 2023-09-01）");
      return null;
    }
  }

  static String trim(String s) {
    if (s == null) {
      return null;
    }
    String t = s.strip();
    return t.isEmpty() ? null : t;
  }

  /** Yes/no cells and checkboxes: 是/否, true/false, 1/0, y/n, on. Null when unreadable. */
  public static Boolean parseFlag(String text) {
    String t = trim(text);
    if (t == null) {
      return false;
    }
    return switch (t.toLowerCase(java.util.Locale.ROOT)) {
      case "是", "true", "1", "y", "yes", "on" -> true;
      case "否", "false", "0", "n", "no", "off" -> false;
      default -> null;
    };
  }
}
