package org.qinglan.cases;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.vertx.core.json.JsonObject;
import java.net.http.HttpResponse;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.qinglan.people.Role;
import org.qinglan.testing.Browser;
import org.qinglan.testing.TestApp;

/** Writing and reviewing cases over the API: the workflow, the privacy check and the refusals. */
class CaseReviewHttpTest {
  static TestApp app;

  @BeforeAll
  static void start() throws Exception {
    app = TestApp.withDemoData();
    app.addStaff("dh.trainer", "东湖区讲师", "东湖区", Role.TRAINER);
  }

  @AfterAll
  static void stop() throws Exception {
    app.close();
  }

  static String draft(String body) {
    return new JsonObject().put("title", "楼道堆物引发的邻里矛盾调解").put("summary", "网格员与居民议事会协同化解楼道堆物纠纷。")
        .put("body", body).put("topics", new io.vertx.core.json.JsonArray().add("dispute-mediation"))
        .put("methods", new io.vertx.core.json.JsonArray().add("community-work")).put("communityType", "old-town")
        .put("year", 2025).encode();
  }

  @Test
  void aCaseGoesFromDraftToPublishedAndEveryStepIsRecorded() throws Exception {
    Browser trainer = app.signedInAs("dh.trainer");
    HttpResponse<String> created = trainer.json("POST", "/api/v1/cases",
        draft("## 背景\n住户王某（电话13912345678）在楼道堆放杂物……"));
    assertEquals(201, created.statusCode(), created.body());
    String id = new JsonObject(created.body()).getString("id");

    HttpResponse<String> blocked = trainer.json("POST", "/api/v1/cases/" + id + "/submission", "{}");
    assertEquals(400, blocked.statusCode(), "a phone number blocks the submission");
    assertTrue(blocked.body().contains("手机号：13912345678"), blocked.body());

    JsonObject confirmed = new JsonObject(draft("## 背景\n住户王某（电话13912345678）在楼道堆放杂物……"));
    confirmed.put("privacyConfirmed", true);
    assertEquals(200, trainer.json("PUT", "/api/v1/cases/" + id, confirmed.encode()).statusCode());
    assertEquals("SUBMITTED", new JsonObject(trainer.json("POST", "/api/v1/cases/" + id + "/submission", "{}").body())
        .getString("status"), "confirmed as fictional, it can be submitted");
    assertEquals(409, trainer.json("PUT", "/api/v1/cases/" + id, draft("改动")).statusCode(), "locked under review");

    Browser organiser = app.signedInAs("organiser");
    assertTrue(organiser.get("/api/v1/cases/review-queue").body().contains(id));
    assertEquals(400, organiser.json("POST", "/api/v1/cases/" + id + "/return", "{}").statusCode(), "a reason is needed");
    assertEquals("RETURNED", new JsonObject(organiser.json("POST", "/api/v1/cases/" + id + "/return",
        "{\"comment\":\"请补充成效数据\"}").body()).getString("status"));
    assertEquals(200, trainer.json("PUT", "/api/v1/cases/" + id, draft("## 背景\n补充后的正文。")).statusCode());
    trainer.json("POST", "/api/v1/cases/" + id + "/submission", "{}");
    JsonObject published = new JsonObject(organiser.json("POST", "/api/v1/cases/" + id + "/approval", "{}").body());
    assertEquals("PUBLISHED", published.getString("status"));
    assertEquals(1, published.getInteger("publishedRevision"));

    // Editing a published case makes revision 2; revision 1 stays live until 2 is approved.
    JsonObject edited = new JsonObject(trainer.json("PUT", "/api/v1/cases/" + id, draft("## 背景\n第二版。")).body());
    assertEquals(2, edited.getInteger("revision"));
    assertEquals(1, edited.getInteger("publishedRevision"));
    trainer.json("POST", "/api/v1/cases/" + id + "/submission", "{}");
    assertEquals(2, new JsonObject(organiser.json("POST", "/api/v1/cases/" + id + "/approval", "{}").body())
        .getInteger("publishedRevision"));
    assertTrue(new JsonObject(organiser.json("POST", "/api/v1/cases/" + id + "/retraction", "{}").body())
        .getBoolean("retracted"));
    assertEquals(7L, app.one("SELECT count(*) FROM case_review_event WHERE case_id = ? AND actor_id IS NOT NULL", id),
        "submit, return, submit, approve, submit, approve, retract");
    assertEquals(1L, app.one("SELECT count(*) FROM case_revision WHERE case_id = ? AND status = 'SUPERSEDED'", id));
  }

  @Test
  void attachmentsAreTypeCheckedPrivacyCheckedAndServedToReaders() throws Exception {
    Browser trainer = app.signedInAs("dh.trainer");
    String id = new JsonObject(trainer.json("POST", "/api/v1/cases", draft("## 背景\n正文。")).body()).getString("id");
    trainer.get("/");
    byte[] pdf = "%PDF-1.4\n% 案例材料\n".getBytes(java.nio.charset.StandardCharsets.UTF_8);
    HttpResponse<String> ok = trainer.upload("/cases/" + id + "/attachments", "file", "走访记录.pdf", pdf,
        "application/pdf");
    assertEquals(201, ok.statusCode(), ok.body());
    String attachment = new JsonObject(ok.body()).getString("attachmentId");
    assertEquals(400, trainer.upload("/cases/" + id + "/attachments", "file", "程序.pdf", new byte[] {'M', 'Z', 0, 0},
        "application/pdf").statusCode(), "the bytes must be a PDF, whatever the name says");
    assertEquals(400, trainer.upload("/cases/" + id + "/attachments", "file", "脚本.exe", pdf,
        "application/octet-stream").statusCode());
    assertEquals(201, trainer.upload("/cases/" + id + "/attachments", "file", "联系人13912345678.pdf", pdf,
        "application/pdf").statusCode());
    HttpResponse<String> blocked = trainer.json("POST", "/api/v1/cases/" + id + "/submission", "{}");
    assertEquals(400, blocked.statusCode(), "a phone number in a file name blocks the submission too");
    assertTrue(blocked.body().contains("13912345678"));

    Browser worker = app.signedInAs("worker");
    assertEquals(403, worker.get("/cases/" + id + "/attachments/" + attachment).statusCode(), "a draft is not public");
    assertEquals(200, trainer.get("/cases/" + id + "/attachments/" + attachment).statusCode());
    worker.get("/");
    assertEquals(403, worker.upload("/cases/" + id + "/attachments", "file", "x.pdf", pdf, "application/pdf")
        .statusCode(), "a worker cannot upload");

    JsonObject confirmed = new JsonObject(draft("## 背景\n正文。")).put("privacyConfirmed", true);
    trainer.json("PUT", "/api/v1/cases/" + id, confirmed.encode());
    trainer.json("POST", "/api/v1/cases/" + id + "/submission", "{}");
    assertTrue(app.signedInAs("organiser").get("/cases/review").body().contains(">13912345678</mark>.pdf"),
        "the reviewer sees the confirmed number in the file name marked");
    app.signedInAs("organiser").json("POST", "/api/v1/cases/" + id + "/approval", "{}");
    HttpResponse<String> download = worker.get("/cases/" + id + "/attachments/" + attachment);
    assertEquals(200, download.statusCode(), "published: every signed-in reader");
    assertEquals("application/pdf", download.headers().firstValue("Content-Type").orElse(""));
    assertEquals(302, app.browser().get("/cases/" + id + "/attachments/" + attachment).statusCode(),
        "the library is for signed-in users only");
  }

  @Test
  void theAttachmentOfAnUnpublishedRevisionIsForItsAuthorAndReviewersOnly() throws Exception {
    Browser trainer = app.signedInAs("dh.trainer");
    String id = new JsonObject(trainer.json("POST", "/api/v1/cases", draft("## 背景\n第一版正文。")).body()).getString("id");
    trainer.get("/");
    byte[] pdf = "%PDF-1.4\n% 案例材料\n".getBytes(java.nio.charset.StandardCharsets.UTF_8);
    String published = new JsonObject(trainer.upload("/cases/" + id + "/attachments", "file", "第一版材料.pdf", pdf,
        "application/pdf").body()).getString("attachmentId");
    trainer.json("POST", "/api/v1/cases/" + id + "/submission", "{}");
    Browser organiser = app.signedInAs("organiser");
    assertEquals(200, organiser.json("POST", "/api/v1/cases/" + id + "/approval", "{}").statusCode());

    // The published case is edited: revision 2 is a draft with an attachment of its own.
    assertEquals(200, trainer.json("PUT", "/api/v1/cases/" + id, draft("## 背景\n第二版正文。")).statusCode());
    trainer.get("/");
    HttpResponse<String> upload = trainer.upload("/cases/" + id + "/attachments", "file", "第二版草稿材料.pdf", pdf,
        "application/pdf");
    assertEquals(201, upload.statusCode(), upload.body());
    String draftOnly = new JsonObject(upload.body()).getString("attachmentId");

    Browser worker = app.signedInAs("worker");
    assertEquals(200, worker.get("/cases/" + id + "/attachments/" + published).statusCode(),
        "the published revision's attachment stays readable");
    assertEquals(403, worker.get("/cases/" + id + "/attachments/" + draftOnly).statusCode(),
        "a draft's attachment is not public although the case is");
    assertEquals(403, app.signedInAs("trainer").get("/cases/" + id + "/attachments/" + draftOnly).statusCode(),
        "nor for another trainer");
    assertEquals(403, app.signedInAs("organiser2").get("/cases/" + id + "/attachments/" + draftOnly).statusCode(),
        "nor for an organiser of another district");
    assertEquals(200, trainer.get("/cases/" + id + "/attachments/" + draftOnly).statusCode(), "its author");
    assertEquals(200, organiser.get("/cases/" + id + "/attachments/" + draftOnly).statusCode(), "its reviewer");
    assertTrue(!worker.get("/cases/" + id).body().contains("第二版草稿材料.pdf"), "not listed on the case page");

    // Submitted and approved, revision 2's attachment is public.
    trainer.json("POST", "/api/v1/cases/" + id + "/submission", "{}");
    assertEquals(403, worker.get("/cases/" + id + "/attachments/" + draftOnly).statusCode(), "nor under review");
    organiser.json("POST", "/api/v1/cases/" + id + "/approval", "{}");
    assertEquals(200, worker.get("/cases/" + id + "/attachments/" + draftOnly).statusCode(), "published now");
  }

  @Test
  void savingAnswersWithWhatThePrivacyCheckFinds() throws Exception {
    Browser trainer = app.signedInAs("dh.trainer");
    HttpResponse<String> created = trainer.json("POST", "/api/v1/cases", draft("## 背景\n住户住在解放路128号。"));
    assertEquals(201, created.statusCode(), created.body());
    JsonObject finding = new JsonObject(created.body()).getJsonArray("privacyFindings").getJsonObject(0);
    assertEquals("ADDRESS", finding.getString("kind"));
    assertEquals("详细地址", finding.getString("label"));
    assertEquals("解放路128号", finding.getString("text"));
    String id = new JsonObject(created.body()).getString("id");
    HttpResponse<String> saved = trainer.json("PUT", "/api/v1/cases/" + id, draft("## 背景\n电话13912345678。"));
    assertEquals("13912345678", new JsonObject(saved.body()).getJsonArray("privacyFindings").getJsonObject(0)
        .getString("text"));
    saved = trainer.json("PUT", "/api/v1/cases/" + id, draft("## 背景\n没有个人信息。"));
    assertTrue(new JsonObject(saved.body()).getJsonArray("privacyFindings").isEmpty(), saved.body());
  }

  @Test
  void refusals() throws Exception {
    Browser trainer = app.signedInAs("dh.trainer");
    String id = new JsonObject(trainer.json("POST", "/api/v1/cases", draft("## 背景\n正文。")).body()).getString("id");
    trainer.json("POST", "/api/v1/cases/" + id + "/submission", "{}");
    assertEquals(403, app.signedInAs("worker").json("POST", "/api/v1/cases", draft("正文")).statusCode(),
        "a worker cannot write cases");
    assertEquals(403, app.signedInAs("worker").json("POST", "/api/v1/cases/" + id + "/approval", "{}").statusCode(),
        "a worker cannot publish");
    assertEquals(403, app.signedInAs("organiser2").json("POST", "/api/v1/cases/" + id + "/approval", "{}")
        .statusCode(), "an organiser of another district cannot review");
    assertEquals(403, app.signedInAs("trainer").json("PUT", "/api/v1/cases/" + id, draft("别人的")).statusCode(),
        "only the author edits");
    assertTrue(app.signedInAs("organiser2").get("/api/v1/cases/review-queue").body().contains("\"total\":0"));
    assertEquals(400, trainer.json("POST", "/api/v1/cases", "{\"title\":\"\"}").statusCode());
  }

  /** The routes are open to every signed-in person; CasePolicy refuses the wrong roles, with a 403 as before. */
  @Test
  void writingAndReviewingRefuseTheWrongRoles() {
    Browser worker = app.signedInAs("worker");
    worker.get("/");
    for (String page : java.util.List.of("/cases/new", "/cases/mine", "/cases/review")) {
      HttpResponse<String> r = worker.get(page);
      assertEquals(403, r.statusCode(), page);
      assertTrue(r.body().contains("没有权限"), page);
    }
    assertEquals(403, worker.json("POST", "/api/v1/cases", draft("## 背景\n正文。")).statusCode());
    assertEquals(403, worker.get("/api/v1/cases/mine").statusCode());
    assertEquals(403, worker.get("/api/v1/cases/review-queue").statusCode());
    assertEquals(403, worker.post("/cases/new", java.util.Map.of("title", "x", "year", "不是数字")).statusCode(),
        "refused before the form is read");
    assertEquals(403, worker.post("/cases/case-001/decision", java.util.Map.of("decision", "neither")).statusCode());
    assertEquals(403, worker.json("POST", "/api/v1/cases/case-001/return", "{}").statusCode(), "not a 400 for no comment");
    assertEquals(403, worker.json("POST", "/api/v1/cases/case-001/retraction", "{}").statusCode());

    Browser trainer = app.signedInAs("dh.trainer");
    assertEquals(403, trainer.get("/cases/review").statusCode(), "trainers write, organisers review");
    assertEquals(403, trainer.json("POST", "/api/v1/cases/case-001/approval", "{}").statusCode());
    assertEquals(403, app.signedInAs("organiser").get("/cases/new").statusCode(), "organisers review, trainers write");
  }
}
