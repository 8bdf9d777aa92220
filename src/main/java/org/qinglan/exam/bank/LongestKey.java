package org.qinglan.exam.bank;

import java.util.List;
import java.util.regex.Pattern;

/**
 * How often the key of a single-choice question is strictly its longest option: a cue that lets
 * candidates guess without knowing, so the bank keeps it rare (at most {@link #LIMIT_PERCENT}%).
 */
public final class LongestKey {
  public static final int LIMIT_PERCENT = 30;

  private static final Pattern TAG = Pattern.compile("<[^>]*>");
  private static final Pattern SPACE = Pattern.compile("\\s+");

  private LongestKey() {
  }

  /** Counted single-choice questions and those whose key is strictly the longest option. */
  public record Share(int longest, int singleChoice) {

    public Share plus(Share other) {
      return new Share(longest + other.longest, singleChoice + other.singleChoice);
    }

    /** Whole percent, rounded half up; 0 when nothing was counted. */
    public int percent() {
      return singleChoice == 0 ? 0 : (int) Math.round(100.0 * longest / singleChoice);
    }

    /** Compared exactly, not by the rounded percent. */
    public boolean tooHigh() {
      return longest * 100 > LIMIT_PERCENT * singleChoice;
    }

    public String warning() {
      return "key is the longest option in " + longest + " of " + singleChoice + " single-choice questions ("
          + percent() + "%), keep it at most " + LIMIT_PERCENT + "%";
    }
  }

  public static Share of(List<Question> questions) {
    int single = 0;
    int longest = 0;
    for (Question q : questions) {
      if (q.type() == QuestionType.SINGLE_CHOICE) {
        single++;
        if (keyIsLongest(q)) {
          longest++;
        }
      }
    }
    return new Share(longest, single);
  }

  /** True when the one correct option has more characters than every other option. */
  public static boolean keyIsLongest(Question q) {
    int key = -1;
    int others = -1;
    for (Answer a : q.answers()) {
      int length = length(a.text());
      if (a.correct()) {
        key = Math.max(key, length);
      } else {
        others = Math.max(others, length);
      }
    }
    return key > others && others >= 0;
  }

  /** Characters (code points) of the visible text: no HTML tags, entities as one, runs of space as one. */
  static int length(FormattedText text) {
    String plain = text.text();
    if (text.format() != TextFormat.PLAIN) {
      plain = TAG.matcher(plain).replaceAll("").replaceAll("&(#?\\w+);", "_");
    }
    plain = SPACE.matcher(plain).replaceAll(" ").strip();
    return plain.codePointCount(0, plain.length());
  }
}
