package org.qinglan.course;

import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import org.qinglan.cases.CaseFile;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code qinglan courses …}: work with course folders without a server. */
@Command(name = "courses", mixinStandardHelpOptions = true, description = "Course folders (course.yaml + lessons).",
    subcommands = CoursesCommand.Check.class)
public final class CoursesCommand implements Callable<Integer> {

  @Override
  public Integer call() {
    System.err.println("Use: qinglan courses check DIR…");
    return 2;
  }

  @Command(name = "check", mixinStandardHelpOptions = true,
      description = "Validate course folders without importing; exit 1 if any has an error.")
  public static final class Check implements Callable<Integer> {
    @Parameters(arity = "1..*", paramLabel = "DIR", description = "A course folder, or a folder of course folders")
    List<Path> dirs;

    @Option(names = "--bank", description = "Question bank the quizzes draw from (default question-bank)")
    Path bank = Path.of("question-bank");

    @Option(names = "--cases", description = "Case library the case lessons cite (default courses/case-library)")
    Path cases = Path.of("courses", "case-library");

    @Override
    public Integer call() throws Exception {
      List<Path> courseDirs = new ArrayList<>();
      for (Path d : dirs) {
        courseDirs.addAll(CourseFiles.courseDirs(d));
      }
      PrintStream out = new PrintStream(System.out, true, StandardCharsets.UTF_8);
      if (courseDirs.isEmpty()) {
        out.println("No course folders (with a course.yaml) found in " + dirs);
        return 1;
      }
      CourseFiles.Result r = CourseFiles.load(courseDirs, CaseFile.ids(cases), BankQuestionSource.read(bank));
      for (CourseDefinition c : r.courses()) {
        out.println(c.id() + ": " + c.tier().label() + ", " + c.modules().size() + " modules, " + c.lessonCount()
            + " lessons, " + format(c.creditHours()) + " credit hours");
      }
      r.problems().forEach(p -> out.println("  " + p));
      out.println("Total: " + r.courses().size() + " of " + courseDirs.size() + " courses valid, "
          + r.problems().size() + " error(s)");
      return r.ok() ? 0 : 1;
    }

    private static String format(double d) {
      return d == Math.rint(d) ? String.valueOf((long) d) : String.valueOf(d);
    }
  }
}
