package org.qinglan.cases;

import java.util.ArrayList;
import java.util.List;
import org.qinglan.cases.search.CaseVocabulary;

/** A case as written by a trainer, before it is checked. */
public record CaseInput(String title, String summary, String body, List<String> topics, List<String> methods,
                        String communityType, Integer year, List<String> tags, boolean privacyConfirmed) {

  /** Problems (Chinese) that keep the input from being saved. */
  public List<String> problems() {
    List<String> out = new ArrayList<>();
    if (title == null || title.isBlank() || title.length() > 100) {
      out.add("标题不能为空，且不超过 100 字");
    }
    if (summary == null || summary.isBlank() || summary.length() > 500) {
      out.add("摘要不能为空，且不超过 500 字");
    }
    if (body == null || body.isBlank()) {
      out.add("正文不能为空");
    } else if (body.length() > 100_000) {
      out.add("正文过长");
    }
    if (topics == null || topics.isEmpty()) {
      out.add("请至少选择一个主题");
    } else {
      if (topics.stream().anyMatch(t -> !CaseVocabulary.TOPICS.containsKey(t))) {
        out.add("所选主题不在主题列表中，请从列表中选择");
      }
    }
    if (methods == null || methods.isEmpty()) {
      out.add("请至少选择一种工作方法");
    } else {
      if (methods.stream().anyMatch(m -> !CaseVocabulary.METHODS.containsKey(m))) {
        out.add("所选工作方法不在列表中，请从列表中选择");
      }
    }
    if (communityType != null && !communityType.isBlank() && !CaseVocabulary.COMMUNITY_TYPES.containsKey(communityType)) {
      out.add("所选社区类型不在列表中，请从列表中选择");
    }
    if (year != null && (year < 1990 || year > 2100)) {
      out.add("年份不合理");
    }
    return out;
  }

  /** Everything the privacy check reads: the texts and the tags. */
  public String checkedText() {
    return String.join("\n", title == null ? "" : title, summary == null ? "" : summary, body == null ? "" : body,
        tags == null ? "" : String.join(" ", tags));
  }
}
