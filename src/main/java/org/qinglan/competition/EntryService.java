package org.qinglan.competition;

import io.vertx.core.Future;
import io.vertx.core.json.JsonObject;
import io.vertx.sqlclient.Pool;
import java.time.Instant;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import java.util.regex.Pattern;
import org.qinglan.exam.bank.QuestionType;
import org.qinglan.people.Account;
import org.qinglan.platform.LearningEvents;
import org.qinglan.platform.Problem;
import org.qinglan.platform.events.EventChannel;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A contestant's entry in a knowledge round: begun (or resumed, or taken over by another device)
 * with the server keeping the clock, answers saved one by one against the frozen key, handed in by
 * the contestant, at the deadline, or at the round's close.
 *
 * <p>The answer's path is one statement ({@link RoundStore#save}): the paper comes from the node's
 * copy, the entry is checked and the answer stored in the same statement, and nothing of the whole
 * paper is read.
 */
public final class EntryService {
  private static final Logger log = LoggerFactory.getLogger(EntryService.class);
  /** A device id as a page makes it: a random value kept in its sessionStorage. */
  private static final Pattern DEVICE = Pattern.compile("[A-Za-z0-9_-]{8,64}");

  private final RoundService rounds;
  private final RoundStore store;
  private final Pool pool;
  private final EventChannel events;

  public EntryService(RoundService rounds, EventChannel events) {
    this.rounds = rounds;
    this.store = rounds.store();
    this.pool = rounds.pool();
    this.events = events;
  }

  /** The entry as a contestant sits it: the round, the entry, the paper and the answers saved so far. */
  public record Sitting(Round round, RoundStore.CompetitionFacts competition, RoundStore.Entry entry, Paper paper,
                        List<RoundStore.SavedAnswer> answers) {
    /** The highest seq saved: a page counts its saves on from here. */
    public long maxSeq() {
      return answers.stream().mapToLong(RoundStore.SavedAnswer::seq).max().orElse(0);
    }
  }

  static String device(String deviceId) {
    if (deviceId == null || !DEVICE.matcher(deviceId).matches()) {
      throw new Problem(400, "device", "缺少设备标识（请求头 X-Qinglan-Device：8 到 64 个字母、数字、- 或 _）。");
    }
    return deviceId;
  }

  /**
   * Begins the entry, resumes it (the clock still running: its deadline stays), or takes it over on
   * another device (the other device's saves are refused from now on, and its event stream is
   * told). Refused: not one the competition was set up for (403), not registered or withdrawn (403
   * {@code not_registered}), not advanced from the round before (403 {@code not_advanced}), or the
   * round not open for entries now (409).
   */
  public Future<Sitting> begin(Account a, UUID roundId, String deviceId) {
    String device = device(deviceId);
    return rounds.facts(roundId).compose(f -> rounds.require(a, CompetitionPolicy.Action.ENTER, f.competition())
        .compose(v -> {
          Round r = f.round();
          if (!r.knowledge()) {
            return Future.failedFuture(new Problem(409, "not_knowledge", "本轮不是在线知识赛。"));
          }
          return store.entry(pool, roundId, a.id()).compose(existing -> {
            if (existing == null) {
              return admit(a, f).compose(x -> start(a, f, device, null));
            }
            if (!existing.open()) {
              return Future.succeededFuture(existing);
            }
            if (!existing.deadline().isAfter(Instant.now())) {
              return submit(existing.id(), true);
            }
            return existing.deviceId().equals(device) ? Future.succeededFuture(existing) : start(a, f, device, existing);
          }).compose(entry -> sitting(f, entry));
        }));
  }

  /** A first entry: registered, not withdrawn, advanced from the round before, and the round open now. */
  private Future<Void> admit(Account a, RoundStore.RoundFacts f) {
    Round r = f.round();
    if (f.competition().stage() != CompetitionStage.RUNNING) {
      return Future.failedFuture(new Problem(409, "round_not_open", "比赛尚未开始或已经结束，不能进入作答。"));
    }
    return store.admission(pool, r.id(), a.id()).compose(adm -> {
      if (adm == null || !adm.registered() || adm.withdrawn()) {
        return Future.failedFuture(new Problem(403, "not_registered", adm != null && adm.withdrawn()
            ? "您已退出本次比赛，不能参加本轮。" : "您没有报名本次比赛，不能参加本轮。"));
      }
      if (adm.previousRound() != null && (adm.previousState() != RoundState.CLOSED || !adm.advanced())) {
        return Future.failedFuture(new Problem(403, "not_advanced", adm.previousState() != RoundState.CLOSED
            ? "上一轮尚未结束，晋级名单还没有产生。" : "您没有从上一轮晋级，不能参加本轮。"));
      }
      return RoundClock.beginRefusal(r, Instant.now())
          .<Future<Void>>map(message -> Future.failedFuture(new Problem(409, "round_not_open", message)))
          .orElseGet(Future::succeededFuture);
    });
  }

  /** Inserts the entry, or moves it to this device (a note and an announcement), in one transaction. */
  private Future<RoundStore.Entry> start(Account a, RoundStore.RoundFacts f, String device, RoundStore.Entry existing) {
    Round r = f.round();
    Instant now = Instant.now();
    UUID entryId = existing == null ? UUID.randomUUID() : existing.id();
    return pool.withTransaction(tx -> store.begin(tx, entryId, r.id(), a.id(), now, RoundClock.deadline(r, now), device)
        .compose(begun -> {
          if (begun == null || !begun.takeover()) {
            return Future.succeededFuture(begun);
          }
          Future<Void> noted = store.note(tx, begun.entryId(), "TAKEOVER");
          return (events == null ? noted : noted.compose(x -> events.publish(tx, RoundService.TOPIC_TAKEOVER,
              new JsonObject().put("round", r.id().toString()).put("account", a.id().toString())
                  .put("device", device)).mapEmpty())).map(begun);
        })).compose(begun -> store.entry(pool, r.id(), a.id())).compose(entry -> {
          if (entry == null) {
            return Future.failedFuture(new Problem(409, "round_not_open", "本轮已经结束，不能再进入作答。"));
          }
          return Future.succeededFuture(entry);
        });
  }

  private Future<Sitting> sitting(RoundStore.RoundFacts f, RoundStore.Entry entry) {
    return Future.all(rounds.paper(f.round().id()), store.answers(pool, entry.id()))
        .map(all -> new Sitting(f.round(), f.competition(), entry, all.resultAt(0), all.resultAt(1)));
  }

  /** What a save did: stored at {@code seq}, or {@code superseded} by the answer at {@code seq} that stands. */
  public record Saved(boolean stored, boolean superseded, long seq) {
  }

  /**
   * Saves one answer, given as the option positions this contestant was shown. Acknowledged only
   * once stored; an older (or the same) seq than the stored one is not stored and says so, with the
   * seq that stands. Refused: the question not in the paper, or a malformed choice (400); no entry,
   * time up, handed in, or another device active (409, each with its code and a message).
   */
  public Future<Saved> save(Account a, UUID roundId, UUID questionId, String deviceId, long seq, List<Integer> shown) {
    String device = device(deviceId);
    return rounds.paper(roundId).compose(paper -> {
      Paper.Item item = paper.item(questionId);
      if (item == null) {
        return Future.failedFuture(new Problem(400, "not_in_paper", "这道题不在本轮试卷中。"));
      }
      int n = item.optionsHtml().size();
      for (Integer c : shown) {
        if (c == null || c < 0 || c >= n) {
          return Future.failedFuture(Problem.badRequest("选项无效：这道题只有 " + n + " 个选项。"));
        }
      }
      if (item.type() != QuestionType.MULTIPLE_CHOICE && Set.copyOf(shown).size() > 1) {
        return Future.failedFuture(Problem.badRequest(item.type().label() + "只能选一个选项。"));
      }
      Set<Integer> stored = item.shuffle(roundId, a.id()).toStored(Set.copyOf(shown));
      double earned = item.earned(stored);
      boolean full = !stored.isEmpty() && earned == item.marks();
      return store.save(pool, roundId, a.id(), device, questionId, stored, seq, paper.allowance().toMillis(), earned,
          full).compose(o -> {
            if (o == null) {
              return Future.failedFuture(new Problem(409, "no_entry", "您还没有进入本轮作答。"));
            }
            if (o.stored()) {
              return Future.succeededFuture(new Saved(true, false, seq));
            }
            if (o.open()) {
              // The entry took it, but an answer with this seq or a newer one stood.
              if (o.standingSeq() != null && o.standingSeq() >= seq) {
                boolean same = o.standingSeq() == seq && stored.equals(o.standingChoices());
                return Future.succeededFuture(same ? new Saved(true, false, seq) : new Saved(false, true, o.standingSeq()));
              }
              // It came in after the statement began: read it as it stands now.
              return store.standing(pool, roundId, a.id(), questionId).map(s -> {
                boolean same = s != null && s.seq() == seq && stored.equals(s.choices());
                return same ? new Saved(true, false, seq) : new Saved(false, true, s == null ? 0 : s.seq());
              });
            }
            Problem why = refusal(o.late(), o.submitted(), o.thisDevice());
            if (why != null) {
              return Future.failedFuture(why);
            }
            // As the entry stood when the save began nothing kept it: it changed meanwhile (a hand-in,
            // a takeover, the deadline). Say why as it stands now.
            return store.entry(pool, roundId, a.id()).compose(e -> {
              Problem now = e == null ? new Problem(409, "no_entry", "您还没有进入本轮作答。")
                  : refusal(!e.deadline().isAfter(Instant.now()), !e.open(), e.deviceId().equals(device));
              return Future.failedFuture(now != null ? now : new Problem(409, "not_saved", "这次作答没有保存，请重试。"));
            });
          });
    });
  }

  /** Why a save was refused, or null when none of these applies. */
  private static Problem refusal(boolean late, boolean submitted, boolean thisDevice) {
    if (late) {
      return new Problem(409, "time_up", "本轮作答时间已到，这次作答没有保存。");
    }
    if (submitted) {
      return new Problem(409, "entry_submitted", "您已经交卷，不能再修改答案，这次作答没有保存。");
    }
    if (!thisDevice) {
      return new Problem(409, "device_taken_over",
          "您已在另一台设备上继续作答，本设备的这次作答没有保存。如需在本设备作答，请重新进入。");
    }
    return null;
  }

  /** The contestant hands the entry in (from the active device). */
  public Future<RoundStore.Entry> submit(Account a, UUID roundId, String deviceId) {
    String device = device(deviceId);
    return store.entry(pool, roundId, a.id()).compose(e -> {
      if (e == null) {
        return Future.failedFuture(new Problem(409, "no_entry", "您还没有进入本轮作答。"));
      }
      if (e.open() && !e.deviceId().equals(device)) {
        return Future.failedFuture(new Problem(409, "device_taken_over",
            "您已在另一台设备上继续作答，请在那台设备上交卷。"));
      }
      return submit(e.id(), false);
    });
  }

  /**
   * Hands an entry in (once): scored over the paper by {@link KnowledgeScorer}, with a learning
   * event. A hand-in at or after the deadline counts as automatic, at the deadline.
   */
  Future<RoundStore.Entry> submit(UUID entryId, boolean automatic) {
    return pool.withTransaction(tx -> store.lockEntry(tx, entryId).compose(e -> {
      if (e == null) {
        return Future.failedFuture(Problem.notFound());
      }
      if (!e.open()) {
        return Future.succeededFuture(e);
      }
      Instant now = Instant.now();
      boolean late = automatic || !now.isBefore(e.deadline());
      Instant at = late && e.deadline().isBefore(now) ? e.deadline() : now;
      return Future.all(rounds.facts(e.roundId()), rounds.paper(e.roundId()), store.tally(tx, entryId))
          .compose(all -> {
            RoundStore.RoundFacts f = all.resultAt(0);
            Paper paper = all.resultAt(1);
            Standings.Tally t = all.resultAt(2);
            RoundScore score = Standings.score(f.round().scoring(), paper, t.answers());
            return store.submit(tx, entryId, at, late, score)
                .compose(v -> LearningEvents.append(tx, RoundService.completed(f.round(), paper, entryId,
                    e.accountId(), score, e.startedAt(), at, late)));
          }).compose(v -> store.lockEntry(tx, entryId));
    }));
  }

  /** Hands in every entry whose time is up in a round still open (a periodic job, on every node). */
  public Future<Integer> submitOverdue() {
    return store.overdue(pool).compose(ids -> {
      Future<Integer> chain = Future.succeededFuture(0);
      for (UUID id : ids) {
        chain = chain.compose(n -> submit(id, true).map(e -> n + 1).recover(t -> {
          log.warn("Auto-submission of competition entry {} failed: {}", id, t.getMessage());
          return Future.succeededFuture(n);
        }));
      }
      return chain;
    });
  }

  /** Records that the page was hidden or shown again (a note for the organisers, never a disqualification). */
  public Future<Void> note(Account a, UUID roundId, String deviceId, String kind) {
    String device = device(deviceId);
    if (!"PAGE_HIDDEN".equals(kind) && !"PAGE_SHOWN".equals(kind)) {
      return Future.failedFuture(Problem.badRequest("kind 应为 PAGE_HIDDEN 或 PAGE_SHOWN。"));
    }
    return store.noteFromDevice(pool, roundId, a.id(), device, kind).compose(ok -> ok ? Future.<Void>succeededFuture()
        : Future.failedFuture(new Problem(409, "no_open_entry", "本设备上没有进行中的作答。")));
  }

  /** A contestant's review once the results are published: the entry, the paper with the key, the result. */
  public record Review(Round round, RoundStore.CompetitionFacts competition, RoundStore.Entry entry, Paper paper,
                       List<RoundStore.SavedAnswer> answers, RoundStore.Result result) {
  }

  /**
   * Each question with the contestant's answer, the key and the explanation, once the competition's
   * results are published (403 {@code not_published} before: nobody sees a key before then).
   */
  public Future<Review> review(Account a, UUID roundId) {
    return rounds.facts(roundId).compose(f -> rounds.require(a, CompetitionPolicy.Action.ENTER, f.competition())
        .compose(v -> {
          CompetitionStage stage = f.competition().stage();
          if (stage != CompetitionStage.RESULTS_PUBLISHED && stage != CompetitionStage.ARCHIVED) {
            return Future.failedFuture(new Problem(403, "not_published", "成绩公布后才能查看逐题答案和解析。"));
          }
          return store.entry(pool, roundId, a.id()).compose(e -> {
            if (e == null) {
              return Future.failedFuture(new Problem(404, "no_entry", "您没有参加本轮。"));
            }
            return Future.all(rounds.paper(roundId), store.answers(pool, e.id()), store.result(pool, roundId, a.id()))
                .map(all -> new Review(f.round(), f.competition(), e, all.resultAt(0), all.resultAt(1),
                    all.resultAt(2)));
          });
        }));
  }
}
