package org.qinglan.cases;

import static org.junit.jupiter.api.Assertions.assertTrue;

import io.vertx.core.Future;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import java.util.function.Supplier;
import org.junit.jupiter.api.Test;
import org.qinglan.people.Account;
import org.qinglan.people.Role;
import org.qinglan.platform.Problem;

/** A refusal is a failed future, never an exception thrown at the caller (nothing reaches the database). */
class CaseServiceRefusalTest {
  static final Account WORKER = new Account(UUID.randomUUID(), "w", null, "学员", Set.of(Role.WORKER), null, false, true);
  static final CaseInput INPUT = new CaseInput("标题", "摘要", "正文", List.of("dispute-mediation"),
      List.of("community-work"), null, 2025, List.of(), false);

  static void refused(Supplier<Future<?>> call) {
    Future<?> f = call.get();
    assertTrue(f.failed(), "failed at once, without the database");
    assertTrue(f.cause() instanceof Problem p && p.status() == 403, String.valueOf(f.cause()));
  }

  static final CaseService SERVICE = new CaseService(null, new CaseStore(), null, id -> Future.succeededFuture());

  @Test
  void aWorkerIsRefusedByFailedFutures() {
    CaseService cases = SERVICE;
    refused(() -> cases.create(WORKER, INPUT));
    refused(() -> cases.queue(WORKER));
    refused(() -> cases.approve(WORKER, "k-x", null));
    refused(() -> cases.returnForChanges(WORKER, "k-x", "请修改"));
    refused(() -> cases.retract(WORKER, "k-x", null));
    refused(() -> cases.update(WORKER, "k-x", INPUT));
    refused(() -> cases.submit(WORKER, "k-x"));
    refused(() -> cases.attach(WORKER, "k-x", "a.pdf", "%PDF-1.4".getBytes()));
    refused(() -> cases.authoredBy(WORKER));
    refused(() -> cases.submissions(WORKER));
  }
}
