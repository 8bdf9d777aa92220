package org.qinglan.cases;

import java.util.LinkedHashMap;
import java.util.Map;

/** The case library's controlled vocabularies, code → Chinese label (see courses/case-library/README.md). */
public final class CaseVocabulary {
  public static final Map<String, String> TOPICS = new LinkedHashMap<>();
  public static final Map<String, String> METHODS = new LinkedHashMap<>();
  public static final Map<String, String> COMMUNITY_TYPES = new LinkedHashMap<>();

  static {
    TOPICS.put("dispute-mediation", "矛盾纠纷调解");
    TOPICS.put("elderly-care", "养老服务");
    TOPICS.put("child-protection", "儿童保护");
    TOPICS.put("youth", "青少年服务");
    TOPICS.put("disability", "助残服务");
    TOPICS.put("social-assistance", "社会救助");
    TOPICS.put("grid-governance", "网格治理");
    TOPICS.put("emergency-response", "应急处置");
    TOPICS.put("community-building", "社区营造");
    TOPICS.put("volunteers", "志愿服务");
    TOPICS.put("family", "婚姻家庭");
    TOPICS.put("community-correction", "社区矫正");
    METHODS.put("casework", "个案工作");
    METHODS.put("group-work", "小组工作");
    METHODS.put("community-work", "社区工作");
    COMMUNITY_TYPES.put("old-town", "老旧小区");
    COMMUNITY_TYPES.put("new-estate", "新建商品房小区");
    COMMUNITY_TYPES.put("village-to-community", "村改居社区");
    COMMUNITY_TYPES.put("resettlement", "安置社区");
    COMMUNITY_TYPES.put("unit-compound", "单位大院");
    COMMUNITY_TYPES.put("mixed", "混合型社区");
  }

  private CaseVocabulary() {
  }
}
