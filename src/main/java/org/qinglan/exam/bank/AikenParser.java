package org.qinglan.exam.bank;

import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;

/**
 * Moodle's Aiken format: a question line, lettered choices ({@code A.} or {@code A)}, a space
 * optional) and {@code ANSWER: X}. Read as Moodle's importer reads it; texts are plain, so
 * {@code <} and {@code &} stay text.
 */
public final class AikenParser {
  private static final Pattern CHOICE = Pattern.compile("^[A-Z][).][ \\t]?.*");
  private static final Pattern ANSWER = Pattern.compile("^ANSWER:.*");

  private AikenParser() {
  }

  public static ParsedFile parse(String fileName, String content) {
    String text = content.startsWith("\uFEFF") ? content.substring(1) : content;
    String[] lines = text.split("\\r?\\n|\\r", -1);
    List<Question> questions = new ArrayList<>();
    List<ParseError> errors = new ArrayList<>();
    String stem = null;
    int stemLine = 0;
    List<Answer> choices = new ArrayList<>();
    for (int i = 0; i < lines.length; i++) {
      int lineNo = i + 1;
      String line = lines[i].strip();
      if (line.length() < 2) {
        continue;
      }
      if (CHOICE.matcher(line).matches()) {
        if (stem == null) {
          errors.add(new ParseError(lineNo, "选项“" + line + "”前面没有题干"));
          continue;
        }
        choices.add(new Answer(new FormattedText(line.substring(2).strip(), TextFormat.PLAIN), 0,
            FormattedText.EMPTY, null));
      } else if (ANSWER.matcher(line).matches()) {
        if (stem == null) {
          errors.add(new ParseError(lineNo, "答案行“" + line + "”前面没有题干"));
          continue;
        }
        String key = line.substring(line.indexOf(':') + 1).strip();
        int index = key.isEmpty() ? -1 : key.charAt(0) - 'A';
        if (choices.size() < 2) {
          errors.add(new ParseError(lineNo, "题目“" + stem + "”不完整：至少需要两个选项"));
        } else if (index < 0 || index >= choices.size()) {
          errors.add(new ParseError(lineNo, "题目“" + stem + "”的答案“" + key + "”不是已有的选项字母"));
        } else {
          Answer right = choices.get(index);
          choices.set(index, new Answer(right.text(), 1, right.feedback(), null));
          String name = stem.length() > 80 ? stem.substring(0, 80) : stem;
          questions.add(new Question(null, name, List.of(), QuestionType.SINGLE_CHOICE,
              new FormattedText(stem, TextFormat.PLAIN), choices, List.of(), FormattedText.EMPTY, List.of(), List.of(),
              stemLine));
        }
        stem = null;
        choices = new ArrayList<>();
      } else {
        if (stem != null) {
          errors.add(new ParseError(lineNo, "题目“" + stem + "”（第 " + stemLine + " 行）没有结束：缺少 ANSWER: 行"));
        }
        stem = line;
        stemLine = lineNo;
        choices = new ArrayList<>();
      }
    }
    if (stem != null) {
      errors.add(new ParseError(lines.length, "题目“" + stem + "”（第 " + stemLine + " 行）没有结束：缺少 ANSWER: 行"));
    }
    return new ParsedFile(fileName, questions, errors);
  }
}
