package org.qinglan.exam;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.stream.Stream;
import org.qinglan.exam.bank.LawCurrency;
import org.qinglan.exam.bank.LongestKey;
import org.qinglan.exam.bank.NearDuplicates;
import org.qinglan.exam.bank.ParseError;
import org.qinglan.exam.bank.ParsedFile;
import org.qinglan.exam.bank.Question;
import org.qinglan.exam.bank.QuestionFormat;
import org.qinglan.exam.bank.QuestionType;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code qinglan questions …}: work with question files without a server. */
@Command(name = "questions", mixinStandardHelpOptions = true, description = "Question files (GIFT, Moodle XML, Aiken).",
    subcommands = QuestionsCommand.Check.class)
public final class QuestionsCommand implements Callable<Integer> {

  @Override
  public Integer call() {
    System.err.println("Use: qinglan questions check FILE…");
    return 2;
  }

  @Command(name = "check", mixinStandardHelpOptions = true,
      description = "Parse question files without importing them; exit 1 if any has an error.")
  public static final class Check implements Callable<Integer> {
    @Parameters(arity = "1..*", paramLabel = "FILE", description = "Files, or folders to search for .gift and .xml files")
    List<Path> paths;

    @Option(names = "--format", description = "gift, moodle-xml or aiken (default: from the file extension)")
    String format;

    @Option(names = "--json", description = "Print the report as JSON")
    boolean json;

    @Override
    public Integer call() throws IOException {
      QuestionFormat forced = format == null ? null : QuestionFormat.fromCliName(format);
      List<ParsedFile> results = new ArrayList<>();
      for (Path file : expand(paths)) {
        QuestionFormat f = forced != null ? forced : QuestionFormat.fromFileName(file.getFileName().toString());
        if (!Files.isRegularFile(file)) {
          results.add(new ParsedFile(file.toString(), List.of(), List.of(new ParseError(0, "文件不存在"))));
        } else if (f == null) {
          results.add(new ParsedFile(file.toString(), List.of(),
              List.of(new ParseError(0, "无法从扩展名判断格式，请用 --format gift|moodle-xml|aiken 指定"))));
        } else {
          results.add(f.parse(file.toString(), Files.readAllBytes(file)));
        }
      }
      PrintStream out = new PrintStream(System.out, true, StandardCharsets.UTF_8);
      if (json) {
        out.println(toJson(results).encodePrettily());
      } else {
        printText(out, results);
      }
      return results.stream().allMatch(ParsedFile::ok) ? 0 : 1;
    }

    static List<Path> expand(List<Path> paths) throws IOException {
      List<Path> files = new ArrayList<>();
      for (Path p : paths) {
        if (Files.isDirectory(p)) {
          try (Stream<Path> walk = Files.walk(p, java.nio.file.FileVisitOption.FOLLOW_LINKS)) {
            walk.filter(Files::isRegularFile)
                .filter(x -> x.toString().endsWith(".gift") || x.toString().endsWith(".xml"))
                .sorted().forEach(files::add);
          }
        } else {
          files.add(p);
        }
      }
      return files;
    }

    static JsonObject toJson(List<ParsedFile> results) {
      JsonArray files = new JsonArray();
      LongestKey.Share allKeys = new LongestKey.Share(0, 0);
      for (ParsedFile f : results) {
        LongestKey.Share keys = LongestKey.of(f.questions());
        allKeys = allKeys.plus(keys);
        JsonObject byType = new JsonObject();
        f.countByType().forEach((t, n) -> byType.put(t.key(), n));
        JsonArray errors = new JsonArray();
        f.errors().forEach(e -> errors.add(new JsonObject().put("line", e.line()).put("message", e.message())));
        files.add(new JsonObject().put("file", f.file()).put("questions", f.questions().size()).put("byType", byType)
            .put("errors", errors).put("longestKey", toJson(keys))
            .put("statuteWithoutAsOf", new JsonArray(ids(LawCurrency.untagged(f.questions())))));
      }
      JsonArray pairs = new JsonArray();
      for (NearDuplicates.Pair p : nearDuplicates(results)) {
        pairs.add(new JsonObject().put("first", located(p.first())).put("second", located(p.second()))
            .put("similarity", Math.round(p.similarity() * 100) / 100.0));
      }
      return new JsonObject().put("files", files).put("longestKey", toJson(allKeys)).put("nearDuplicates", pairs);
    }

    private static JsonObject located(NearDuplicates.Located l) {
      return new JsonObject().put("file", l.file()).put("id", name(l.question()));
    }

    /** A question as a report names it: its id, else its line. */
    private static String name(Question q) {
      return q.id() != null ? q.id() : "line " + q.line();
    }

    private static List<String> ids(List<Question> questions) {
      return questions.stream().map(Check::name).toList();
    }

    static List<NearDuplicates.Pair> nearDuplicates(List<ParsedFile> results) {
      List<NearDuplicates.Located> all = new ArrayList<>();
      for (ParsedFile f : results) {
        f.questions().forEach(q -> all.add(new NearDuplicates.Located(f.file(), q)));
      }
      return NearDuplicates.find(all);
    }

    private static JsonObject toJson(LongestKey.Share keys) {
      return new JsonObject().put("longest", keys.longest()).put("singleChoice", keys.singleChoice())
          .put("percent", keys.percent()).put("warning", keys.tooHigh());
    }

    private static void printText(PrintStream out, List<ParsedFile> results) {
      Map<QuestionType, Integer> total = new EnumMap<>(QuestionType.class);
      int errors = 0;
      int questions = 0;
      int untaggedTotal = 0;
      LongestKey.Share allKeys = new LongestKey.Share(0, 0);
      for (ParsedFile f : results) {
        out.println(f.file() + ": " + f.questions().size() + " questions" + describe(f.countByType())
            + (f.ok() ? "" : ", " + f.errors().size() + " error(s)"));
        for (ParseError e : f.errors()) {
          out.println("  line " + e.line() + ": " + e.message());
        }
        // A warning only: a long key is a weakness of the writing, not an error of the file.
        LongestKey.Share keys = LongestKey.of(f.questions());
        if (keys.tooHigh()) {
          out.println("  warning: " + keys.warning());
        }
        // Also a warning: the law may be right, but nobody can tell when it was last checked.
        List<Question> untagged = LawCurrency.untagged(f.questions());
        if (!untagged.isEmpty()) {
          out.println("  warning: " + untagged.size() + " question(s) cite a statute in the explanation without "
              + "[asof:YYYY-MM]: " + String.join(", ", ids(untagged)));
        }
        untaggedTotal += untagged.size();
        allKeys = allKeys.plus(keys);
        f.countByType().forEach((t, n) -> total.merge(t, n, Integer::sum));
        errors += f.errors().size();
        questions += f.questions().size();
      }
      if (results.size() > 1) {
        out.println("Total: " + questions + " questions in " + results.size() + " files" + describe(total) + ", "
            + errors + " error(s)");
        if (allKeys.singleChoice() > 0) {
          out.println((allKeys.tooHigh() ? "warning: " + allKeys.warning() + ", over all files"
              : "Key is the longest option in " + allKeys.longest() + " of " + allKeys.singleChoice()
                  + " single-choice questions (" + allKeys.percent() + "%) over all files"));
        }
        out.println("Statute cited without [asof:] in " + untaggedTotal + " question(s) over all files");
      }
      List<NearDuplicates.Pair> pairs = nearDuplicates(results);
      for (NearDuplicates.Pair p : pairs) {
        out.println("warning: near-duplicate stems (" + String.format(Locale.ROOT, "%.2f", p.similarity())
            + "): " + name(p.first().question()) + " (" + p.first().file() + ") and " + name(p.second().question())
            + " (" + p.second().file() + ")");
      }
      if (results.size() > 1 || !pairs.isEmpty()) {
        out.println(pairs.size() + " pair(s) of near-duplicate stems (character-bigram similarity at least "
            + NearDuplicates.THRESHOLD + ")");
      }
    }

    private static String describe(Map<QuestionType, Integer> byType) {
      if (byType.isEmpty()) {
        return "";
      }
      List<String> parts = new ArrayList<>();
      byType.forEach((t, n) -> parts.add(t.key() + " " + n));
      return " (" + String.join(", ", parts) + ")";
    }
  }
}
