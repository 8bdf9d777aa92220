package org.qinglan.exam;

import io.vertx.core.Future;
import java.util.List;
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

  /** The home page's exam facts: reviews due, the latest mock exams, and how many mock exams in all. */
  public record Facts(long reviewsDue, List<MockExamService.Exam> mockExams, long mockExamCount) {
    /** For someone who does not practise. */
    static final Facts NONE = new Facts(0, List.of(), 0);
  }

  /** Counted in SQL: a worker with 600 reviews due or 35 exams sees 600 and 35, not the size of one page. */
  public Future<Facts> of(Account a) {
    if (!a.hasAny(ExamPolicy.LEARNERS)) {
      return Future.succeededFuture(Facts.NONE);
    }
    return Future.all(practice.listSizes(a), mockExams.history(a, 1, MockExamService.HISTORY_PAGE)).map(all -> {
      PracticeService.ListSizes sizes = all.resultAt(0);
      Page<MockExamService.Exam> exams = all.resultAt(1);
      return new Facts(sizes.dueReviews(), exams.items(), exams.total());
    });
  }
}
