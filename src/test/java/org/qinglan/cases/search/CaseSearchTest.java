package org.qinglan.cases.search;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Searches over the 40 shipped cases (read-only: the index is built once for the class). */
class CaseSearchTest {
  @TempDir
  static Path dir;
  static CaseIndex index;
  static List<CaseDocument> cases;

  @BeforeAll
  static void build() {
    cases = ShippedCases.load();
    assertEquals(40, cases.size());
    index = CaseIndex.open(dir, CaseIndex.shippedSynonyms());
    index.rebuild(cases);
  }

  @AfterAll
  static void close() {
    index.close();
  }

  static SearchResult search(String text) throws CaseQueryException {
    return index.search(CaseQuery.of(text).withPage(1, 40));
  }

  static List<String> ids(SearchResult r) {
    return r.hits().stream().map(Hit::id).toList();
  }

  static Set<String> idsWhere(java.util.function.Predicate<CaseDocument> p) {
    Set<String> out = new HashSet<>();
    cases.stream().filter(p).forEach(c -> out.add(c.id()));
    return out;
  }

  static boolean says(CaseDocument c, String word) {
    return (c.title() + c.summary() + c.body() + c.tags()).contains(word);
  }

  // ------------------------------------------------------------ ranking on a judged set

  @Test
  void mediationCasesComeFirstForTiaojie() throws Exception {
    SearchResult r = search("调解");
    Set<String> mediation = idsWhere(c -> c.topics().contains("dispute-mediation"));
    assertEquals(8, mediation.size());
    List<String> top = ids(r).subList(0, 6);
    assertTrue(mediation.containsAll(top), "top 6 " + top + " should all be mediation cases");
    // Every mediation case is found, also those that never say 调解 (topic label, 化解/调处).
    assertTrue(ids(r).containsAll(mediation), ids(r).toString());
    Hit first = r.hits().get(0);
    assertTrue(first.highlights().stream().anyMatch(h -> h.contains("<mark>调解</mark>")), first.highlights().toString());
  }

  @Test
  void elevatorInstallationFindsCase001First() throws Exception {
    assertEquals("case-001", ids(search("加装电梯")).get(0));
    assertEquals("case-001", ids(search("老旧小区加装电梯")).get(0));
    // Colloquial synonym.
    assertEquals("case-001", ids(search("加梯")).get(0));
    Hit hit = search("加装电梯").hits().get(0);
    assertTrue(hit.highlights().stream().anyMatch(h -> h.contains("<mark>加装电梯</mark>")), hit.highlights().toString());
  }

  @Test
  void synonymsFindCasesThatUseTheOtherWord() throws Exception {
    // 长者 finds cases that only say 老年人 or 老人.
    Set<String> onlyLaonianren = idsWhere(c -> says(c, "老年人") && !says(c, "长者"));
    assertFalse(onlyLaonianren.isEmpty());
    SearchResult r = search("长者");
    assertTrue(ids(r).containsAll(onlyLaonianren), ids(r).toString());
    assertEquals("case-009", ids(r).get(0)); // the one that says 长者, in its title
    assertTrue(r.hits().stream().filter(h -> onlyLaonianren.contains(h.id()))
        .allMatch(h -> h.highlights().stream().anyMatch(s -> s.contains("<mark>老年人</mark>")
            || s.contains("<mark>老人</mark>"))));
    // 残障人士 finds cases that say 残疾人.
    Set<String> canjiren = idsWhere(c -> says(c, "残疾人") && !says(c, "残障"));
    assertFalse(canjiren.isEmpty());
    assertTrue(ids(search("残障人士")).containsAll(canjiren));
    assertEquals("case-021", ids(search("残障人士")).get(0));
    // 网格员 finds the case of a 网格管理员, 空巢 the cases about 独居.
    assertTrue(ids(search("网格员")).contains("case-025"));
    assertTrue(ids(search("空巢老人")).containsAll(List.of("case-008", "case-025")));
    // 未成年人 finds the children's cases.
    assertTrue(ids(search("未成年人")).containsAll(List.of("case-013", "case-014")));
  }

  @Test
  void judgedQueriesPutTheRightCaseFirst() throws Exception {
    Map<String, String> judged = new HashMap<>();
    judged.put("独居老人 邻里守望", "case-008");
    judged.put("怀旧", "case-009");
    judged.put("认知症 照顾者", "case-010");
    judged.put("老年痴呆", "case-010");
    judged.put("智能手机", "case-011");
    judged.put("留守儿童", "case-013");
    judged.put("四点半课堂", "case-015");
    judged.put("休学", "case-016");
    judged.put("残疾人就业", "case-019");
    judged.put("低保", "case-022");
    judged.put("出租屋", "case-024");
    judged.put("囤积", "case-025");
    judged.put("暴雨内涝", "case-027");
    judged.put("火灾", "case-028");
    judged.put("时间银行", "case-034");
    judged.put("家暴", "case-035");
    judged.put("广场舞", "case-040");
    judged.put("停车", "case-002");
    judged.put("物业费", "case-004");
    for (Map.Entry<String, String> e : judged.entrySet()) {
      assertEquals(e.getValue(), ids(search(e.getKey())).get(0), e.getKey());
    }
    // The three community-correction cases before anything else.
    assertEquals(Set.of("case-037", "case-038", "case-039"), Set.copyOf(ids(search("社区矫正")).subList(0, 3)));
  }

  @Test
  void wordsInsideLongerWordsAreFound() throws Exception {
    // The segmenter keeps 老年人 whole; 老年 still finds cases that only say 老年人.
    Set<String> laonianren = idsWhere(c -> says(c, "老年人"));
    assertTrue(ids(search("老年")).containsAll(laonianren));
    // A single character finds the words that start with it.
    assertTrue(ids(search("调")).containsAll(idsWhere(c -> says(c, "调解"))));
  }

  @Test
  void allWordsOfAShortQueryMustMatch() throws Exception {
    for (Hit h : search("独居老人 跌倒").hits()) {
      CaseDocument c = cases.stream().filter(x -> x.id().equals(h.id())).findFirst().orElseThrow();
      assertTrue(says(c, "跌倒"), h.id());
    }
  }

  // ------------------------------------------------------------ phrases and exclusions

  @Test
  void quotedPhraseMustOccurAsWritten() throws Exception {
    SearchResult r = search("\"加装电梯\"");
    assertEquals(idsWhere(c -> says(c, "加装电梯")), Set.copyOf(ids(r)));
    assertEquals("case-001", ids(r).get(0));
    // No synonyms inside quotes.
    assertEquals(idsWhere(c -> says(c, "长者")), Set.copyOf(ids(search("“长者”"))));
    // Words that are not next to each other do not match the phrase.
    assertTrue(search("\"电梯调解\"").hits().isEmpty());
  }

  @Test
  void minusExcludes() throws Exception {
    Set<String> elevator = idsWhere(c -> says(c, "电梯"));
    assertTrue(elevator.size() >= 3);
    SearchResult withElevator = search("电梯");
    assertEquals(elevator, Set.copyOf(ids(withElevator)));
    SearchResult noInstall = search("电梯 -加装");
    assertFalse(ids(noInstall).contains("case-001"));
    assertEquals(elevator.size() - idsWhere(c -> says(c, "电梯") && says(c, "加装")).size(), noInstall.total());
    // Only an exclusion: every case without the word, newest first.
    SearchResult none = search("-电梯");
    assertEquals(40 - elevator.size(), none.total());
    assertTrue(ids(none).stream().noneMatch(elevator::contains));
    assertSortedByDate(none);
    // An excluded phrase.
    assertFalse(ids(search("老人 -“独居老人”")).contains("case-025"));
  }

  // ------------------------------------------------------------ sorting and pages

  @Test
  void emptyTextListsAllCasesNewestFirst() throws Exception {
    SearchResult r = search("");
    assertEquals(40, r.total());
    assertEquals(40, r.hits().size());
    assertSortedByDate(r);
    assertTrue(r.hits().stream().allMatch(h -> h.highlights().isEmpty()));
  }

  @Test
  void sortByDate() throws Exception {
    SearchResult r = index.search(CaseQuery.of("老人").withSort(CaseQuery.Sort.DATE).withPage(1, 40));
    assertTrue(r.total() > 5);
    assertSortedByDate(r);
    assertFalse(r.hits().get(0).highlights().isEmpty());
  }

  private static void assertSortedByDate(SearchResult r) {
    Map<String, CaseDocument> byId = new HashMap<>();
    cases.forEach(c -> byId.put(c.id(), c));
    List<CaseDocument> got = r.hits().stream().map(h -> byId.get(h.id())).toList();
    List<CaseDocument> sorted = new ArrayList<>(got);
    sorted.sort(Comparator.comparingInt(CaseDocument::year).reversed()
        .thenComparing(Comparator.comparing(CaseDocument::updatedAt).reversed()));
    assertEquals(sorted.stream().map(CaseDocument::id).toList(), got.stream().map(CaseDocument::id).toList());
  }

  @Test
  void pagesCoverTheResultOnce() throws Exception {
    for (CaseQuery.Sort sort : CaseQuery.Sort.values()) {
      CaseQuery q = CaseQuery.of("社区 老人").withSort(sort);
      SearchResult all = index.search(q.withPage(1, 100));
      List<String> paged = new ArrayList<>();
      for (int page = 1; page <= (all.total() + 6) / 7; page++) {
        SearchResult r = index.search(q.withPage(page, 7));
        assertEquals(all.total(), r.total());
        paged.addAll(ids(r));
      }
      assertEquals(ids(all), paged);
      assertTrue(index.search(q.withPage(99, 7)).hits().isEmpty());
    }
  }

  @Test
  void tooDeepAPageIsRefused() {
    assertThrows(CaseQueryException.class, () -> index.search(CaseQuery.of("老人").withPage(200, 100)));
  }

  // ------------------------------------------------------------ facets

  @Test
  void facetCountsOfAllCases() throws Exception {
    SearchResult r = search("");
    assertEquals(count(c -> c.topics()), asMap(r.facets().get("topic")));
    assertEquals(count(c -> c.methods()), asMap(r.facets().get("method")));
    assertEquals(count(c -> List.of(c.communityType())), asMap(r.facets().get("communityType")));
    assertEquals(count(c -> List.of(Integer.toString(c.year()))), asMap(r.facets().get("year")));
    assertEquals(count(c -> CaseIndex.regionLevels(c.region())), asMap(r.facets().get("region")));
    assertEquals(40L, asMap(r.facets().get("region")).get("江东省"));
    // Largest first.
    List<FacetCount> topics = r.facets().get("topic");
    for (int i = 1; i < topics.size(); i++) {
      assertTrue(topics.get(i - 1).count() >= topics.get(i).count());
    }
  }

  @Test
  void facetCountsOfAWordInMostCasesAndOfOneInFew() throws Exception {
    // More than half of the cases: counted through the cases the word leaves out.
    for (String word : List.of("社区", "加装电梯")) {
      SearchResult r = index.search(CaseQuery.of(word).withPage(1, 40));
      Set<String> found = Set.copyOf(ids(r));
      assertEquals(r.total(), found.size());
      assertEquals(countWhere(c -> found.contains(c.id()), c -> c.topics()), asMap(r.facets().get("topic")), word);
      assertEquals(countWhere(c -> found.contains(c.id()), c -> CaseIndex.regionLevels(c.region())),
          asMap(r.facets().get("region")), word);
      assertEquals(countWhere(c -> found.contains(c.id()), c -> List.of(Integer.toString(c.year()))),
          asMap(r.facets().get("year")), word);
    }
    assertTrue(index.search(CaseQuery.of("社区")).total() > 20, "社区 is in most cases");
    assertTrue(index.search(CaseQuery.of("社区")).total() < 40, "but not in all");
  }

  @Test
  void aFacetFilterNarrowsAndKeepsItsOwnCounts() throws Exception {
    CaseQuery q = CaseQuery.of("").withPage(1, 40).withFilter("topic", "elderly-care");
    SearchResult r = index.search(q);
    Set<String> elderly = idsWhere(c -> c.topics().contains("elderly-care"));
    assertEquals(elderly, Set.copyOf(ids(r)));
    assertEquals(elderly.size(), r.total());
    // The topic counts ignore the topic filter, so the worker can switch topic …
    assertEquals(count(c -> c.topics()), asMap(r.facets().get("topic")));
    // … the other fields count only the elderly-care cases.
    assertEquals(countWhere(c -> c.topics().contains("elderly-care"), c -> c.methods()), asMap(r.facets().get("method")));

    // Two values of a field: either; two fields: both.
    SearchResult two = index.search(q.withFilter("topic", "elderly-care", "disability").withFilter("method", "casework"));
    Set<String> expected = idsWhere(c -> (c.topics().contains("elderly-care") || c.topics().contains("disability"))
        && c.methods().contains("casework"));
    assertEquals(expected, Set.copyOf(ids(two)));
    // Method counts: topic filter applies, method filter does not.
    assertEquals(countWhere(c -> c.topics().contains("elderly-care") || c.topics().contains("disability"),
        c -> c.methods()), asMap(two.facets().get("method")));
    assertEquals(countWhere(c -> c.methods().contains("casework"), c -> c.topics()), asMap(two.facets().get("topic")));

    // With text too.
    SearchResult text = index.search(CaseQuery.of("老人").withFilter("communityType", "unit-compound"));
    assertTrue(text.total() > 0);
    assertTrue(text.hits().stream().allMatch(h -> idsWhere(c -> c.communityType().equals("unit-compound"))
        .contains(h.id())));
  }

  @Test
  void regionAndYearFilters() throws Exception {
    SearchResult district = index.search(CaseQuery.of("").withPage(1, 40).withFilter("region", "江东省/云溪市/东湖区"));
    assertEquals(idsWhere(c -> c.region().startsWith("江东省/云溪市/东湖区")), Set.copyOf(ids(district)));
    assertEquals(22, district.total()); // 11 at the district, 11 in 望江街道
    SearchResult year = index.search(CaseQuery.of("").withPage(1, 40).withFilter("year", "2023", "2024"));
    assertEquals(idsWhere(c -> c.year() == 2023 || c.year() == 2024), Set.copyOf(ids(year)));
  }

  @Test
  void aChosenValueWithoutCasesIsStillListed() throws Exception {
    SearchResult r = index.search(CaseQuery.of("加装电梯").withFilter("communityType", "resettlement"));
    assertEquals(0, r.total());
    assertTrue(r.facets().get("communityType").contains(new FacetCount("resettlement", 0)));
    assertTrue(r.facets().get("communityType").contains(new FacetCount("old-town", 1)));
  }

  @Test
  void unknownFilterFieldIsAQueryException() {
    assertThrows(CaseQueryException.class, () -> index.search(CaseQuery.of("").withFilter("author", "x")));
  }

  private static Map<String, Long> count(java.util.function.Function<CaseDocument, List<String>> values) {
    return countWhere(c -> true, values);
  }

  private static Map<String, Long> countWhere(java.util.function.Predicate<CaseDocument> where,
      java.util.function.Function<CaseDocument, List<String>> values) {
    Map<String, Long> out = new HashMap<>();
    cases.stream().filter(where).forEach(c -> values.apply(c).forEach(v -> out.merge(v, 1L, Long::sum)));
    return out;
  }

  private static Map<String, Long> asMap(List<FacetCount> counts) {
    Map<String, Long> out = new HashMap<>();
    counts.stream().filter(fc -> fc.count() > 0).forEach(fc -> out.put(fc.value(), fc.count()));
    return out;
  }

  // ------------------------------------------------------------ highlights, suggestions, related

  private static final Pattern ONLY_MARK_TAGS = Pattern.compile("^([^<>]|<mark>|</mark>)*$");

  @Test
  void highlightsAreEscapedHtmlWithMarks() throws Exception {
    for (String q : List.of("调解", "长者", "加装电梯", "老年", "调", "社区网格员上门走访独居老人", "\"时间银行\"")) {
      for (Hit h : search(q).hits()) {
        for (String s : h.highlights()) {
          assertTrue(ONLY_MARK_TAGS.matcher(s).matches(), s);
          assertFalse(s.contains("\n"), s);
        }
      }
    }
  }

  @Test
  void suggestionsForChinesePrefixes() {
    assertEquals("加装电梯", index.suggest("加装", 5).get(0));
    assertTrue(index.suggest("加装", 5).contains("老旧小区加装电梯引发的邻里纠纷调解"));
    List<String> tiao = index.suggest("调", 10);
    assertTrue(tiao.containsAll(List.of("人民调解", "邻里调解")), tiao.toString());
    // Tags that start with the prefix first, the tag on more cases before the others.
    List<String> shequ = index.suggest("社区", 5);
    assertEquals("社区矫正", shequ.get(0));
    assertTrue(shequ.stream().allMatch(s -> s.startsWith("社区")));
    assertTrue(index.suggest("独居", 10).containsAll(List.of("独居老人", "独居老年人")));
    assertEquals(3, index.suggest("老", 3).size());
    assertTrue(index.suggest("", 5).isEmpty());
    assertTrue(index.suggest("不存在的词", 5).isEmpty());
  }

  @Test
  void relatedCasesAreLikeTheCaseButNotIt() {
    List<Hit> related = index.related("case-001", 5);
    assertEquals(5, related.size());
    assertTrue(related.stream().noneMatch(h -> h.id().equals("case-001")));
    Set<String> mediation = idsWhere(c -> c.topics().contains("dispute-mediation"));
    assertTrue(related.stream().limit(3).allMatch(h -> mediation.contains(h.id())), related.toString());
    List<Hit> correction = index.related("case-037", 2);
    assertEquals(Set.of("case-038", "case-039"), Set.of(correction.get(0).id(), correction.get(1).id()));
    assertTrue(index.related("case-999", 5).isEmpty());
    List<Hit> many = index.related("case-010", 100);
    assertTrue(many.size() <= 39 && many.stream().noneMatch(h -> h.id().equals("case-010")));
  }

  // ------------------------------------------------------------ malformed input

  @Test
  void malformedQueriesAreQueryExceptionsNotCrashes() {
    for (String bad : List.of("\"加装电梯", "电梯 -", "-", "“调解")) {
      CaseQueryException e = assertThrows(CaseQueryException.class, () -> index.search(CaseQuery.of(bad)));
      assertFalse(e.getMessage().isBlank());
    }
  }

  @Test
  void oddButValidInputDoesNotFail() throws Exception {
    for (String odd : List.of("！！！", "AND OR NOT", "*", "?", "title:电梯", "(电梯", "电梯)", "\\", "~", "a-b",
        "<script>", "电梯^2", "🙂", "老人 ", "ｐｔｓｄ", "2023")) {
      index.search(CaseQuery.of(odd));
    }
    // Punctuation only is like an empty search.
    assertEquals(40, search("！！！").total());
  }
}
