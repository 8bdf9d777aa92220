package org.qinglan.exam;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import java.time.YearMonth;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import org.qinglan.exam.bank.Answer;
import org.qinglan.exam.bank.FormattedText;
import org.qinglan.exam.bank.MatchPair;
import org.qinglan.exam.bank.Question;
import org.qinglan.exam.bank.QuestionType;
import org.qinglan.exam.bank.RubricPoint;
import org.qinglan.web.RichText;

/**
 * A question ready for a page or the API: text made safe as HTML, options lettered, and the key
 * and explanation only when {@code withKey} (after answering, or on a result page). {@code lawAsOf} says
 * up to which month the law behind the explanation was checked (empty when the question gives none).
 */
public record QuestionView(String id, String key, String type, String typeLabel, String stemHtml,
                           List<Option> options, List<String> prompts, List<String> matchChoices,
                           List<Rubric> rubric, String explanationHtml, String lawAsOf,
                           List<String> correctLetters, boolean withKey) {

  /** An option with its letter; {@code correct} is only filled when the key is shown. */
  public record Option(int index, String letter, String html, boolean correct) {
  }

  /** A rubric point of a case analysis. */
  public record Rubric(int index, String text, double marks) {
  }

  /**
   * A view is a pure function of a snapshot, and the question store hands out one snapshot per
   * question revision: views are kept per snapshot (by identity, weakly, so they go with it).
   * Reading a paper of 80 questions again then renders no Markdown.
   */
  private static final Cache<StoredQuestion, QuestionView> WITH_KEY = Caffeine.newBuilder().weakKeys()
      .maximumSize(20_000).build();
  private static final Cache<StoredQuestion, QuestionView> WITHOUT_KEY = Caffeine.newBuilder().weakKeys()
      .maximumSize(20_000).build();

  public static QuestionView of(StoredQuestion stored, boolean withKey) {
    return (withKey ? WITH_KEY : WITHOUT_KEY).get(stored, s -> render(s, withKey));
  }

  private static QuestionView render(StoredQuestion stored, boolean withKey) {
    Question q = stored.question();
    List<Option> options = new ArrayList<>();
    if (q.type() == QuestionType.TRUE_FALSE) {
      options.add(new Option(0, "A", "正确", withKey && q.trueFalseAnswer()));
      options.add(new Option(1, "B", "错误", withKey && !q.trueFalseAnswer()));
    } else if (q.type() == QuestionType.SINGLE_CHOICE || q.type() == QuestionType.MULTIPLE_CHOICE) {
      List<Answer> answers = q.answers();
      for (int i = 0; i < answers.size(); i++) {
        options.add(new Option(i, letter(i), html(answers.get(i).text()), withKey && answers.get(i).correct()));
      }
    }
    List<String> prompts = new ArrayList<>();
    List<String> choices = new ArrayList<>();
    for (MatchPair p : q.pairs()) {
      if (!p.isDistractor()) {
        prompts.add(html(p.prompt()));
      }
      if (!choices.contains(p.answer())) {
        choices.add(p.answer());
      }
    }
    choices.sort(String::compareTo);
    List<Rubric> rubric = new ArrayList<>();
    if (withKey) {
      List<RubricPoint> points = q.rubric();
      for (int i = 0; i < points.size(); i++) {
        rubric.add(new Rubric(i, points.get(i).text(), points.get(i).marks()));
      }
    }
    List<String> letters = new ArrayList<>();
    if (withKey) {
      options.stream().filter(Option::correct).forEach(o -> letters.add(o.letter()));
    }
    return new QuestionView(stored.id().toString(), stored.key(), q.type().key(), q.type().label(), html(q.stem()),
        List.copyOf(options), List.copyOf(prompts), List.copyOf(choices), List.copyOf(rubric), withKey ? html(q.generalFeedback()) : "",
        withKey ? lawAsOf(q.asOf()) : "", List.copyOf(letters), withKey);
  }

  /** "法规依据截至 2026年1月", or empty when the month is not known. */
  static String lawAsOf(YearMonth asOf) {
    return asOf == null ? "" : "法规依据截至 " + asOf.getYear() + "年" + asOf.getMonthValue() + "月";
  }

  /** A short title for people: the stem's first sentence as plain text, cut at {@value #OPENING_CHARS} characters. */
  public String opening() {
    return opening(stemHtml);
  }

  static final int OPENING_CHARS = 30;

  /** The first sentence of a stem (HTML, Markdown or plain), as plain text of at most {@value #OPENING_CHARS} characters. */
  public static String opening(String text) {
    String plain = text.replaceAll("<[^>]*>", "").replace("&nbsp;", " ").replace("&lt;", "<").replace("&gt;", ">")
        .replace("&quot;", "\"").replace("&#39;", "'").replace("&amp;", "&").replaceAll("[*_#`>\\[\\]]", "")
        .replaceAll("\\\\n|\\s+", " ").strip();
    int end = plain.length();
    for (String stop : new String[] {"。", "？", "！", "\n"}) {
      int i = plain.indexOf(stop);
      if (i >= 0 && i < end) {
        end = i;
      }
    }
    String sentence = plain.substring(0, end).strip();
    return sentence.length() <= OPENING_CHARS ? sentence : sentence.substring(0, OPENING_CHARS) + "…";
  }

  public static String letters(Set<Integer> indexes) {
    StringBuilder sb = new StringBuilder();
    indexes.stream().sorted().forEach(i -> sb.append(letter(i)));
    return sb.toString();
  }

  static String letter(int i) {
    return String.valueOf((char) ('A' + i));
  }

  private static String html(FormattedText t) {
    return RichText.toSafeHtml(t.text(), t.format().name());
  }

  public boolean multiple() {
    return type.equals(QuestionType.MULTIPLE_CHOICE.key());
  }

  public boolean choice() {
    return !options.isEmpty();
  }

  public boolean textAnswer() {
    return type.equals(QuestionType.SHORT_ANSWER.key()) || type.equals(QuestionType.NUMERICAL.key());
  }

  public boolean matching() {
    return type.equals(QuestionType.MATCHING.key());
  }

  public boolean caseAnalysis() {
    return type.equals(QuestionType.CASE_ANALYSIS.key());
  }
}
