package org.qinglan.competition;

import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.UUID;
import org.qinglan.exam.bank.QuestionType;

/**
 * A knowledge round's question set as frozen when it opened: the same for every contestant, in
 * this order (only the options are shuffled, per contestant, by {@link OptionShuffle}). It never
 * changes, so a node keeps it once read.
 *
 * @param allowance each question's time allowance
 */
public record Paper(UUID roundId, List<Item> items, Duration allowance) {

  /**
   * One question as frozen: text made safe as HTML, options in their stored order, the key as
   * stored option indexes.
   */
  public record Item(UUID questionId, int position, QuestionType type, double marks, String stemHtml,
                     List<String> optionsHtml, Set<Integer> key, String explanationHtml, String lawAsOf) {
    public Item {
      Objects.requireNonNull(questionId, "questionId");
      optionsHtml = List.copyOf(optionsHtml);
      key = Set.copyOf(key);
    }

    /** The order this contestant sees the options in. */
    public OptionShuffle shuffle(UUID roundId, UUID accountId) {
      return OptionShuffle.of(roundId.toString(), accountId.toString(), questionId.toString(), optionsHtml.size());
    }

    /** What a response (stored option indexes) earns by the exam rule; 0 for none. */
    public double earned(Set<Integer> stored) {
      return KnowledgeScorer.earned(type, key, stored);
    }
  }

  public Paper {
    Objects.requireNonNull(roundId, "roundId");
    Objects.requireNonNull(allowance, "allowance");
    items = List.copyOf(items);
  }

  /** The question, or null when it is not in this paper. */
  public Item item(UUID questionId) {
    for (Item i : items) {
      if (i.questionId().equals(questionId)) {
        return i;
      }
    }
    return null;
  }

  /** The questions by id (a new map; callers that look up often keep it). */
  public Map<UUID, Item> byId() {
    Map<UUID, Item> out = new HashMap<>();
    items.forEach(i -> out.put(i.questionId(), i));
    return out;
  }

  public int size() {
    return items.size();
  }

  /** The most marks the paper gives (by the exam rule: 1 a single choice or true/false, 2 a multiple choice). */
  public double maxMarks() {
    return items.stream().mapToDouble(Item::marks).sum();
  }
}
