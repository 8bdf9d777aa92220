package org.qinglan.exam;

import io.vertx.core.Future;
import java.util.Map;
import org.qinglan.exam.mock.MockExamService;
import org.qinglan.exam.practice.PracticeService;
import org.qinglan.people.Account;
import org.qinglan.platform.Page;

/** What a learner's home page says about exam practice: reviews due, the latest mock exams and how many in all. */
public final class ExamHomeFacts {
  private final PracticeService practice;
  private final MockExamService mockExams;

  public ExamHomeFacts(PracticeService practice, MockExamService mockExams) {
    this.practice = practice;
    this.mockExams = mockExams;
  }

  /** Counted in SQL: a worker with 600 reviews due or 35 exams sees 600 and 35, not the size of one page. */
  public Future<Map<String, Object>> of(Account a) {
    if (!a.hasAny(ExamPolicy.LEARNERS)) {
      return Future.succeededFuture(Map.of());
    }
    return Future.all(practice.listSizes(a), mockExams.history(a, 1, MockExamService.HISTORY_PAGE)).map(all -> {
      PracticeService.ListSizes sizes = all.resultAt(0);
      Page<MockExamService.Exam> exams = all.resultAt(1);
      return Map.of("reviewsDue", sizes.dueReviews(), "mockExams", exams.items(), "mockExamCount", exams.total());
    });
  }
}
