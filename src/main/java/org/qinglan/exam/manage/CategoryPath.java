package org.qinglan.exam.manage;

import java.util.ArrayList;
import java.util.List;
import org.qinglan.exam.bank.CategoryPathText;

/**
 * Question category paths: as trainers type them ({@code 东湖区/调解实务/01 基础知识}) and as
 * question files name them ({@code $CATEGORY: $course$/Iota/Kappa}). A {@code //} is a slash
 * inside a name, as in GIFT; the text itself is read and written by {@link CategoryPathText}, as for files.
 */
public final class CategoryPath {
  static final int MAX_DEPTH = 8;
  static final int MAX_NAME = 100;

  private CategoryPath() {
  }

  /** A parsed path, or the reasons it is not one. */
  public record Result(List<String> path, List<String> errors) {
    public boolean ok() {
      return errors.isEmpty();
    }
  }

  public static Result parse(String input) {
    List<String> parts = split(input == null ? "" : input);
    List<String> errors = new ArrayList<>();
    if (parts.isEmpty()) {
      errors.add("请填写分类路径，例如：东湖区/调解实务/01 基础知识");
    } else if (parts.size() > MAX_DEPTH) {
      errors.add("分类最多 " + MAX_DEPTH + " 级");
    }
    for (String p : parts) {
      if (p.length() > MAX_NAME) {
        errors.add("分类名称“" + p.substring(0, 20) + "…”超过 " + MAX_NAME + " 个字");
      }
      if (isMoodleContext(p)) {
        errors.add("分类名称不能是 Moodle 的上下文标记 " + p);
      }
      if (p.chars().anyMatch(Character::isISOControl)) {
        errors.add("分类名称中有控制字符");
      }
    }
    return new Result(errors.isEmpty() ? parts : List.of(), errors);
  }

  static List<String> split(String path) {
    return CategoryPathText.parse(path);
  }

  /**
   * Where a question of a file goes when the file is uploaded into {@code base}: the file's own
   * category below it. Moodle names categories from its context ({@code $course$}, {@code $system$}
   * …, then {@code top}); that prefix means nothing here and is dropped.
   */
  public static List<String> under(List<String> base, List<String> fileCategory) {
    int from = 0;
    if (from < fileCategory.size() && isMoodleContext(fileCategory.get(from))) {
      from++;
      if (from < fileCategory.size() && fileCategory.get(from).equals("top")) {
        from++;
      }
    }
    List<String> out = new ArrayList<>(base);
    out.addAll(fileCategory.subList(from, fileCategory.size()));
    return List.copyOf(out);
  }

  /** True when {@code path} is {@code base} or lies below it. */
  public static boolean within(List<String> path, List<String> base) {
    return path.size() >= base.size() && path.subList(0, base.size()).equals(base);
  }

  /** The path as people read it. */
  public static String display(List<String> path) {
    return String.join(" / ", path);
  }

  /** The path as a trainer types it (the form of {@link #parse}). */
  public static String typed(List<String> path) {
    return CategoryPathText.write(path);
  }

  private static boolean isMoodleContext(String part) {
    return part.length() > 2 && part.startsWith("$") && part.endsWith("$");
  }
}
