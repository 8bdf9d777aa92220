package org.qinglan.bench;

import java.io.IOException;
import java.io.Reader;
import java.io.StringReader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.Comparator;
import java.util.HashMap;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Random;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.postgresql.PGConnection;
import org.postgresql.copy.CopyManager;
import org.qinglan.cases.search.CaseDocument;
import org.qinglan.cases.search.CaseIndex;
import org.qinglan.cases.search.CaseQuery;
import org.qinglan.cases.search.CaseQueryException;
import org.qinglan.cases.search.SearchResult;
import org.qinglan.cases.search.ShippedCases;
import org.qinglan.platform.DatabaseTarget;
import org.qinglan.testing.TestDatabases;

/**
 * Case search at scale: builds a corpus of N cases (default 100,000) by recombining the
 * sections and paragraphs of the 40 shipped cases (so the text stays real Chinese of the field),
 * indexes it with {@link CaseIndex} (prints cases/s), then runs a fixed set of 50 searches
 * (common words, rare words, synonyms, phrases, exclusions, facet filters, date sort, deep
 * pages) round after round and prints the latency p50/p99 of a whole search (hits, total,
 * facet counts and highlights of one page of 10).
 *
 * <p>Then the PostgreSQL comparison ({@link #comparePostgres}): the same rows in a table of a
 * fresh database, the same 50 searches as {@code ILIKE '%word%'} (no index), then with a
 * pg_trgm GIN index (ILIKE using the index, and pg_trgm word similarity), each with its p50/p99
 * and its ratio to Lucene.
 *
 * <p>Not part of {@code mvn verify}. Run:
 * {@code mvn -q test-compile exec:java -Dexec.mainClass=org.qinglan.bench.CaseSearchBenchmark}
 * with optional {@code -Dexec.args="--cases 100000 --warmup-rounds 10 --rounds 20 --pg-rounds 1 --pg true
 * --pg-timeout-ms 10000"};
 * PostgreSQL searches that run into the statement timeout are counted and printed. Add
 * {@code --index DIR} to keep the index in DIR and reuse it on the next run when it has the same
 * number of cases and the current {@link CaseIndex#SCHEMA_VERSION} (otherwise it is rebuilt there).
 */
public final class CaseSearchBenchmark {
  private static final String[] SECTIONS = {"背景", "需求评估", "介入过程", "成效", "反思"};
  private static final String[] DISTRICTS = {"东湖区", "西岭区", "南湖区", "北山区"};
  private static final String[] STREETS = {"望江街道", "石桥镇", "梅园街道", "新河街道", "枫林街道", "长乐街道"};
  private static final long SEED = 20261123L;

  /** PostgreSQL's statement_timeout for each timed search. */
  private final int pgTimeoutMs;

  private CaseSearchBenchmark(int pgTimeoutMs) {
    this.pgTimeoutMs = pgTimeoutMs;
  }

  public static void main(String[] args) throws Exception {
    Map<String, String> opts = new HashMap<>();
    for (int i = 0; i + 1 < args.length; i += 2) {
      opts.put(args[i].replaceFirst("^--", ""), args[i + 1]);
    }
    int n = Integer.parseInt(opts.getOrDefault("cases", "100000"));
    int warmupRounds = Integer.parseInt(opts.getOrDefault("warmup-rounds", "10"));
    int rounds = Integer.parseInt(opts.getOrDefault("rounds", "20"));
    int pgRounds = Integer.parseInt(opts.getOrDefault("pg-rounds", "1"));
    boolean pg = Boolean.parseBoolean(opts.getOrDefault("pg", "true"));
    Path indexDir = opts.containsKey("index") ? Path.of(opts.get("index")) : null;
    int pgTimeoutMs = Integer.parseInt(opts.getOrDefault("pg-timeout-ms", "10000"));
    new CaseSearchBenchmark(pgTimeoutMs).run(n, warmupRounds, rounds, pg, pgRounds, indexDir);
    System.exit(0);
  }

  private void run(int n, int warmupRounds, int rounds, boolean pg, int pgRounds, Path indexDir) throws Exception {
    System.out.printf(Locale.ROOT, "Case search benchmark: %,d cases, %d rounds of %d searches after %d warm-up rounds, "
        + "%d cores, Java %s, max heap %d MiB%n", n, rounds, QUERIES.size(), warmupRounds, Runtime.getRuntime().availableProcessors(), System.getProperty("java.version"),
        Runtime.getRuntime().maxMemory() >> 20);
    Corpus corpus = new Corpus(ShippedCases.load(), n);
    System.out.printf(Locale.ROOT, "Corpus: %,d cases, %.1f MB of text (average %,d characters a case)%n", n,
        corpus.totalChars() / 1e6, corpus.totalChars() / n);

    Path dir = indexDir != null ? Files.createDirectories(indexDir) : Files.createTempDirectory("qinglan-case-bench");
    Map<String, long[]> lucene;
    try (CaseIndex index = CaseIndex.open(dir, CaseIndex.shippedSynonyms())) {
      // --index DIR: an index of the current schema with the same number of cases was built from
      // this same corpus (fixed seed) by an earlier run; reuse it and skip the ~3 minutes of indexing.
      if (indexDir != null && !index.needsRebuild() && index.size() == n) {
        System.out.printf(Locale.ROOT, "Lucene indexing: skipped, reusing the index of %,d cases in %s (%.0f MB on disk)%n",
            index.size(), dir, sizeOf(dir) / 1e6);
      } else {
        long t0 = System.nanoTime();
        index.rebuild(corpus);
        double secs = (System.nanoTime() - t0) / 1e9;
        System.out.printf(Locale.ROOT, "Lucene indexing: %,d cases in %.1f s = %,.0f cases/s; index %.0f MB on disk%n",
            index.size(), secs, n / secs, sizeOf(dir) / 1e6);
      }

      // Steady state, as of a server that has been up for a while: a full collection first (start-up
      // leaves garbage and a concurrent GC cycle behind, whose pauses of 10-45 ms otherwise fall on
      // the first timed rounds), then warm-up rounds while the JIT compiles the search code. The
      // per-round line below shows what is left.
      System.gc();
      for (int w = 0; w < warmupRounds; w++) {
        for (CaseQuery q : QUERIES.values()) {
          index.search(q);
        }
      }
      lucene = new LinkedHashMap<>();
      Map<String, Long> totals = new LinkedHashMap<>();
      for (int r = 0; r < rounds; r++) {
        for (Map.Entry<String, CaseQuery> e : QUERIES.entrySet()) {
          long s = System.nanoTime();
          SearchResult result = index.search(e.getValue());
          long took = System.nanoTime() - s;
          lucene.computeIfAbsent(e.getKey(), k -> new long[rounds])[r] = took;
          totals.put(e.getKey(), result.total());
        }
      }
      System.out.println();
      System.out.println("Per search (Lucene median, hits):");
      for (String k : QUERIES.keySet()) {
        System.out.printf(Locale.ROOT, "  %-48s %7.2f ms %,8d%n", k, percentile(lucene.get(k), 50) / 1e6, totals.get(k));
      }
      long[] all = flatten(lucene);
      System.out.printf(Locale.ROOT, "%nLucene search latency over %,d searches: p50 %.2f ms, p99 %.2f ms, max %.2f ms%n",
          all.length, percentile(all, 50) / 1e6, percentile(all, 99) / 1e6, percentile(all, 100) / 1e6);
      System.out.println("The slowest 1% (what the p99 is made of): " + slowest(lucene, all.length / 100));
      StringBuilder perRound = new StringBuilder("Slowest search of each round:");
      for (int r = 0; r < rounds; r++) {
        long max = 0;
        for (long[] t : lucene.values()) {
          max = Math.max(max, t[r]);
        }
        perRound.append(String.format(Locale.ROOT, " %.1f", max / 1e6));
      }
      System.out.println(perRound.append(" ms"));

      long s = System.nanoTime();
      int suggestions = 0;
      for (String p : List.of("调", "加装", "社区", "老", "独居", "网格", "志愿", "儿")) {
        for (int i = 0; i < 20; i++) {
          suggestions += index.suggest(p, 10).size();
        }
      }
      System.out.printf(Locale.ROOT, "Suggestions: %.2f ms each (%d returned)%n", (System.nanoTime() - s) / 1e6 / 160,
          suggestions);
      s = System.nanoTime();
      for (int i = 0; i < 50; i++) {
        index.related("case-" + (i * 1999 % n), 5);
      }
      System.out.printf(Locale.ROOT, "Related cases: %.2f ms each%n", (System.nanoTime() - s) / 1e6 / 50);
    } finally {
      if (indexDir == null) {
        deleteTree(dir);
      }
    }

    if (pg) {
      comparePostgres(corpus, lucene, pgRounds);
    } else {
      System.out.println("PostgreSQL comparison skipped (--pg false).");
    }
  }

  // ------------------------------------------------------------------ the 50 searches

  private static final Map<String, CaseQuery> QUERIES = new LinkedHashMap<>();

  /** The benchmark's 50 searches by label (also used by {@code RankingAgreement}). */
  public static Map<String, CaseQuery> searches() {
    return Collections.unmodifiableMap(QUERIES);
  }

  private static void q(String label, CaseQuery query) {
    QUERIES.put(label, query);
  }

  private static void q(String text) {
    q(text, CaseQuery.of(text));
  }

  static {
    // Common words (match a large part of the corpus).
    for (String w : List.of("社区", "老人", "居民", "志愿者", "社工", "家庭", "矛盾", "儿童", "服务", "小组")) {
      q(w);
    }
    // Rarer words and synonyms.
    for (String w : List.of("加装电梯", "调解", "长者", "残障人士", "网格员", "独居老人", "社区矫正", "低保", "时间银行",
        "广场舞", "认知症", "留守儿童", "心理疏导", "危机介入", "暴雨内涝")) {
      q(w);
    }
    // Several words.
    for (String w : List.of("社区网格员上门走访独居老人", "老旧小区 停车 纠纷", "青少年 成长小组", "志愿者 激励 团队",
        "困难家庭 医疗救助")) {
      q(w);
    }
    // Phrases and exclusions.
    for (String w : List.of("\"加装电梯\"", "\"邻里关系\"", "\"人民调解\"", "\"家庭会议\"", "\"独居老人\"", "纠纷 -噪音",
        "老人 -独居", "\"社区矫正\" -青年")) {
      q(w);
    }
    // Facet filters.
    q("老人 [topic=elderly-care]", CaseQuery.of("老人").withFilter("topic", "elderly-care"));
    q("调解 [communityType=old-town]", CaseQuery.of("调解").withFilter("communityType", "old-town"));
    q("(all) [region=东湖区]", CaseQuery.of("").withFilter("region", "江东省/云溪市/东湖区"));
    q("(all) [year=2023]", CaseQuery.of("").withFilter("year", "2023"));
    q("志愿者 [method=group-work, year=2020|2021]",
        CaseQuery.of("志愿者").withFilter("method", "group-work").withFilter("year", "2020", "2021"));
    q("儿童 [topic=child-protection, region=西岭区]", CaseQuery.of("儿童").withFilter("topic", "child-protection")
        .withFilter("region", "江东省/云溪市/西岭区"));
    q("社区 [topic=dispute-mediation|family]", CaseQuery.of("社区").withFilter("topic", "dispute-mediation", "family"));
    // Sorted by date.
    q("社区 (by date)", CaseQuery.of("社区").withSort(CaseQuery.Sort.DATE));
    q("调解 (by date)", CaseQuery.of("调解").withSort(CaseQuery.Sort.DATE));
    q("(all, by date)", CaseQuery.of(""));
    // Deeper pages.
    q("老人 (page 5)", CaseQuery.of("老人").withPage(5, 10));
    q("社区 (page 20)", CaseQuery.of("社区").withPage(20, 10));
    if (QUERIES.size() != 50) {
      throw new IllegalStateException("The benchmark has " + QUERIES.size() + " searches, not 50");
    }
  }

  // ------------------------------------------------------------------ corpus

  /** N synthetic cases, the same each time (fixed seed), made from the shipped cases' paragraphs. */
  static final class Corpus implements Iterable<CaseDocument> {
    private final List<CaseDocument> shipped;
    private final List<Map<String, List<String>>> sections = new ArrayList<>();
    private final int n;

    Corpus(List<CaseDocument> shipped, int n) {
      this.shipped = shipped;
      this.n = n;
      for (CaseDocument c : shipped) {
        sections.add(sections(c.body()));
      }
    }

    private static Map<String, List<String>> sections(String body) {
      Map<String, List<String>> out = new LinkedHashMap<>();
      String current = "";
      for (String block : body.split("\n\\s*\n")) {
        String b = block.strip();
        if (b.startsWith("## ")) {
          current = b.substring(3).strip();
        } else if (!b.isEmpty()) {
          out.computeIfAbsent(current, k -> new ArrayList<>()).add(b);
        }
      }
      return out;
    }

    long totalChars() {
      long sum = 0;
      for (CaseDocument c : this) {
        sum += c.title().length() + c.summary().length() + c.body().length();
      }
      return sum;
    }

    CaseDocument make(int i, Random rnd) {
      CaseDocument base = shipped.get(i % shipped.size());
      StringBuilder body = new StringBuilder();
      for (String section : SECTIONS) {
        body.append("## ").append(section).append("\n\n");
        // Mostly the base case's own section, often another case's, plus now and then one more paragraph.
        List<String> own = sections.get(rnd.nextInt(3) == 0 ? rnd.nextInt(shipped.size()) : i % shipped.size())
            .getOrDefault(section, List.of());
        for (String p : own) {
          body.append(p).append("\n\n");
        }
        if (rnd.nextInt(3) == 0) {
          List<String> other = sections.get(rnd.nextInt(shipped.size())).getOrDefault(section, List.of());
          if (!other.isEmpty()) {
            body.append(other.get(rnd.nextInt(other.size()))).append("\n\n");
          }
        }
      }
      List<String> tags = new ArrayList<>(base.tags());
      List<String> otherTags = shipped.get(rnd.nextInt(shipped.size())).tags();
      if (!otherTags.isEmpty()) {
        tags.add(otherTags.get(rnd.nextInt(otherTags.size())));
      }
      String district = DISTRICTS[rnd.nextInt(DISTRICTS.length)];
      String region = "江东省/云溪市/" + district + (rnd.nextBoolean() ? "/" + STREETS[rnd.nextInt(STREETS.length)] : "");
      int year = 2012 + rnd.nextInt(14);
      Instant updated = Instant.parse(year + "-01-01T00:00:00Z").plusSeconds(rnd.nextInt(365 * 86400));
      return new CaseDocument("case-" + i, base.title(), base.summary(), body.toString(), base.topics(),
          base.methods(), base.communityType(), region, year, tags, updated);
    }

    @Override
    public Iterator<CaseDocument> iterator() {
      Random rnd = new Random(SEED);
      return new Iterator<>() {
        int i;

        @Override
        public boolean hasNext() {
          return i < n;
        }

        @Override
        public CaseDocument next() {
          return make(i++, rnd);
        }
      };
    }
  }

  // ------------------------------------------------------------------ PostgreSQL comparison

  /**
   * PostgreSQL comparison: the same rows in a fresh database (TestDatabases.fresh()), the same
   * 50 searches translated to SQL — every word group and phrase as {@code doc ILIKE '%…%'},
   * exclusions as {@code NOT ILIKE}, filters as array/prefix conditions, one page of 10 ordered
   * by year and update time with {@code count(*) OVER ()} for the total — timed first without an
   * index (ILIKE), then with a pg_trgm GIN index (ILIKE through the index, and pg_trgm word
   * similarity {@code q <% doc} ordered by {@code q <<-> doc}). ILIKE has no segmentation,
   * synonyms, relevance or facet counts, so it does less work than Lucene, and finds different
   * cases: this compares speed only.
   */
  private void comparePostgres(Corpus corpus, Map<String, long[]> lucene, int pgRounds) throws Exception {
    System.out.println();
    DatabaseTarget db = TestDatabases.fresh();
    try (Connection c = DriverManager.getConnection(db.jdbcUrl(), db.user(), db.password())) {
      try (Statement s = c.createStatement()) {
        s.execute("CREATE EXTENSION IF NOT EXISTS pg_trgm");
        s.execute("CREATE TABLE bench_case (id text PRIMARY KEY, title text NOT NULL, summary text NOT NULL, "
            + "body text NOT NULL, tags text NOT NULL, topics text[] NOT NULL, methods text[] NOT NULL, "
            + "community_type text NOT NULL, region text NOT NULL, year int NOT NULL, updated_at timestamptz NOT NULL, "
            + "doc text GENERATED ALWAYS AS (title || ' ' || summary || ' ' || tags || ' ' || body) STORED)");
        try (ResultSet rs = s.executeQuery("SELECT version(), datctype, show_trgm('调解纠纷') FROM pg_database "
            + "WHERE datname = current_database()")) {
          rs.next();
          System.out.printf("PostgreSQL: %s; LC_CTYPE %s; pg_trgm trigrams of 调解纠纷: %s%n",
              rs.getString(1).replaceAll(" on .*", ""), rs.getString(2), rs.getString(3));
        }
      }
      long t0 = System.nanoTime();
      load(c, corpus);
      try (Statement s = c.createStatement()) {
        s.execute("VACUUM ANALYZE bench_case");
      }
      System.out.printf(Locale.ROOT, "PostgreSQL load: %,d rows in %.1f s%n", corpus.n, (System.nanoTime() - t0) / 1e9);

      report("ILIKE, no index", time(c, pgRounds, false), lucene);

      t0 = System.nanoTime();
      try (Statement s = c.createStatement()) {
        s.execute("CREATE INDEX bench_case_doc_trgm ON bench_case USING gin (doc gin_trgm_ops)");
        s.execute("ANALYZE bench_case");
      }
      System.out.printf(Locale.ROOT, "pg_trgm GIN index built in %.1f s%n", (System.nanoTime() - t0) / 1e9);
      report("ILIKE with pg_trgm GIN index", time(c, pgRounds, false), lucene);
      report("pg_trgm word similarity (<%, <<->)", time(c, pgRounds, true), lucene);
    } finally {
      TestDatabases.drop(db);
    }
  }

  private static void load(Connection c, Corpus corpus) throws SQLException, IOException {
    CopyManager copy = c.unwrap(PGConnection.class).getCopyAPI();
    StringBuilder batch = new StringBuilder();
    int rows = 0;
    for (CaseDocument d : corpus) {
      batch.append(copyField(d.id())).append('\t').append(copyField(d.title())).append('\t')
          .append(copyField(d.summary())).append('\t').append(copyField(d.body())).append('\t')
          .append(copyField(String.join(" ", d.tags()))).append('\t').append(copyArray(d.topics())).append('\t')
          .append(copyArray(d.methods())).append('\t').append(copyField(d.communityType())).append('\t')
          .append(copyField(d.region())).append('\t').append(d.year()).append('\t')
          .append(d.updatedAt()).append('\n');
      if (++rows % 5000 == 0) {
        copy(copy, batch);
      }
    }
    copy(copy, batch);
  }

  private static void copy(CopyManager copy, StringBuilder batch) throws SQLException, IOException {
    if (batch.length() == 0) {
      return;
    }
    try (Reader r = new StringReader(batch.toString())) {
      copy.copyIn("COPY bench_case (id, title, summary, body, tags, topics, methods, community_type, region, year, "
          + "updated_at) FROM STDIN", r);
    }
    batch.setLength(0);
  }

  private static String copyField(String s) {
    return s.replace("\\", "\\\\").replace("\t", "\\t").replace("\n", "\\n").replace("\r", "\\r");
  }

  private static String copyArray(List<String> values) {
    return "{" + String.join(",", values.stream().map(v -> "\"" + v + "\"").toList()) + "}";
  }

  /** One search as SQL: the statement and its parameters. */
  private record Sql(String text, List<Object> params) {
  }

  private static Sql toSql(CaseQuery q, boolean similarity) {
    List<String> where = new ArrayList<>();
    List<Object> params = new ArrayList<>();
    List<String> positive = new ArrayList<>();
    for (String[] clause : clauses(q.text())) {
      boolean excluded = clause[1] != null;
      String word = clause[0];
      if (excluded) {
        where.add("doc NOT ILIKE ?");
        params.add("%" + word + "%");
      } else {
        positive.add(word);
      }
    }
    String order = "year DESC, updated_at DESC, id";
    if (similarity && !positive.isEmpty()) {
      String joined = String.join(" ", positive);
      where.add("? <% doc");
      params.add(joined);
      order = "? <<-> doc, " + order;
    } else {
      for (String w : positive) {
        where.add("doc ILIKE ?");
        params.add("%" + w + "%");
      }
    }
    q.filters().forEach((field, values) -> {
      switch (field) {
        case "topic" -> {
          where.add("topics && ?::text[]");
          params.add(values.toArray(new String[0]));
        }
        case "method" -> {
          where.add("methods && ?::text[]");
          params.add(values.toArray(new String[0]));
        }
        case "communityType" -> {
          where.add("community_type = ANY (?::text[])");
          params.add(values.toArray(new String[0]));
        }
        case "region" -> {
          List<String> ors = new ArrayList<>();
          for (String v : values) {
            ors.add("(region = ? OR region LIKE ?)");
            params.add(v);
            params.add(v + "/%");
          }
          where.add("(" + String.join(" OR ", ors) + ")");
        }
        case "year" -> {
          where.add("year = ANY (?::int[])");
          params.add(values.stream().map(Integer::valueOf).toArray(Integer[]::new));
        }
        default -> throw new IllegalArgumentException(field);
      }
    });
    List<Object> all = new ArrayList<>(params);
    if (order.startsWith("?")) {
      all.add(String.join(" ", positive));
    }
    all.add(q.size());
    all.add((q.page() - 1) * q.size());
    String sql = "SELECT id, title, count(*) OVER () AS total FROM bench_case"
        + (where.isEmpty() ? "" : " WHERE " + String.join(" AND ", where)) + " ORDER BY " + order + " LIMIT ? OFFSET ?";
    return new Sql(sql, all);
  }

  /** The search text as ILIKE sees it: each space-separated word or quoted phrase; [1] non-null if excluded. */
  private static List<String[]> clauses(String text) {
    List<String[]> out = new ArrayList<>();
    java.util.regex.Matcher m = java.util.regex.Pattern.compile("(-?)(?:\"([^\"]+)\"|(\\S+))").matcher(text);
    while (m.find()) {
      String word = m.group(2) != null ? m.group(2) : m.group(3);
      out.add(new String[] {word, m.group(1).isEmpty() ? null : "-"});
    }
    return out;
  }

  /** The latencies of one way of searching, and how many searches hit the statement timeout. */
  private record Timings(Map<String, long[]> latencies, int timeouts, int searches) {
  }

  /**
   * Runs the 50 searches {@code rounds} times. A search that runs into the statement timeout
   * ({@code --pg-timeout-ms}) is counted, and its latency is recorded as the timeout: the
   * percentiles are then lower bounds, and {@link #report} says so.
   */
  private Timings time(Connection c, int rounds, boolean similarity) throws SQLException {
    Map<String, long[]> out = new LinkedHashMap<>();
    try (Statement s = c.createStatement()) {
      s.execute("SET statement_timeout = " + pgTimeoutMs); // the searches only, not loading or indexing
    }
    // One warm-up pass over a few searches (plans, caches).
    int warm = 0;
    for (CaseQuery q : QUERIES.values()) {
      if (warm++ < 5) {
        runOrTimeout(c, toSql(q, similarity));
      }
    }
    int timeouts = 0;
    for (int r = 0; r < rounds; r++) {
      for (Map.Entry<String, CaseQuery> e : QUERIES.entrySet()) {
        long s = System.nanoTime();
        boolean done = runOrTimeout(c, toSql(e.getValue(), similarity));
        long took = System.nanoTime() - s;
        if (!done) {
          timeouts++;
          took = Math.max(took, pgTimeoutMs * 1_000_000L);
        }
        out.computeIfAbsent(e.getKey(), k -> new long[rounds])[r] = took;
      }
    }
    try (Statement s = c.createStatement()) {
      s.execute("RESET statement_timeout");
    }
    return new Timings(out, timeouts, rounds * QUERIES.size());
  }

  /** Runs the search; false if PostgreSQL cancelled it at the statement timeout. */
  private static boolean runOrTimeout(Connection c, Sql sql) throws SQLException {
    try {
      run(c, sql);
      return true;
    } catch (SQLException e) {
      if ("57014".equals(e.getSQLState())) { // query_canceled: statement_timeout
        return false;
      }
      throw e;
    }
  }

  private static long run(Connection c, Sql sql) throws SQLException {
    try (PreparedStatement ps = c.prepareStatement(sql.text())) {
      for (int i = 0; i < sql.params().size(); i++) {
        Object p = sql.params().get(i);
        if (p instanceof Object[] arr) {
          ps.setArray(i + 1, c.createArrayOf(arr instanceof Integer[] ? "int4" : "text", arr));
        } else {
          ps.setObject(i + 1, p);
        }
      }
      long total = 0;
      try (ResultSet rs = ps.executeQuery()) {
        while (rs.next()) {
          total = rs.getLong(3);
        }
      }
      return total;
    }
  }

  private void report(String what, Timings timings, Map<String, long[]> lucene) {
    Map<String, long[]> pg = timings.latencies();
    long[] all = flatten(pg);
    long[] lu = flatten(lucene);
    double p50 = percentile(all, 50) / 1e6;
    double p99 = percentile(all, 99) / 1e6;
    String bound = timings.timeouts() > 0 ? "at least " : "";
    System.out.printf(Locale.ROOT, "PostgreSQL %s: p50 %s%.1f ms, p99 %s%.1f ms over %,d searches; "
        + "Lucene is %s%.0f× faster at p50, %s%.0f× at p99%n", what, bound, p50, bound, p99, all.length,
        bound, p50 / (percentile(lu, 50) / 1e6), bound, p99 / (percentile(lu, 99) / 1e6));
    if (timings.timeouts() > 0) {
      System.out.printf(Locale.ROOT, "    %d of %d searches cancelled at the %,d ms statement timeout "
          + "(counted as %,d ms: the figures above are lower bounds)%n", timings.timeouts(), timings.searches(),
          pgTimeoutMs, pgTimeoutMs);
    }
    List<String> slowest = new ArrayList<>(pg.keySet());
    slowest.sort(Comparator.comparingLong((String k) -> percentile(pg.get(k), 50)).reversed());
    for (String k : slowest.subList(0, Math.min(3, slowest.size()))) {
      System.out.printf(Locale.ROOT, "    slowest: %-44s %8.1f ms (Lucene %.2f ms)%n", k, percentile(pg.get(k), 50) / 1e6,
          percentile(lucene.get(k), 50) / 1e6);
    }
  }

  // ------------------------------------------------------------------ helpers

  private static long[] flatten(Map<String, long[]> m) {
    return m.values().stream().flatMapToLong(Arrays::stream).toArray();
  }

  /** The {@code n} slowest timings, slowest first, as "label ms (round)". */
  private static String slowest(Map<String, long[]> timings, int n) {
    record Timing(String label, int round, long nanos) {
    }
    List<Timing> all = new ArrayList<>();
    timings.forEach((label, t) -> {
      for (int r = 0; r < t.length; r++) {
        all.add(new Timing(label, r + 1, t[r]));
      }
    });
    all.sort(Comparator.comparingLong(Timing::nanos).reversed());
    return all.stream().limit(n)
        .map(t -> String.format(Locale.ROOT, "%s %.1f ms (round %d)", t.label(), t.nanos() / 1e6, t.round()))
        .collect(Collectors.joining("; "));
  }

  /** Nearest-rank percentile (100 = max). */
  private static long percentile(long[] values, double p) {
    long[] v = values.clone();
    Arrays.sort(v);
    int rank = (int) Math.ceil(p / 100.0 * v.length);
    return v[Math.max(0, Math.min(v.length - 1, rank - 1))];
  }

  private static long sizeOf(Path dir) throws IOException {
    try (Stream<Path> s = Files.walk(dir)) {
      return s.filter(Files::isRegularFile).mapToLong(p -> p.toFile().length()).sum();
    }
  }

  private static void deleteTree(Path p) throws IOException {
    try (Stream<Path> s = Files.walk(p)) {
      for (Path f : s.sorted(Comparator.reverseOrder()).toList()) {
        Files.deleteIfExists(f);
      }
    }
  }
}
