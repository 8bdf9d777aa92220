package org.qinglan.cases.search;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import org.qinglan.bench.CaseSearchBenchmark;

/**
 * What ranking only the first {@link CaseIndex#RESCORE_WINDOW} candidates changes: the first page
 * of each relevance search of the benchmark, against ranking every match with the full query.
 * Run on an index the benchmark left with {@code --index DIR}:
 *
 * <pre>
 * mvn -q test-compile exec:java -Dexec.mainClass=org.qinglan.cases.search.RankingAgreement \
 *     -Dexec.args="/tmp/qinglan-bench-index"
 * </pre>
 *
 * <p>A second argument ranks that many candidates instead of {@link CaseIndex#RESCORE_WINDOW}
 * ({@code -Dexec.args="/tmp/qinglan-bench-index 300"}), to see what a different window would change.
 */
public final class RankingAgreement {
  private RankingAgreement() {
  }

  public static void main(String[] args) throws Exception {
    Path dir = Path.of(args[0]);
    if (!Files.isDirectory(dir)) {
      throw new IllegalArgumentException("No index in " + dir + ": run the benchmark with --index " + dir + " first");
    }
    Map<String, CaseQuery> relevance = new LinkedHashMap<>();
    CaseSearchBenchmark.searches().forEach((label, q) -> {
      if (q.sort() == CaseQuery.Sort.RELEVANCE && !q.text().isBlank() && !q.text().startsWith("-")) {
        relevance.put(label, q);
      }
    });
    int window = args.length > 1 ? Integer.parseInt(args[1]) : CaseIndex.RESCORE_WINDOW;
    Map<String, List<Hit>> windowed = firstPages(dir, relevance, window);
    int every;
    try (CaseIndex index = CaseIndex.open(dir, CaseIndex.shippedSynonyms())) {
      every = index.size();
    }
    Map<String, List<Hit>> exact = firstPages(dir, relevance, every);
    int identical = 0;
    int shared = 0;
    int hits = 0;
    double worstTop = 1;
    for (String label : relevance.keySet()) {
      List<Hit> a = exact.get(label);
      List<Hit> b = windowed.get(label);
      Set<String> ids = new HashSet<>();
      a.forEach(h -> ids.add(h.id()));
      int common = (int) b.stream().filter(h -> ids.contains(h.id())).count();
      boolean same = a.stream().map(Hit::id).toList().equals(b.stream().map(Hit::id).toList());
      identical += same ? 1 : 0;
      shared += common;
      hits += a.size();
      double top = a.isEmpty() || a.get(0).score() == 0 ? 1 : b.get(0).score() / a.get(0).score();
      worstTop = Math.min(worstTop, top);
      if (!same) {
        System.out.printf(Locale.ROOT, "  %-40s %2d of %2d shared; scores %.2f to %.2f instead of %.2f to %.2f%n",
            label, common, a.size(), first(b), last(b), first(a), last(a));
      }
    }
    System.out.printf(Locale.ROOT, "First pages identical to ranking every match: %d of %d; hits shared: %d of %d "
        + "(%.0f%%); lowest ratio of first scores: %.2f%n", identical, relevance.size(), shared, hits,
        100.0 * shared / Math.max(1, hits), worstTop);
    System.exit(0);
  }

  private static float first(List<Hit> hits) {
    return hits.isEmpty() ? 0 : hits.get(0).score();
  }

  private static float last(List<Hit> hits) {
    return hits.isEmpty() ? 0 : hits.get(hits.size() - 1).score();
  }

  private static Map<String, List<Hit>> firstPages(Path dir, Map<String, CaseQuery> searches, int window)
      throws Exception {
    Map<String, List<Hit>> out = new LinkedHashMap<>();
    try (CaseIndex index = CaseIndex.open(dir, CaseIndex.shippedSynonyms(), window)) {
      for (Map.Entry<String, CaseQuery> e : searches.entrySet()) {
        out.put(e.getKey(), new ArrayList<>(index.search(e.getValue()).hits()));
      }
    }
    return out;
  }
}
