package org.qinglan.platform;

import io.vertx.core.json.JsonObject;
import java.time.Duration;
import java.time.Instant;
import java.util.UUID;

/**
 * One xAPI-shaped statement: actor did verb to object, with an optional result and context.
 * Verbs are IRIs (see {@link Verbs}).
 */
public record LearningEvent(UUID id, UUID actorId, String verb, String objectId, String objectType,
                            Double resultScore, Boolean resultSuccess, Duration resultDuration,
                            JsonObject context, Instant occurredAt) {

  public static LearningEvent of(UUID actorId, String verb, String objectId, String objectType) {
    return new LearningEvent(UUID.randomUUID(), actorId, verb, objectId, objectType, null, null, null,
        new JsonObject(), Instant.now());
  }

  public LearningEvent withResult(Double score, Boolean success, Duration duration) {
    return new LearningEvent(id, actorId, verb, objectId, objectType, score, success, duration, context, occurredAt);
  }

  public LearningEvent withContext(JsonObject newContext) {
    return new LearningEvent(id, actorId, verb, objectId, objectType, resultScore, resultSuccess, resultDuration,
        newContext, occurredAt);
  }

  /** Verb IRIs in use; ADL's registry where one fits. */
  public static final class Verbs {
    public static final String LOGGED_IN = "https://w3id.org/xapi/adl/verbs/logged-in";
    public static final String LOGGED_OUT = "https://w3id.org/xapi/adl/verbs/logged-out";

    private Verbs() {
    }
  }
}
