package org.qinglan.exam.review;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.ZoneOffset;
import org.junit.jupiter.api.Test;

/** The exam-date rule of {@link FsrsScheduler#dueBeforeExam}: Qinglan's own, not part of FSRS. */
class DueBeforeExamTest {
  private static final ZoneId SHANGHAI = ZoneId.of("Asia/Shanghai");
  private static final LocalDate EXAM = LocalDate.of(2024, 6, 15);
  // 00:00 on 14 June in Shanghai
  private static final Instant DAY_BEFORE_EXAM = Instant.parse("2024-06-13T16:00:00Z");
  private static final Instant LAST_REVIEW = Instant.parse("2024-06-01T02:00:00Z");

  @Test
  void aDueDateBeforeTheExamIsKept() {
    Instant due = Instant.parse("2024-06-10T02:00:00Z");
    assertEquals(due, FsrsScheduler.dueBeforeExam(due, LAST_REVIEW, EXAM, SHANGHAI));
    Instant lateOnTheDayBefore = Instant.parse("2024-06-14T15:59:59Z"); // 23:59:59 on 14 June
    assertEquals(lateOnTheDayBefore,
        FsrsScheduler.dueBeforeExam(lateOnTheDayBefore, LAST_REVIEW, EXAM, SHANGHAI));
  }

  @Test
  void aDueDateAfterTheExamMovesToTheDayBefore() {
    Instant due = Instant.parse("2024-07-20T02:00:00Z");
    assertEquals(DAY_BEFORE_EXAM, FsrsScheduler.dueBeforeExam(due, LAST_REVIEW, EXAM, SHANGHAI));
  }

  @Test
  void aDueDateOnTheExamDayMovesToTheDayBefore() {
    Instant due = Instant.parse("2024-06-15T01:00:00Z"); // 09:00 on exam day
    assertEquals(DAY_BEFORE_EXAM, FsrsScheduler.dueBeforeExam(due, LAST_REVIEW, EXAM, SHANGHAI));
  }

  @Test
  void theDayIsTakenInTheWorkersZone() {
    Instant due = Instant.parse("2024-06-14T20:00:00Z"); // 04:00 on 15 June in Shanghai
    assertEquals(DAY_BEFORE_EXAM, FsrsScheduler.dueBeforeExam(due, LAST_REVIEW, EXAM, SHANGHAI));
    assertEquals(due, FsrsScheduler.dueBeforeExam(due, LAST_REVIEW, EXAM, ZoneOffset.UTC));
  }

  @Test
  void neverSoonerThanADayAfterTheLastReview() {
    Instant lastReview = Instant.parse("2024-06-13T12:00:00Z"); // 20:00 on 13 June
    Instant due = Instant.parse("2024-06-25T12:00:00Z");
    assertEquals(lastReview.plus(Duration.ofDays(1)),
        FsrsScheduler.dueBeforeExam(due, lastReview, EXAM, SHANGHAI));
  }

  @Test
  void reviewedTheDayBeforeTheExamTheNextReviewIsADayLater() {
    Instant lastReview = Instant.parse("2024-06-14T01:00:00Z"); // 09:00 on 14 June
    Instant due = Instant.parse("2024-06-20T01:00:00Z");
    assertEquals(Instant.parse("2024-06-15T01:00:00Z"),
        FsrsScheduler.dueBeforeExam(due, lastReview, EXAM, SHANGHAI));
  }

  @Test
  void aShortStepIsNeverDelayed() {
    Instant lastReview = Instant.parse("2024-06-14T15:55:00Z"); // 23:55 on 14 June
    Instant due = lastReview.plus(Duration.ofMinutes(10)); // 00:05 on exam day
    assertEquals(due, FsrsScheduler.dueBeforeExam(due, lastReview, EXAM, SHANGHAI));
  }

  @Test
  void anExamTodayOrOverChangesNothing() {
    Instant due = Instant.parse("2024-08-01T02:00:00Z");
    Instant onExamDay = Instant.parse("2024-06-15T00:30:00Z");
    Instant afterExam = Instant.parse("2024-06-20T00:30:00Z");
    assertEquals(due, FsrsScheduler.dueBeforeExam(due, onExamDay, EXAM, SHANGHAI));
    assertEquals(due, FsrsScheduler.dueBeforeExam(due, afterExam, EXAM, SHANGHAI));
  }

  @Test
  void noExamDateOrNoReviewChangesNothing() {
    Instant due = Instant.parse("2024-08-01T02:00:00Z");
    assertEquals(due, FsrsScheduler.dueBeforeExam(due, LAST_REVIEW, null, SHANGHAI));
    assertEquals(due, FsrsScheduler.dueBeforeExam(due, null, EXAM, SHANGHAI));
  }

  @Test
  void appliedToAScheduledCard() {
    FsrsScheduler scheduler = new FsrsScheduler(FsrsParameters.defaults().withEnableFuzzing(false), () -> 0L);
    ReviewCard card = scheduler.review(ReviewCard.newCard(LAST_REVIEW), Rating.EASY, LAST_REVIEW);
    assertEquals(LAST_REVIEW.plus(Duration.ofDays(8)), card.due());
    LocalDate soonExam = LocalDate.of(2024, 6, 5);
    assertEquals(Instant.parse("2024-06-03T16:00:00Z"),
        FsrsScheduler.dueBeforeExam(card.due(), card.lastReview(), soonExam, SHANGHAI));
  }
}
