package org.qinglan.cases.search;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicReference;
import java.util.concurrent.locks.ReentrantLock;
import java.util.concurrent.locks.ReentrantReadWriteLock;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.apache.lucene.document.Document;
import org.apache.lucene.document.Field;
import org.apache.lucene.document.FieldType;
import org.apache.lucene.document.NumericDocValuesField;
import org.apache.lucene.document.SortedDocValuesField;
import org.apache.lucene.document.StoredField;
import org.apache.lucene.document.StringField;
import org.apache.lucene.facet.DrillDownQuery;
import org.apache.lucene.facet.FacetsConfig;
import org.apache.lucene.facet.sortedset.DefaultSortedSetDocValuesReaderState;
import org.apache.lucene.facet.sortedset.SortedSetDocValuesFacetField;
import org.apache.lucene.facet.sortedset.SortedSetDocValuesReaderState;
import org.apache.lucene.index.DirectoryReader;
import org.apache.lucene.index.DocValues;
import org.apache.lucene.index.IndexOptions;
import org.apache.lucene.index.IndexReader;
import org.apache.lucene.index.IndexWriter;
import org.apache.lucene.index.IndexWriterConfig;
import org.apache.lucene.index.LeafReaderContext;
import org.apache.lucene.index.NumericDocValues;
import org.apache.lucene.index.ReaderUtil;
import org.apache.lucene.index.SegmentInfos;
import org.apache.lucene.index.SortedDocValues;
import org.apache.lucene.index.StoredFields;
import org.apache.lucene.index.Term;
import org.apache.lucene.queries.mlt.MoreLikeThis;
import org.apache.lucene.search.BooleanClause.Occur;
import org.apache.lucene.search.BooleanQuery;
import org.apache.lucene.search.BoostQuery;
import org.apache.lucene.search.BulkScorer;
import org.apache.lucene.search.ConstantScoreQuery;
import org.apache.lucene.search.DocIdSetIterator;
import org.apache.lucene.search.IndexSearcher;
import org.apache.lucene.search.LeafCollector;
import org.apache.lucene.search.MatchAllDocsQuery;
import org.apache.lucene.search.Query;
import org.apache.lucene.search.ScoreDoc;
import org.apache.lucene.search.ScoreMode;
import org.apache.lucene.search.Scorer;
import org.apache.lucene.search.SearcherFactory;
import org.apache.lucene.search.SearcherManager;
import org.apache.lucene.search.SortField;
import org.apache.lucene.search.TermQuery;
import org.apache.lucene.search.TopDocs;
import org.apache.lucene.search.TopFieldCollectorManager;
import org.apache.lucene.search.TopFieldDocs;
import org.apache.lucene.search.TopScoreDocCollector;
import org.apache.lucene.search.TopScoreDocCollectorManager;
import org.apache.lucene.search.Weight;
import org.apache.lucene.store.AlreadyClosedException;
import org.apache.lucene.store.Directory;
import org.apache.lucene.store.FSDirectory;
import org.apache.lucene.util.BitSetIterator;
import org.apache.lucene.util.BytesRef;
import org.apache.lucene.util.IOUtils;

/**
 * The full-text index of the case library: Chinese word search with synonyms, phrases and
 * exclusions, highlighted snippets, facet counts that narrow results, sorting and pages, typing
 * suggestions and related cases. PostgreSQL stays the truth; this index is derived from it and
 * can always be rebuilt.
 *
 * <p>Plain Java and blocking: call it from worker threads. Any number of threads may search at
 * once; writes (upsert, delete, rebuild) are serialized. A change is visible to every search
 * that starts after the change returned (the searcher is refreshed on the next read after a
 * write). IO failures are {@link UncheckedIOException}s.
 *
 * <p>On disk, {@code dir} holds one generation folder, {@code gen-N}. {@link #rebuild} writes
 * the whole new index into {@code gen-N+1} while searches keep using {@code gen-N}, commits
 * it, then switches to it and removes the old one; a rebuild that fails or is interrupted leaves
 * the old index in use. Each commit carries the index schema version ({@link
 * #SCHEMA_VERSION}); an index without it, with an older one, damaged or missing asks for a
 * rebuild ({@link #needsRebuild()}), and meanwhile serves what it can (an older index as it is, a
 * missing or damaged one as an empty index).
 */
public final class CaseIndex implements AutoCloseable {
  /** Bump when fields or analysis change: older indexes then report {@link #needsRebuild()}. */
  public static final int SCHEMA_VERSION = 5;
  static final String SCHEMA_KEY = "qinglan.cases.schema";
  /** Results beyond this rank cannot be paged to (deep pages cost every search). */
  public static final int MAX_RESULT_WINDOW = 10_000;
  /**
   * How many candidates of a relevance search the full query ranks. Scoring every match with the
   * full query (field weights, synonyms, bigrams, phrases, proximity) took up to 150 ms when a
   * word matches most of 100,000 cases; instead the matches are counted unscored, ordered by a
   * rough score (term scores only), and the full query ranks the first RESCORE_WINDOW of them.
   * A search with no more matches than this is ranked exactly as by the full query alone; a
   * larger one may miss a case that only the full query would have put in front. How often that
   * happens is measured by {@code RankingAgreement} (test sources; figures in the README).
   */
  static final int RESCORE_WINDOW = 200;
  /** In related(): what a shared topic adds to the text likeness (0..1). */
  private static final float RELATED_TOPIC_WEIGHT = 0.4f;
  /** Threads that segment and index during a rebuild. */
  private static final int REBUILD_THREADS = Math.max(1, Math.min(4, Runtime.getRuntime().availableProcessors()));
  /** End of a rebuild worker's queue. */
  private static final CaseDocument END = new CaseDocument("\u0000end", null, null, null, null, null, null, null, 0,
      null, null);
  private static final Pattern GEN = Pattern.compile("gen-(\\d+)");

  private static final FieldType TEXT_OFFSETS = textType(true);
  private static final FieldType TEXT = textType(false);
  private static final FieldType DOCS_ONLY = docsOnly();

  private final Path root;
  /** See {@link #RESCORE_WINDOW}. */
  private final int rescoreWindow;
  private final CaseAnalysis analysis;
  private final CaseQueryBuilder queryBuilder;
  private final CaseHighlighter highlighter;
  private final FacetsConfig facetsConfig = new FacetsConfig();
  private final ReentrantLock writeLock = new ReentrantLock();
  /** Readers hold it to take a searcher; a rebuild holds it to switch generations. */
  private final ReentrantReadWriteLock switchLock = new ReentrantReadWriteLock();
  private volatile Generation current;
  private volatile boolean needsRebuild;
  private volatile boolean closed;

  /** One index folder with its writer and searchers. */
  private record Generation(long number, Path path, Directory directory, IndexWriter writer,
      SearcherManager searchers, AtomicBoolean dirty) {
  }

  /**
   * A searcher with the facet state of its reader and the facet counts of all its cases (built
   * once per reader).
   */
  static final class CaseSearcher extends IndexSearcher {
    /** Null while the index has no case with a facet value. */
    final SortedSetDocValuesReaderState facets;
    final FacetTally tally;

    CaseSearcher(IndexReader reader, SortedSetDocValuesReaderState facets) throws IOException {
      super(reader);
      this.facets = facets;
      // No query cache: it would keep the match sets of searches that are repeated word for
      // word, which real searches seldom are but a benchmark's are, flattering its figures.
      setQueryCache(null);
      this.tally = facets == null ? null
          : new FacetTally(facets, reader, DocSet.matching(this, new MatchAllDocsQuery()));
    }
  }

  /** A searcher taken from a generation; give it back with close(). */
  private record Lease(SearcherManager from, CaseSearcher searcher) implements AutoCloseable {
    @Override
    public void close() {
      try {
        from.release(searcher);
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
    }
  }

  private CaseIndex(Path root, List<String> synonymLines, int rescoreWindow) {
    this.root = root;
    this.rescoreWindow = rescoreWindow;
    this.analysis = new CaseAnalysis(synonymLines);
    this.queryBuilder = new CaseQueryBuilder(analysis);
    this.highlighter = new CaseHighlighter(analysis.index());
    for (String dim : List.of("topic", "method", "region")) {
      facetsConfig.setMultiValued(dim, true);
    }
  }

  /**
   * Opens the index in {@code dir} (created if missing) with the given synonym lines (Solr
   * format: {@code 老人,老年人,长者} or {@code a=>b}; see {@link #shippedSynonyms()}). Never
   * fails for a missing, damaged or outdated index: {@link #needsRebuild()} then says so.
   *
   * @throws IllegalArgumentException if a synonym line cannot be read
   */
  public static CaseIndex open(Path dir, List<String> synonymLines) {
    return open(dir, synonymLines, RESCORE_WINDOW);
  }

  /**
   * As {@link #open(Path, List)}, with the full query ranking the first {@code rescoreWindow}
   * candidates of a relevance search (to measure what {@link #RESCORE_WINDOW} changes).
   */
  static CaseIndex open(Path dir, List<String> synonymLines, int rescoreWindow) {
    CaseIndex index = new CaseIndex(dir, synonymLines, rescoreWindow);
    try {
      index.openExisting();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return index;
  }

  /** The synonym list shipped with the program (src/main/resources/cases/synonyms.txt). */
  public static List<String> shippedSynonyms() {
    return CaseAnalysis.shippedSynonyms();
  }

  private void openExisting() throws IOException {
    Files.createDirectories(root);
    List<Long> gens = generations();
    Generation chosen = null;
    boolean stale = true;
    // Newest readable generation wins; a folder without a commit is an interrupted rebuild.
    for (int i = gens.size() - 1; i >= 0 && chosen == null; i--) {
      Path p = genPath(gens.get(i));
      Integer version = readableVersion(p);
      if (version != null) {
        chosen = openGeneration(gens.get(i), p, false);
        stale = version != SCHEMA_VERSION;
      }
    }
    if (chosen == null) {
      long next = gens.isEmpty() ? 1 : gens.get(gens.size() - 1) + 1;
      chosen = openGeneration(next, genPath(next), true);
    }
    current = chosen;
    needsRebuild = stale;
    for (long g : gens) {
      if (g != chosen.number()) {
        deleteQuietly(genPath(g));
      }
    }
  }

  /** The schema version of a readable index folder (0 when unversioned), or null if unusable. */
  private static Integer readableVersion(Path p) {
    try (Directory d = FSDirectory.open(p)) {
      if (!DirectoryReader.indexExists(d)) {
        return null;
      }
      SegmentInfos infos = SegmentInfos.readLatestCommit(d);
      try (DirectoryReader r = DirectoryReader.open(d)) {
        r.numDocs();
      }
      String v = infos.getUserData().get(SCHEMA_KEY);
      return v == null ? 0 : Integer.parseInt(v);
    } catch (IOException | RuntimeException e) {
      return null;
    }
  }

  private Generation openGeneration(long number, Path path, boolean create) throws IOException {
    if (create) {
      deleteQuietly(path);
    }
    Files.createDirectories(path);
    Directory dir = FSDirectory.open(path);
    IndexWriter writer = null;
    try {
      IndexWriterConfig cfg = new IndexWriterConfig(analysis.index())
          .setOpenMode(create ? IndexWriterConfig.OpenMode.CREATE : IndexWriterConfig.OpenMode.APPEND)
          .setRAMBufferSizeMB(64);
      writer = new IndexWriter(dir, cfg);
      if (create) {
        writer.setLiveCommitData(Map.of(SCHEMA_KEY, Integer.toString(SCHEMA_VERSION)).entrySet());
        writer.commit();
      } else {
        // Keep the version the index was written with: appending does not make it current.
        Map<String, String> data = new HashMap<>(SegmentInfos.readLatestCommit(dir).getUserData());
        writer.setLiveCommitData(data.entrySet());
      }
      SearcherManager searchers = new SearcherManager(writer, new SearcherFactory() {
        @Override
        public IndexSearcher newSearcher(IndexReader reader, IndexReader previous) throws IOException {
          return new CaseSearcher(reader, facetState(reader));
        }
      });
      return new Generation(number, path, dir, writer, searchers, new AtomicBoolean());
    } catch (IOException | RuntimeException e) {
      IOUtils.closeWhileHandlingException(writer, dir);
      throw e;
    }
  }

  private SortedSetDocValuesReaderState facetState(IndexReader reader) throws IOException {
    try {
      return new DefaultSortedSetDocValuesReaderState(reader, facetsConfig);
    } catch (IllegalArgumentException e) {
      return null; // no facet values yet (empty index)
    }
  }

  private List<Long> generations() throws IOException {
    List<Long> out = new ArrayList<>();
    try (Stream<Path> s = Files.list(root)) {
      s.forEach(p -> {
        Matcher m = GEN.matcher(p.getFileName().toString());
        if (m.matches() && Files.isDirectory(p)) {
          out.add(Long.parseLong(m.group(1)));
        }
      });
    }
    out.sort(Comparator.naturalOrder());
    return out;
  }

  private Path genPath(long number) {
    return root.resolve("gen-" + number);
  }

  /** The current index folder (for tests that tamper with it). */
  Path currentPath() {
    return current.path();
  }

  /**
   * True when the index was missing, damaged, or written with an older schema version when it
   * was opened, and no {@link #rebuild} has run since. Feed it every case with rebuild.
   */
  public boolean needsRebuild() {
    return needsRebuild;
  }

  /** Number of cases in the index (as the next search sees it). */
  public int size() {
    try (Lease lease = acquire()) {
      return lease.searcher().getIndexReader().numDocs();
    }
  }

  // ---------------------------------------------------------------- writing

  /**
   * Replaces the whole index with {@code all}. Searches keep running on the old index until
   * the new one is committed; then they switch to it at once. A later case with the same id
   * replaces an earlier one. Other writes wait until the rebuild is done. Uses up to four
   * threads besides the caller's, which iterates {@code all}, and ends by merging the new index
   * into one segment (about a tenth of the rebuild time at 100,000 cases).
   */
  public void rebuild(Iterable<CaseDocument> all) {
    writeLock.lock();
    try {
      ensureOpen();
      Generation old = current;
      long number = old.number() + 1;
      Generation next = openGeneration(number, genPath(number), true);
      try {
        addAll(next.writer(), all);
        // The index is written whole and then only read (upserts are few): one segment makes
        // every search cheaper (no per-segment setup, no ordinal map for the facet counts).
        next.writer().forceMerge(1);
        next.writer().commit();
        next.searchers().maybeRefreshBlocking();
      } catch (IOException | RuntimeException | Error e) {
        closeGeneration(next);
        deleteQuietly(next.path());
        throw e;
      }
      switchLock.writeLock().lock();
      try {
        current = next;
        needsRebuild = false;
      } finally {
        switchLock.writeLock().unlock();
      }
      closeGeneration(old);
      deleteQuietly(old.path());
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    } finally {
      writeLock.unlock();
    }
  }

  /**
   * Feeds {@code all} to the writer from {@link #REBUILD_THREADS} threads (segmenting Chinese is
   * the cost of indexing). A case goes to the thread of its id's hash, so of two cases with the
   * same id the later one wins, as in a sequential feed.
   */
  private void addAll(IndexWriter writer, Iterable<CaseDocument> all) throws IOException {
    int threads = REBUILD_THREADS;
    if (threads <= 1) {
      for (CaseDocument d : all) {
        writer.updateDocument(new Term(CaseFields.ID, d.id()), document(d));
      }
      return;
    }
    List<BlockingQueue<CaseDocument>> queues = new ArrayList<>();
    AtomicReference<Throwable> failure = new AtomicReference<>();
    List<Thread> workers = new ArrayList<>();
    for (int i = 0; i < threads; i++) {
      BlockingQueue<CaseDocument> queue = new ArrayBlockingQueue<>(256);
      queues.add(queue);
      // A worker drains its queue up to END even after a failure, so the feeder never blocks.
      Thread t = new Thread(() -> {
        for (CaseDocument d = takeUninterruptibly(queue); d != END; d = takeUninterruptibly(queue)) {
          if (failure.get() == null) {
            try {
              writer.updateDocument(new Term(CaseFields.ID, d.id()), document(d));
            } catch (Throwable e) {
              failure.compareAndSet(null, e);
            }
          }
        }
      }, "case-index-rebuild-" + i);
      t.setDaemon(true);
      t.start();
      workers.add(t);
    }
    boolean interrupted = false;
    try {
      for (CaseDocument d : all) {
        if (failure.get() != null) {
          break;
        }
        queues.get(Math.floorMod(d.id().hashCode(), threads)).put(d);
      }
    } catch (InterruptedException e) {
      interrupted = true;
      failure.compareAndSet(null, e);
    } finally {
      for (BlockingQueue<CaseDocument> q : queues) {
        interrupted |= putUninterruptibly(q, END);
      }
      for (Thread t : workers) {
        interrupted |= joinUninterruptibly(t);
      }
      if (interrupted) {
        Thread.currentThread().interrupt();
      }
    }
    Throwable f = failure.get();
    if (f instanceof IOException io) {
      throw io;
    } else if (f instanceof RuntimeException re) {
      throw re;
    } else if (f instanceof Error er) {
      throw er;
    } else if (f != null) {
      throw new IllegalStateException("Rebuild interrupted", f);
    }
  }

  private static CaseDocument takeUninterruptibly(BlockingQueue<CaseDocument> q) {
    while (true) {
      try {
        return q.take();
      } catch (InterruptedException e) {
        // Only END ends a worker.
      }
    }
  }

  /** Returns whether the thread was interrupted meanwhile. */
  private static boolean putUninterruptibly(BlockingQueue<CaseDocument> q, CaseDocument d) {
    boolean interrupted = false;
    while (true) {
      try {
        q.put(d);
        return interrupted;
      } catch (InterruptedException e) {
        interrupted = true;
      }
    }
  }

  private static boolean joinUninterruptibly(Thread t) {
    boolean interrupted = false;
    while (true) {
      try {
        t.join();
        return interrupted;
      } catch (InterruptedException e) {
        interrupted = true;
      }
    }
  }

  /** Adds the case, or replaces the indexed case with the same id. */
  public void upsert(CaseDocument d) {
    upsertAll(List.of(d));
  }

  /** Adds or replaces several cases with one commit (cheaper than one upsert each). */
  public void upsertAll(Iterable<CaseDocument> docs) {
    write(g -> {
      for (CaseDocument d : docs) {
        g.writer().updateDocument(new Term(CaseFields.ID, d.id()), document(d));
      }
    });
  }

  /** Removes the case with this id; nothing happens if there is none. */
  public void delete(String id) {
    write(g -> g.writer().deleteDocuments(new Term(CaseFields.ID, id)));
  }

  private interface WriteAction {
    void apply(Generation g) throws IOException;
  }

  private void write(WriteAction action) {
    writeLock.lock();
    try {
      ensureOpen();
      Generation g = current;
      try {
        action.apply(g);
        g.writer().commit();
      } finally {
        g.dirty().set(true);
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    } finally {
      writeLock.unlock();
    }
  }

  private static FieldType textType(boolean offsets) {
    FieldType t = new FieldType();
    t.setTokenized(true);
    t.setIndexOptions(offsets ? IndexOptions.DOCS_AND_FREQS_AND_POSITIONS_AND_OFFSETS
        : IndexOptions.DOCS_AND_FREQS_AND_POSITIONS);
    t.freeze();
    return t;
  }

  private static FieldType docsOnly() {
    FieldType t = new FieldType();
    t.setTokenized(true);
    t.setOmitNorms(true);
    t.setIndexOptions(IndexOptions.DOCS);
    t.freeze();
    return t;
  }

  private Document document(CaseDocument c) throws IOException {
    Document doc = new Document();
    doc.add(new StringField(CaseFields.ID, c.id(), Field.Store.YES));
    doc.add(new SortedDocValuesField(CaseFields.ID, new BytesRef(c.id())));
    String body = PlainText.of(DiscussionGuide.strip(c.body()));
    addText(doc, CaseFields.TITLE, c.title(), TEXT, true);
    addText(doc, CaseFields.SUMMARY, c.summary(), TEXT_OFFSETS, true);
    addText(doc, CaseFields.BODY, body, TEXT_OFFSETS, true);
    for (String tag : c.tags()) {
      if (!tag.isBlank()) {
        addText(doc, CaseFields.TAGS, tag, TEXT, true);
        doc.add(new StringField(CaseFields.TAG, tag, Field.Store.NO));
      }
    }
    for (String label : CaseVocabulary.labels(c)) {
      addText(doc, CaseFields.LABELS, label, TEXT, false);
    }
    for (String key : Suggestions.keys(analysis.words(), c.title(), c.tags())) {
      doc.add(new StringField(CaseFields.SUGGEST, key, Field.Store.NO));
    }
    for (String topic : c.topics()) {
      if (!topic.isBlank()) {
        doc.add(new StringField(CaseFields.TOPIC, topic, Field.Store.YES));
        doc.add(new SortedSetDocValuesFacetField("topic", topic));
      }
    }
    for (String method : c.methods()) {
      if (!method.isBlank()) {
        doc.add(new SortedSetDocValuesFacetField("method", method));
      }
    }
    if (!c.communityType().isBlank()) {
      doc.add(new SortedSetDocValuesFacetField("communityType", c.communityType()));
    }
    for (String level : regionLevels(c.region())) {
      doc.add(new SortedSetDocValuesFacetField("region", level));
    }
    if (c.year() > 0) {
      doc.add(new SortedSetDocValuesFacetField("year", Integer.toString(c.year())));
    }
    doc.add(new NumericDocValuesField(CaseFields.YEAR, c.year()));
    doc.add(new NumericDocValuesField(CaseFields.UPDATED, c.updatedAt().toEpochMilli()));
    return facetsConfig.build(doc);
  }

  /**
   * One value of a text field: its word view ({@code field}), its bigram view ({@code field_g}),
   * the same tokens again in the catch-all fields (analysed once), its n-grams in the catch-all
   * n-gram field, and the stored text if asked.
   */
  private void addText(Document doc, String field, String value, FieldType type, boolean stored) {
    AnalyzedText words = AnalyzedText.of(analysis.words(), value);
    AnalyzedText grams = AnalyzedText.of(analysis.grams(), value);
    doc.add(new Field(field, words.stream(), type));
    doc.add(new Field(field + CaseFields.GRAMS, grams.stream(), type));
    doc.add(new Field(CaseFields.ALL, words.stream(), TEXT));
    doc.add(new Field(CaseFields.ALL + CaseFields.GRAMS, grams.stream(), TEXT));
    doc.add(new Field(CaseFields.ALL_NGRAMS, value, DOCS_ONLY));
    if (stored) {
      doc.add(new StoredField(field, value));
    }
  }

  /** 江东省/云溪市/东湖区 → 江东省, 江东省/云溪市, 江东省/云溪市/东湖区 (a filter on a level takes in those below). */
  static List<String> regionLevels(String region) {
    List<String> out = new ArrayList<>();
    StringBuilder path = new StringBuilder();
    for (String part : region.split("/")) {
      if (part.isBlank()) {
        continue;
      }
      if (path.length() > 0) {
        path.append('/');
      }
      path.append(part.strip());
      out.add(path.toString());
    }
    return out;
  }

  // ---------------------------------------------------------------- reading

  private Lease acquire() {
    switchLock.readLock().lock();
    try {
      ensureOpen();
      Generation g = current;
      if (g.dirty().getAndSet(false)) {
        try {
          g.searchers().maybeRefreshBlocking();
        } catch (IOException | RuntimeException e) {
          g.dirty().set(true);
          throw e;
        }
      }
      return new Lease(g.searchers(), (CaseSearcher) g.searchers().acquire());
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    } finally {
      switchLock.readLock().unlock();
    }
  }

  private void ensureOpen() {
    if (closed) {
      throw new AlreadyClosedException("The case index is closed");
    }
  }

  /** The stored fields of a hit, and with the body for {@link CaseHighlighter#byWords}. */
  private static final Set<String> PAGE_FIELDS = Set.of(CaseFields.ID, CaseFields.TITLE, CaseFields.SUMMARY);
  private static final Set<String> PAGE_FIELDS_AND_BODY = Set.of(CaseFields.ID, CaseFields.TITLE,
      CaseFields.SUMMARY, CaseFields.BODY);

  /**
   * Runs a search: one page of hits with highlights, the total, and the facet counts (each
   * field's counts without its own filter).
   *
   * @throws CaseQueryException for a malformed search text, an unknown filter field or a page
   *     beyond {@value #MAX_RESULT_WINDOW} results; the message is for the worker
   */
  public SearchResult search(CaseQuery q) throws CaseQueryException {
    for (String field : q.filters().keySet()) {
      if (!CaseQuery.FACET_FIELDS.contains(field)) {
        throw new CaseQueryException("不支持按“" + field + "”筛选。");
      }
    }
    long window = (long) q.page() * q.size();
    if (window > MAX_RESULT_WINDOW) {
      throw new CaseQueryException("最多只能翻看前 " + MAX_RESULT_WINDOW + " 条结果，请换个关键词或加上筛选条件。");
    }
    CaseQueryBuilder.Built built = queryBuilder.build(QuerySyntax.parse(q.text()));
    try (Lease lease = acquire()) {
      CaseSearcher searcher = lease.searcher();
      Map<String, List<FacetCount>> facets = new LinkedHashMap<>();
      if (searcher.facets == null) {
        CaseQuery.FACET_FIELDS.forEach(f -> facets.put(f, chosenOnly(q, f)));
        return new SearchResult(0, List.of(), facets);
      }
      // Pass 1, over every match, unscored: the matches as bit sets (worked out from the sets of
      // the match query's parts), narrowed by the filters (each field's values are
      // alternatives), and the total.
      DocSet matched = DocSet.evaluate(searcher, built.match());
      Map<String, DocSet> filters = new LinkedHashMap<>();
      for (Map.Entry<String, List<String>> f : q.filters().entrySet()) {
        DrillDownQuery values = new DrillDownQuery(facetsConfig);
        f.getValue().forEach(v -> values.add(f.getKey(), v));
        filters.put(f.getKey(), DocSet.matching(searcher, values));
      }
      DocSet hits = matched;
      for (DocSet f : filters.values()) {
        hits = hits.and(f);
      }
      long total = hits.count();
      boolean byScore = built.hasPositive() && q.sort() == CaseQuery.Sort.RELEVANCE;
      int candidates = byScore ? Math.max(rescoreWindow, (int) window) : (int) window;
      ScoreDoc[] docs;
      if (byScore) {
        // Pass 2: the candidates, by rough score.
        docs = candidates(searcher, built.roughScore(), hits, candidates);
      } else {
        TopFieldDocs sorted = searcher.search(hits.asQuery(), new TopFieldCollectorManager(
            new org.apache.lucene.search.Sort(dateFields()[0], dateFields()[1], byId()), Math.max(1, candidates),
            null, Integer.MAX_VALUE));
        docs = sorted.scoreDocs;
      }
      // Pass 3: the best candidates in the order of the full query (see RESCORE_WINDOW).
      Weight full = built.hasPositive()
          ? searcher.createWeight(searcher.rewrite(built.query()), ScoreMode.COMPLETE, 1f)
          : null;
      if (byScore) {
        docs = rerank(searcher, full, docs, rescoreWindow);
      }
      int from = Math.min(docs.length, (q.page() - 1) * q.size());
      int to = Math.min(docs.length, from + q.size());
      int[] pageDocs = new int[to - from];
      for (int i = from; i < to; i++) {
        pageDocs[i - from] = docs[i].doc;
      }
      // The full query's score of each hit: known after reranking, else computed for the page.
      float[] scores = new float[pageDocs.length];
      if (byScore && to <= rescoreWindow) {
        for (int i = from; i < to; i++) {
          scores[i - from] = docs[i].score;
        }
      } else if (full != null) {
        scores = scores(searcher, full, pageDocs);
      }
      // The page's stored fields, read once: with the body when the highlighter needs the text.
      boolean wordsOnly = built.hasPositive() && built.highlightWords() != null;
      Set<String> shown = wordsOnly ? PAGE_FIELDS_AND_BODY : PAGE_FIELDS;
      List<Document> stored = new ArrayList<>();
      StoredFields storedFields = searcher.storedFields();
      for (int doc : pageDocs) {
        stored.add(storedFields.document(doc, shown));
      }
      List<List<String>> highlights = !built.hasPositive() ? null
          : wordsOnly ? highlighter.byWords(stored, built.highlightWords())
          : highlighter.byQuery(searcher, built.highlightQuery(), pageDocs);
      List<Hit> page = new ArrayList<>();
      for (int i = 0; i < pageDocs.length; i++) {
        Document d = stored.get(i);
        page.add(new Hit(d.get(CaseFields.ID), d.get(CaseFields.TITLE), d.get(CaseFields.SUMMARY),
            highlights == null ? List.of() : highlights.get(i), scores[i]));
      }
      // The facet counts: of the hits, but a filtered field's own counts without its filter, so
      // that its other values show what choosing them would give.
      Map<String, Map<String, Long>> counts = searcher.tally.count(hits, total);
      for (String dim : CaseQuery.FACET_FIELDS) {
        Map<String, Long> own = counts.get(dim);
        if (filters.containsKey(dim)) {
          DocSet others = matched;
          for (Map.Entry<String, DocSet> f : filters.entrySet()) {
            if (!f.getKey().equals(dim)) {
              others = others.and(f.getValue());
            }
          }
          own = searcher.tally.count(others, others.count()).get(dim);
        }
        facets.put(dim, facetCounts(own, q.filters().getOrDefault(dim, List.of())));
      }
      return new SearchResult(total, page, facets);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /**
   * Pass 2 of a relevance search: the first {@code n} of {@code hits} by the rough score (best
   * first, then by document number), as a search for the hits scored by {@code rough} would list
   * them. The rough score is a sum of term scores, so the scorer skips the cases that cannot make
   * the first {@code n} (max-score), and it is handed the hits as the only cases to accept, so it
   * never scores a case that is not one. Hits without any of the rough terms (found by a phrase
   * or a bigram only) score 0 and come last.
   */
  private static ScoreDoc[] candidates(IndexSearcher searcher, Query rough, DocSet hits, int n) throws IOException {
    Weight weight = searcher.createWeight(searcher.rewrite(rough), ScoreMode.TOP_SCORES, 1f);
    TopScoreDocCollector top = new TopScoreDocCollectorManager(n, null, n).newCollector();
    for (LeafReaderContext leaf : searcher.getIndexReader().leaves()) {
      BulkScorer scorer = weight.bulkScorer(leaf);
      if (scorer != null) {
        LeafCollector collector = top.getLeafCollector(leaf);
        scorer.score(collector, hits.of(leaf));
        collector.finish();
      }
    }
    TopDocs best = top.topDocs();
    if (best.scoreDocs.length >= n) {
      return best.scoreDocs;
    }
    // Fewer rough-scored matches than wanted: the others follow, by document number.
    List<ScoreDoc> out = new ArrayList<>(List.of(best.scoreDocs));
    Set<Integer> seen = new HashSet<>();
    out.forEach(d -> seen.add(d.doc));
    for (LeafReaderContext leaf : searcher.getIndexReader().leaves()) {
      DocIdSetIterator it = new BitSetIterator(hits.of(leaf), 0);
      for (int d = it.nextDoc(); d != DocIdSetIterator.NO_MORE_DOCS && out.size() < n; d = it.nextDoc()) {
        if (!seen.contains(leaf.docBase + d)) {
          out.add(new ScoreDoc(leaf.docBase + d, 0f));
        }
      }
    }
    return out.toArray(new ScoreDoc[0]);
  }

  /**
   * The candidates with the first {@code window} of them ordered by the full query's
   * score, then year and update time (newest first), then id, as a search with the full query
   * alone orders them; candidates beyond the window follow in their rough order.
   */
  private static ScoreDoc[] rerank(IndexSearcher searcher, Weight full, ScoreDoc[] candidates, int window)
      throws IOException {
    int n = Math.min(window, candidates.length);
    int[] docs = new int[n];
    for (int i = 0; i < n; i++) {
      docs[i] = candidates[i].doc;
    }
    float[] scores = scores(searcher, full, docs);
    Ranked[] ranked = new Ranked[n];
    List<LeafReaderContext> leaves = searcher.getIndexReader().leaves();
    LeafReaderContext leaf = null;
    NumericDocValues year = null;
    NumericDocValues updated = null;
    SortedDocValues id = null;
    for (int i : inDocOrder(docs)) {
      if (leaf == null || docs[i] >= leaf.docBase + leaf.reader().maxDoc()) {
        leaf = leaves.get(ReaderUtil.subIndex(docs[i], leaves));
        year = DocValues.getNumeric(leaf.reader(), CaseFields.YEAR);
        updated = DocValues.getNumeric(leaf.reader(), CaseFields.UPDATED);
        id = DocValues.getSorted(leaf.reader(), CaseFields.ID);
      }
      int doc = docs[i] - leaf.docBase;
      ranked[i] = new Ranked(docs[i], scores[i], year.advanceExact(doc) ? year.longValue() : 0,
          updated.advanceExact(doc) ? updated.longValue() : 0,
          id.advanceExact(doc) ? BytesRef.deepCopyOf(id.lookupOrd(id.ordValue())) : new BytesRef());
    }
    Arrays.sort(ranked, Comparator.comparingDouble((Ranked x) -> -x.score())
        .thenComparing(Comparator.comparingLong(Ranked::year).reversed())
        .thenComparing(Comparator.comparingLong(Ranked::updated).reversed())
        .thenComparing(Ranked::id));
    ScoreDoc[] out = candidates.clone();
    for (int i = 0; i < n; i++) {
      out[i] = new ScoreDoc(ranked[i].doc(), ranked[i].score());
    }
    return out;
  }

  /** A reranked candidate with its sort keys. */
  private record Ranked(int doc, float score, long year, long updated, BytesRef id) {
  }

  /** The full query's score of each of {@code docs} (0 where it does not match). */
  private static float[] scores(IndexSearcher searcher, Weight full, int[] docs) throws IOException {
    float[] out = new float[docs.length];
    List<LeafReaderContext> leaves = searcher.getIndexReader().leaves();
    LeafReaderContext leaf = null;
    Scorer scorer = null;
    DocIdSetIterator it = null;
    for (int i : inDocOrder(docs)) {
      // Documents in increasing order: one scorer per segment, only moving forward.
      if (leaf == null || docs[i] >= leaf.docBase + leaf.reader().maxDoc()) {
        leaf = leaves.get(ReaderUtil.subIndex(docs[i], leaves));
        scorer = full.scorer(leaf);
        it = scorer == null ? null : scorer.iterator();
      }
      int target = docs[i] - leaf.docBase;
      if (it != null && it.docID() < target) {
        it.advance(target);
      }
      if (it != null && it.docID() == target) {
        out[i] = scorer.score();
      }
    }
    return out;
  }

  /** The indexes of {@code docs}, in increasing order of the document number. */
  private static int[] inDocOrder(int[] docs) {
    return java.util.stream.IntStream.range(0, docs.length).boxed()
        .sorted(Comparator.comparingInt(i -> docs[i])).mapToInt(Integer::intValue).toArray();
  }

  private static SortField[] dateFields() {
    return new SortField[] {new SortField(CaseFields.YEAR, SortField.Type.INT, true),
        new SortField(CaseFields.UPDATED, SortField.Type.LONG, true)};
  }

  private static SortField byId() {
    return new SortField(CaseFields.ID, SortField.Type.STRING);
  }

  private static List<FacetCount> chosenOnly(CaseQuery q, String dim) {
    return q.filters().getOrDefault(dim, List.of()).stream().map(v -> new FacetCount(v, 0)).toList();
  }

  /** A field's counts, most cases first, with every chosen value (0 if none is left). */
  private static List<FacetCount> facetCounts(Map<String, Long> counts, List<String> chosen) {
    List<FacetCount> out = new ArrayList<>();
    counts.forEach((value, n) -> out.add(new FacetCount(value, n)));
    for (String v : chosen) {
      if (!counts.containsKey(v)) {
        out.add(new FacetCount(v, 0));
      }
    }
    out.sort(Comparator.comparingLong(FacetCount::count).reversed().thenComparing(FacetCount::value));
    return List.copyOf(out);
  }

  /**
   * Up to {@code n} suggestions for what a worker is typing: titles and tags with a word that
   * starts with {@code prefix} ("调" → 人民调解, 邻里调解, …; "加装" → 加装电梯, …).
   */
  public List<String> suggest(String prefix, int n) {
    try (Lease lease = acquire()) {
      return Suggestions.suggest(lease.searcher().getIndexReader(), CaseFields.SUGGEST, prefix, n);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /**
   * Up to {@code n} cases like the case {@code id} (the telling words of its title, tags,
   * summary and body, and its topics), never the case itself; empty if {@code id} is unknown.
   */
  public List<Hit> related(String id, int n) {
    if (n <= 0) {
      return List.of();
    }
    try (Lease lease = acquire()) {
      CaseSearcher searcher = lease.searcher();
      TopDocs self = searcher.search(new TermQuery(new Term(CaseFields.ID, id)), 1);
      if (self.scoreDocs.length == 0) {
        return List.of();
      }
      int doc = self.scoreDocs[0].doc;
      MoreLikeThis mlt = new MoreLikeThis(searcher.getIndexReader());
      mlt.setAnalyzer(analysis.words());
      mlt.setFieldNames(new String[] {CaseFields.TITLE, CaseFields.TAGS, CaseFields.SUMMARY, CaseFields.BODY});
      mlt.setMinTermFreq(1);
      mlt.setMinDocFreq(2);
      mlt.setMaxDocFreqPct(25);
      mlt.setMinWordLen(2);
      mlt.setMaxQueryTerms(40);
      mlt.setBoost(true);
      Query like = mlt.like(doc);
      Query notSelf = new TermQuery(new Term(CaseFields.ID, id));
      // Text likeness scaled to 0..1, plus a fixed share per topic in common. The words of the
      // likeness are clauses of the outer query, not one nested query, so the scorer can skip
      // the cases that cannot make the first n (nested, it scored every case).
      BooleanQuery.Builder first = new BooleanQuery.Builder();
      addScaled(like, 1f, first);
      // Exact totals are not needed: skipping starts with the first hit, not the 1,000th.
      TopDocs best = searcher.search(first.add(notSelf, Occur.MUST_NOT).build(),
          new TopScoreDocCollectorManager(1, 1));
      float max = best.scoreDocs.length > 0 && best.scoreDocs[0].score > 0 ? best.scoreDocs[0].score : 1f;
      BooleanQuery.Builder b = new BooleanQuery.Builder();
      addScaled(like, 1f / max, b);
      Document d = searcher.storedFields().document(doc, Set.of(CaseFields.TOPIC));
      for (String topic : d.getValues(CaseFields.TOPIC)) {
        b.add(new BoostQuery(new ConstantScoreQuery(new TermQuery(new Term(CaseFields.TOPIC, topic))),
            RELATED_TOPIC_WEIGHT), Occur.SHOULD);
      }
      b.add(notSelf, Occur.MUST_NOT);
      int k = Math.min(n, 100);
      TopDocs top = searcher.search(b.build(), new TopScoreDocCollectorManager(k, k));
      List<Hit> out = new ArrayList<>();
      StoredFields stored = searcher.storedFields();
      for (ScoreDoc sd : top.scoreDocs) {
        Document hit = stored.document(sd.doc, Set.of(CaseFields.ID, CaseFields.TITLE, CaseFields.SUMMARY));
        out.add(new Hit(hit.get(CaseFields.ID), hit.get(CaseFields.TITLE), hit.get(CaseFields.SUMMARY), List.of(),
            sd.score));
      }
      return out;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /**
   * The SHOULD clauses of {@code q} (a query of MoreLikeThis), each scaled by {@code scale}, added
   * to {@code into}.
   */
  private static void addScaled(Query q, float scale, BooleanQuery.Builder into) {
    if (q instanceof BooleanQuery bool && bool.getMinimumNumberShouldMatch() == 0
        && bool.clauses().stream().allMatch(c -> c.getOccur() == Occur.SHOULD)) {
      bool.clauses().forEach(c -> addScaled(c.getQuery(), scale, into));
    } else if (q instanceof BoostQuery bq) {
      into.add(new BoostQuery(bq.getQuery(), bq.getBoost() * scale), Occur.SHOULD);
    } else {
      into.add(scale == 1f ? q : new BoostQuery(q, scale), Occur.SHOULD);
    }
  }

  // ---------------------------------------------------------------- closing

  @Override
  public void close() {
    writeLock.lock();
    try {
      if (closed) {
        return;
      }
      switchLock.writeLock().lock();
      try {
        closed = true;
      } finally {
        switchLock.writeLock().unlock();
      }
      closeGeneration(current);
    } finally {
      writeLock.unlock();
    }
  }

  private static void closeGeneration(Generation g) {
    try {
      IOUtils.close(g.searchers(), g.writer(), g.directory());
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static void deleteQuietly(Path p) {
    if (!Files.exists(p)) {
      return;
    }
    try (Stream<Path> s = Files.walk(p)) {
      s.sorted(Comparator.reverseOrder()).forEach(f -> {
        try {
          Files.deleteIfExists(f);
        } catch (IOException e) {
          // An old folder left behind is removed at the next open.
        }
      });
    } catch (IOException e) {
      // Same.
    }
  }
}
