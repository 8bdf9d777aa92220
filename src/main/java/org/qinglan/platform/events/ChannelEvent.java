package org.qinglan.platform.events;

import io.vertx.core.json.JsonObject;

/**
 * One event of the cross-node channel, as a subscriber receives it. Each subscriber gets its own
 * copy of the payload.
 *
 * @param id      the channel's sequence number (dense, in the order the events were committed)
 * @param topic   what it is about, e.g. {@code cases.published}
 * @param payload small JSON (larger data travels by id: publish the id, read the rest)
 * @param origin  the node that published it ({@link EventChannel#nodeId()})
 */
public record ChannelEvent(long id, String topic, JsonObject payload, String origin) {

  /** Whether {@code nodeId} published it (a node often has acted on its own change already). */
  public boolean from(String nodeId) {
    return origin.equals(nodeId);
  }
}
