package org.qinglan.cases.search;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.stream.Stream;
import org.apache.lucene.index.IndexWriter;
import org.apache.lucene.index.IndexWriterConfig;
import org.apache.lucene.store.Directory;
import org.apache.lucene.store.FSDirectory;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Opening, rebuilding and changing the index. */
class CaseIndexLifecycleTest {
  private static final List<String> QUERIES = List.of("调解", "加装电梯", "长者", "残障人士", "社区矫正", "-电梯",
      "\"独居老人\"", "");

  @TempDir
  Path dir;
  /**
   * The shipped cases indexed once for the class (a rebuild of them takes a second or more of
   * CPU): a test that only starts from them opens a copy ({@link #openShipped}).
   */
  private static Path shippedIndex;

  @BeforeAll
  static void indexTheShippedCasesOnce(@TempDir Path shared) {
    shippedIndex = shared.resolve("idx");
    try (CaseIndex index = CaseIndex.open(shippedIndex, CaseIndex.shippedSynonyms())) {
      index.rebuild(ShippedCases.load());
    }
  }

  /** Opens at {@code idx} a copy of the shipped cases' index, as a rebuild from them leaves it. */
  private static CaseIndex openShipped(Path idx) throws IOException {
    try (Stream<Path> all = Files.walk(shippedIndex)) {
      for (Path p : (Iterable<Path>) all::iterator) {
        Path target = idx.resolve(shippedIndex.relativize(p).toString());
        if (Files.isDirectory(p)) {
          Files.createDirectories(target);
        } else if (!p.getFileName().toString().equals("write.lock")) {
          Files.copy(p, target);
        }
      }
    }
    CaseIndex index = CaseIndex.open(idx, CaseIndex.shippedSynonyms());
    assertFalse(index.needsRebuild());
    assertEquals(40, index.size());
    return index;
  }

  private static List<List<String>> answers(CaseIndex index) throws CaseQueryException {
    List<List<String>> out = new ArrayList<>();
    for (String q : QUERIES) {
      out.add(index.search(CaseQuery.of(q).withPage(1, 40)).hits().stream().map(Hit::id).toList());
    }
    return out;
  }

  private static CaseDocument sample(String id, String title, String body) {
    return new CaseDocument(id, title, "", body, List.of("elderly-care"), List.of("casework"), "old-town",
        "江东省/云溪市/南湖区", 2026, List.of("测试标签"), Instant.parse("2026-01-02T03:04:05Z"));
  }

  @Test
  void aNewIndexNeedsARebuildAndSearchesEmptyMeanwhile() throws Exception {
    try (CaseIndex index = CaseIndex.open(dir.resolve("idx"), CaseIndex.shippedSynonyms())) {
      assertTrue(index.needsRebuild());
      SearchResult empty = index.search(CaseQuery.of("调解").withFilter("topic", "family"));
      assertEquals(0, empty.total());
      assertEquals(List.of(new FacetCount("family", 0)), empty.facets().get("topic"));
      assertTrue(index.suggest("调", 5).isEmpty());
      assertTrue(index.related("case-001", 5).isEmpty());
      index.rebuild(ShippedCases.load());
      assertFalse(index.needsRebuild());
      assertEquals(40, index.size());
    }
    try (CaseIndex again = CaseIndex.open(dir.resolve("idx"), CaseIndex.shippedSynonyms())) {
      assertFalse(again.needsRebuild());
      assertEquals(40, again.size());
    }
  }

  @Test
  void deletedIndexDirectoryIsRebuiltWithTheSameResults() throws Exception {
    Path idx = dir.resolve("idx");
    List<List<String>> before;
    try (CaseIndex index = openShipped(idx)) {
      before = answers(index);
    }
    deleteTree(idx);
    try (CaseIndex index = CaseIndex.open(idx, CaseIndex.shippedSynonyms())) {
      assertTrue(index.needsRebuild());
      assertEquals(0, index.size());
      index.rebuild(ShippedCases.load());
      assertFalse(index.needsRebuild());
      assertEquals(before, answers(index));
    }
  }

  @Test
  void anOlderSchemaVersionNeedsARebuildAndStillServes() throws Exception {
    Path idx = dir.resolve("idx");
    Path gen;
    try (CaseIndex index = openShipped(idx)) {
      gen = index.currentPath();
    }
    // Stamp the commit as written by schema version SCHEMA_VERSION - 1.
    try (Directory d = FSDirectory.open(gen);
         IndexWriter w = new IndexWriter(d, new IndexWriterConfig().setOpenMode(IndexWriterConfig.OpenMode.APPEND))) {
      w.setLiveCommitData(Map.of(CaseIndex.SCHEMA_KEY, Integer.toString(CaseIndex.SCHEMA_VERSION - 1)).entrySet());
      w.commit();
    }
    try (CaseIndex index = CaseIndex.open(idx, CaseIndex.shippedSynonyms())) {
      assertTrue(index.needsRebuild());
      assertEquals(40, index.search(CaseQuery.of("")).total());
      // Writing to the old index does not make it current.
      index.upsert(sample("case-900", "临时案例", "内容"));
    }
    try (CaseIndex index = CaseIndex.open(idx, CaseIndex.shippedSynonyms())) {
      assertTrue(index.needsRebuild());
      assertEquals(41, index.size());
      index.rebuild(ShippedCases.load());
      assertFalse(index.needsRebuild());
      assertEquals(40, index.size());
    }
    try (CaseIndex index = CaseIndex.open(idx, CaseIndex.shippedSynonyms())) {
      assertFalse(index.needsRebuild());
      try (Stream<Path> s = Files.list(idx)) {
        assertEquals(1, s.count(), "only the current generation is kept");
      }
    }
  }

  @Test
  void aDamagedIndexNeedsARebuild() throws Exception {
    Path idx = dir.resolve("idx");
    Path gen;
    try (CaseIndex index = openShipped(idx)) {
      gen = index.currentPath();
    }
    try (Stream<Path> files = Files.list(gen)) {
      for (Path f : files.filter(f -> !f.getFileName().toString().equals("write.lock")).toList()) {
        Files.write(f, "damaged".getBytes());
      }
    }
    try (CaseIndex index = CaseIndex.open(idx, CaseIndex.shippedSynonyms())) {
      assertTrue(index.needsRebuild());
      assertEquals(0, index.search(CaseQuery.of("调解")).total());
      index.rebuild(ShippedCases.load());
      assertEquals("case-001", index.search(CaseQuery.of("加装电梯")).hits().get(0).id());
    }
  }

  @Test
  void upsertAndDeleteAreVisibleToTheNextSearch() throws Exception {
    try (CaseIndex index = openShipped(dir.resolve("idx"))) {
      assertEquals(0, index.search(CaseQuery.of("垃圾分类")).total());

      index.upsert(sample("case-041", "垃圾分类督导志愿者的招募与培训", "## 背景\n\n社区推行垃圾分类，招募志愿者在投放点督导。"));
      SearchResult r = index.search(CaseQuery.of("垃圾分类"));
      assertEquals(List.of("case-041"), r.hits().stream().map(Hit::id).toList());
      assertTrue(r.hits().get(0).highlights().get(0).contains("<mark>垃圾分类</mark>"));
      assertEquals(41, index.search(CaseQuery.of("")).total());
      assertTrue(index.search(CaseQuery.of("")).facets().get("region").contains(new FacetCount("江东省/云溪市/南湖区", 1)));
      assertTrue(index.suggest("垃圾", 5).contains("垃圾分类督导志愿者的招募与培训"));

      // Replacing keeps one document per id.
      index.upsert(sample("case-041", "社区屋顶养蜂的协商实验", "## 背景\n\n楼栋试点屋顶养蜂。"));
      assertEquals(0, index.search(CaseQuery.of("垃圾分类")).total());
      assertEquals(List.of("case-041"), index.search(CaseQuery.of("养蜂")).hits().stream().map(Hit::id).toList());
      assertEquals(41, index.size());
      assertFalse(index.suggest("垃圾", 5).contains("垃圾分类督导志愿者的招募与培训"));

      // A shipped case changed.
      CaseDocument c1 = ShippedCases.get("case-001");
      index.upsert(new CaseDocument(c1.id(), "老旧小区增设升降梯的协商", c1.summary(), c1.body(), c1.topics(),
          c1.methods(), c1.communityType(), c1.region(), c1.year(), c1.tags(), Instant.now()));
      assertEquals("老旧小区增设升降梯的协商", index.search(CaseQuery.of("升降梯")).hits().get(0).title());

      index.delete("case-001");
      assertFalse(index.search(CaseQuery.of("加装电梯").withPage(1, 40)).hits().stream()
          .anyMatch(h -> h.id().equals("case-001")));
      assertFalse(index.suggest("加装", 5).contains("老旧小区增设升降梯的协商"));
      assertEquals(40, index.size());
      index.delete("case-404"); // nothing to delete
      assertEquals(40, index.size());
    }
  }

  @Test
  void highlightsEscapeHtmlOfTheCaseText() throws Exception {
    try (CaseIndex index = CaseIndex.open(dir.resolve("idx"), CaseIndex.shippedSynonyms())) {
      index.rebuild(List.of(new CaseDocument("case-666", "标题<b>调解</b>", "<img src=x onerror=alert(1)>调解 & \"引号\" 'single'",
          "## 背景\n\n代码 `<script>alert('调解')</script>` 与 a < b && c > d 的调解。\n\n<div onclick=\"x()\">块</div>\n",
          List.of(), List.of(), "", "", 2024, List.of("<i>标签</i>"), null)));
      Hit hit = index.search(CaseQuery.of("调解")).hits().get(0);
      String all = String.join("|", hit.highlights());
      assertTrue(all.contains("&lt;img src=x onerror=alert(1)&gt;<mark>调解</mark> &amp; &quot;引号&quot; &#39;single&#39;"), all);
      assertTrue(all.contains("&lt;script&gt;alert(&#39;<mark>调解</mark>&#39;)&lt;/script&gt;"), all);
      assertTrue(all.contains("a &lt; b &amp;&amp; c &gt; d"), all);
      assertFalse(all.replace("<mark>", "").replace("</mark>", "").matches("(?s).*[<>\"'].*"), all);
      // Title and summary are plain text, for the template to escape.
      assertEquals("标题<b>调解</b>", hit.title());
    }
  }

  @Test
  void searchesDuringARebuildSeeTheOldIndexUntilTheNewOneIsCommitted() throws Exception {
    try (CaseIndex index = CaseIndex.open(dir.resolve("idx"), CaseIndex.shippedSynonyms())) {
      List<CaseDocument> first = ShippedCases.load().subList(0, 10);
      index.rebuild(first);
      AtomicBoolean done = new AtomicBoolean();
      ConcurrentLinkedQueue<Long> totals = new ConcurrentLinkedQueue<>();
      ConcurrentLinkedQueue<Throwable> errors = new ConcurrentLinkedQueue<>();
      CountDownLatch halfway = new CountDownLatch(1);
      Thread reader = new Thread(() -> {
        while (!done.get()) {
          try {
            totals.add(index.search(CaseQuery.of("")).total());
            index.search(CaseQuery.of("社区 老人"));
          } catch (Throwable t) {
            errors.add(t);
          }
        }
      });
      reader.start();
      // A slow feed: searches run while it is half written.
      List<CaseDocument> all = ShippedCases.load();
      index.rebuild(() -> new Iterator<>() {
        int i;

        @Override
        public boolean hasNext() {
          return i < all.size();
        }

        @Override
        public CaseDocument next() {
          if (i == 20) {
            halfway.countDown();
            sleep(200);
          }
          return all.get(i++);
        }
      });
      assertTrue(halfway.await(0, java.util.concurrent.TimeUnit.SECONDS));
      sleep(50);
      done.set(true);
      reader.join();
      assertTrue(errors.isEmpty(), errors.toString());
      assertTrue(totals.stream().allMatch(t -> t == 10 || t == 40), totals.toString());
      assertTrue(totals.contains(10L));
      assertEquals(40, index.search(CaseQuery.of("")).total());
    }
  }

  @Test
  void aFailedRebuildLeavesTheOldIndex() throws Exception {
    try (CaseIndex index = openShipped(dir.resolve("idx"))) {
      List<CaseDocument> broken = new ArrayList<>(ShippedCases.load().subList(0, 5));
      Iterable<CaseDocument> failing = () -> new Iterator<>() {
        int i;

        @Override
        public boolean hasNext() {
          return true;
        }

        @Override
        public CaseDocument next() {
          if (i == broken.size()) {
            throw new IllegalStateException("database went away");
          }
          return broken.get(i++);
        }
      };
      assertThrows(IllegalStateException.class, () -> index.rebuild(failing));
      assertEquals(40, index.size());
      assertFalse(index.needsRebuild());
      index.upsert(sample("case-041", "垃圾分类", "x"));
      assertEquals(41, index.size());
    }
    try (Stream<Path> s = Files.list(dir.resolve("idx"))) {
      assertEquals(1, s.count(), "the half-written generation is gone");
    }
  }

  @Test
  void concurrentSearchesWithOneWriter() throws Exception {
    try (CaseIndex index = openShipped(dir.resolve("idx"))) {
      AtomicBoolean done = new AtomicBoolean();
      ConcurrentLinkedQueue<Throwable> errors = new ConcurrentLinkedQueue<>();
      List<Thread> readers = new ArrayList<>();
      for (int t = 0; t < 4; t++) {
        Thread th = new Thread(() -> {
          while (!done.get()) {
            try {
              long total = index.search(CaseQuery.of("调解").withFilter("method", "casework")).total();
              if (total < 1) {
                throw new AssertionError("lost hits: " + total);
              }
              index.suggest("社区", 5);
              index.related("case-003", 3);
            } catch (Throwable e) {
              errors.add(e);
            }
          }
        });
        th.start();
        readers.add(th);
      }
      for (int i = 0; i < 30; i++) {
        index.upsert(sample("case-" + (500 + i % 5), "并发写入 " + i, "调解 个案 " + i));
        if (i % 7 == 0) {
          index.delete("case-" + (500 + i % 5));
        }
      }
      done.set(true);
      for (Thread th : readers) {
        th.join();
      }
      assertTrue(errors.isEmpty(), errors.toString());
    }
  }

  @Test
  void closedIndexRefusesWork() {
    CaseIndex index = CaseIndex.open(dir.resolve("idx"), List.of());
    index.close();
    index.close();
    assertThrows(RuntimeException.class, () -> index.search(CaseQuery.of("x")));
    assertThrows(RuntimeException.class, () -> index.upsert(sample("a", "b", "c")));
  }

  private static void sleep(long ms) {
    try {
      Thread.sleep(ms);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  private static void deleteTree(Path p) throws IOException {
    try (Stream<Path> s = Files.walk(p)) {
      for (Path f : s.sorted(Comparator.reverseOrder()).toList()) {
        Files.delete(f);
      }
    }
  }

  @Test
  void aCasesDiscussionGuideIsNotSearched() throws Exception {
    String body = "## 背景\n独居老人王阿姨的楼道照明坏了。\n\n## 反思\n邻里互助要有人牵头。\n\n"
        + "## 讨论指引\n\n1. 如果你是社工，会先联系物业还是先动员邻居？\n   要点：比较两条路径。\n\n"
        + "建议用途：社会工作实务（中级）案例分析练习。\n";
    try (CaseIndex index = CaseIndex.open(dir.resolve("idx"), CaseIndex.shippedSynonyms())) {
      index.rebuild(List.of(sample("case-guide", "楼道照明维修", body)));
      assertEquals(1, index.search(CaseQuery.of("独居老人")).total(), "the case itself is searched");
      assertEquals(0, index.search(CaseQuery.of("社会工作实务")).total(), "its discussion guide is not");
      assertEquals(0, index.search(CaseQuery.of("动员邻居")).total());
    }
  }

  @Test
  void theGuideEndsAtTheNextHeadingOfItsLevel() {
    assertEquals("## 背景\n甲\n## 附录\n乙\n",
        DiscussionGuide.strip("## 背景\n甲\n## 讨论指引\n1. 问题\n### 小节\n丙\n## 附录\n乙\n"));
    assertEquals("## 背景\n讨论指引这个词可以出现在正文里\n",
        DiscussionGuide.strip("## 背景\n讨论指引这个词可以出现在正文里\n"));
  }
}
