package org.qinglan.cases.search;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The Chinese labels of the case library's vocabularies (courses/case-library/README.md). The
 * index makes them searchable, so 调解 also finds cases filed under 矛盾纠纷调解 and 小组工作
 * finds the group-work cases; the UI can use them to name facet values.
 */
public final class CaseVocabulary {
  public static final Map<String, String> TOPICS = ordered(
      "dispute-mediation", "矛盾纠纷调解",
      "elderly-care", "养老服务",
      "child-protection", "儿童保护",
      "youth", "青少年服务",
      "disability", "助残服务",
      "social-assistance", "社会救助",
      "grid-governance", "网格治理",
      "emergency-response", "应急处置",
      "community-building", "社区营造",
      "volunteers", "志愿服务",
      "family", "婚姻家庭",
      "community-correction", "社区矫正",
      "women", "妇女服务",
      "medical", "医务社会工作",
      "veterans", "退役军人与优抚服务",
      "enterprise", "企业社会工作",
      "rural", "农村社会工作",
      "school", "学校社会工作",
      "mental-health", "心理健康与精神卫生");

  public static final Map<String, String> METHODS = ordered(
      "casework", "个案工作",
      "group-work", "小组工作",
      "community-work", "社区工作");

  public static final Map<String, String> COMMUNITY_TYPES = ordered(
      "old-town", "老旧小区",
      "new-estate", "新建商品房小区",
      "village-to-community", "村改居社区",
      "resettlement", "安置社区",
      "unit-compound", "单位大院",
      "mixed", "混合型社区",
      "rural-village", "农村社区");

  private CaseVocabulary() {
  }

  /** The label of a facet value (topic, method, communityType); other fields' values are their own label. */
  public static String label(String field, String value) {
    Map<String, String> m = switch (field) {
      case "topic" -> TOPICS;
      case "method" -> METHODS;
      case "communityType" -> COMMUNITY_TYPES;
      default -> Map.of();
    };
    return m.getOrDefault(value, value);
  }

  /** The labels of a case's topics, methods and community type (what the index searches). */
  static List<String> labels(CaseDocument c) {
    List<String> out = new java.util.ArrayList<>();
    c.topics().forEach(t -> out.add(label("topic", t)));
    c.methods().forEach(m -> out.add(label("method", m)));
    if (!c.communityType().isBlank()) {
      out.add(label("communityType", c.communityType()));
    }
    return out;
  }

  private static Map<String, String> ordered(String... kv) {
    Map<String, String> m = new LinkedHashMap<>();
    for (int i = 0; i < kv.length; i += 2) {
      m.put(kv[i], kv[i + 1]);
    }
    return java.util.Collections.unmodifiableMap(m);
  }
}
