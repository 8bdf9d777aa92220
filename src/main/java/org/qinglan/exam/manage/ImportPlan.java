package org.qinglan.exam.manage;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Supplier;
import org.qinglan.exam.bank.CategoryInfo;
import org.qinglan.exam.bank.FormattedText;
import org.qinglan.exam.bank.ParsedFile;
import org.qinglan.exam.bank.Question;

/**
 * What an upload into a category adds, decided before anything is written: each question's
 * stable key and category, and the categories to create. An upload only adds; it never changes
 * a question that exists.
 */
public record ImportPlan(List<Question> questions, Map<List<String>, FormattedText> categories, List<String> notices) {
  /** Longest id a file may give; longer ones are replaced by a generated key. */
  static final int MAX_KEY = 100;

  public ImportPlan {
    questions = List.copyOf(questions);
    categories = java.util.Collections.unmodifiableMap(new LinkedHashMap<>(categories));
    notices = List.copyOf(notices);
  }

  /**
   * @param file      a file without errors
   * @param base      the category it is uploaded into
   * @param takenKeys the file's ids that some question already has
   * @param newKey    makes a fresh key ({@code u-} + UUID)
   * @return questions with their key as id and their full category; every category below {@code
   *     base} the file names (with its description, if the file gives one), parents first
   */
  public static ImportPlan of(ParsedFile file, List<String> base, Set<String> takenKeys, Supplier<String> newKey) {
    Map<List<String>, FormattedText> categories = new LinkedHashMap<>();
    for (CategoryInfo info : file.categories()) {
      addWithParents(categories, base, CategoryPath.under(base, info.path()), info.description());
    }
    List<Question> out = new ArrayList<>();
    List<String> notices = new ArrayList<>();
    Set<String> used = new HashSet<>(takenKeys);
    for (Question q : file.questions()) {
      List<String> category = CategoryPath.under(base, q.category());
      addWithParents(categories, base, category, FormattedText.EMPTY);
      String key = q.id();
      if (key != null && (used.contains(key) || key.length() > MAX_KEY || key.isBlank())) {
        String fresh = newKey.get();
        notices.add(file.file() + " 第 " + q.line() + " 行：编号“" + shorten(key) + "”"
            + (key.length() > MAX_KEY ? "过长" : "已被其他题目使用") + "，已改用新编号 " + fresh);
        key = fresh;
      } else if (key == null) {
        key = newKey.get();
      }
      used.add(key);
      out.add(q.withId(key).withCategory(category));
    }
    return new ImportPlan(out, categories, notices);
  }

  private static void addWithParents(Map<List<String>, FormattedText> categories, List<String> base,
                                     List<String> path, FormattedText description) {
    for (int depth = base.size() + 1; depth <= path.size(); depth++) {
      List<String> p = List.copyOf(path.subList(0, depth));
      FormattedText known = categories.get(p);
      if (known == null || (known.isEmpty() && depth == path.size() && !description.isEmpty())) {
        categories.put(p, depth == path.size() ? description : known == null ? FormattedText.EMPTY : known);
      }
    }
  }

  private static String shorten(String s) {
    return s.length() > 40 ? s.substring(0, 40) + "…" : s;
  }
}
