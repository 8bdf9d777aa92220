package org.qinglan.platform.events;

import io.vertx.core.Context;
import io.vertx.core.Future;
import io.vertx.core.Handler;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.eventbus.DeliveryOptions;
import io.vertx.core.eventbus.MessageCodec;
import io.vertx.core.eventbus.MessageConsumer;
import io.vertx.core.json.JsonObject;
import io.vertx.pgclient.PgConnectOptions;
import io.vertx.pgclient.PgConnection;
import io.vertx.pgclient.pubsub.PgChannel;
import io.vertx.pgclient.pubsub.PgSubscriber;
import io.vertx.sqlclient.Pool;
import io.vertx.sqlclient.SqlClient;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicLong;
import java.util.regex.Pattern;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The one channel for events between nodes, on PostgreSQL LISTEN/NOTIFY. An event is stored and
 * announced in one statement ({@link #publish}); each node keeps one listening connection, and
 * whenever that connection is (re)made, or the ids it hears skip one, the node reads what it
 * missed from the table. Every event reaches each node once and in order, and on the node every
 * subscriber on every event loop, through the local event bus ({@link #subscribe}).
 *
 * <p>Payloads are small JSON ({@value #MAX_PAYLOAD_BYTES} bytes at most, as a NOTIFY carries
 * less than 8,000); larger data travels by id: publish the id, let subscribers read the rest.
 * Publishing takes the channel's next id under a row lock held until the publishing transaction
 * ends, so publishes commit one after another (PostgreSQL serialises the commits of notifying
 * transactions anyway); publish at the end of a transaction, not in the middle of a long one.
 * Publishes of a node that arrive while one is being written go together in the next statement
 * (one commit for many events), which keeps the throughput up when many publish at once.
 *
 * <p>The delivery state lives on one Vert.x context; subscribers run on their own contexts.
 */
public final class EventChannel implements AutoCloseable {
  private static final Logger log = LoggerFactory.getLogger(EventChannel.class);

  /** The largest payload accepted, as encoded JSON in UTF-8. */
  public static final int MAX_PAYLOAD_BYTES = 7_500;
  /** How long events are kept for nodes that were away (see {@link #purge}). */
  public static final Duration RETENTION = Duration.ofDays(1);
  /**
   * How long one listening connection is kept. PostgreSQL stopped with SIGTERM waits for every
   * session to end and tells none of them, so a connection kept for ever would hold the shutdown
   * up for ever; a renewed one lets it finish (the new connection is refused while it shuts down).
   * What is published while the connection is renewed, the catch-up read delivers.
   */
  public static final Duration LISTEN_LIFETIME = Duration.ofSeconds(60);
  /** Topics are short names such as {@code cases.published} or {@code competition.buzz}. */
  private static final Pattern TOPIC = Pattern.compile("[a-z0-9][a-z0-9._-]{0,63}");
  private static final String ADDRESS = "qinglan.events.";
  private static final String CODEC = "qinglan-channel-event";
  static final int CATCH_UP_BATCH = 500;
  static final int PUBLISH_BATCH = 200;

  private final Vertx vertx;
  private final Pool pool;
  private final UUID nodeId = UUID.randomUUID();
  private final PgSubscriber subscriber;
  private final Duration listenLifetime;
  /** Where the delivery state below is read and changed, and only there. */
  private final Context context;
  private final DeliveryOptions local = new DeliveryOptions().setLocalOnly(true).setCodecName(CODEC);

  private long lastDelivered;
  private boolean catchingUp;
  private boolean catchUpAgain;
  /** Announcements heard while a catch-up read runs, or ahead of a gap; delivered after it. */
  private final ArrayDeque<ChannelEvent> heldBack = new ArrayDeque<>();
  private long renewTimer = -1;
  private volatile boolean closed;
  /** Publishes waiting for the statement in flight to finish (on the context too). */
  private final ArrayDeque<Pending> toPublish = new ArrayDeque<>();
  private boolean publishing;

  private record Pending(String topic, JsonObject payload, String envelope, Context caller, Promise<Long> id) {
  }

  private final AtomicLong delivered = new AtomicLong();
  private final AtomicLong readBack = new AtomicLong();
  private final AtomicLong listens = new AtomicLong();

  private EventChannel(Vertx vertx, Pool pool, PgConnectOptions listenOn, Duration listenLifetime) {
    this.vertx = vertx;
    this.pool = pool;
    this.listenLifetime = listenLifetime;
    this.context = vertx.getOrCreateContext();
    // Renewed at once; while the database is away, tried every second.
    this.subscriber = listenOn == null ? null : PgSubscriber.subscriber(vertx, listenOn)
        .reconnectPolicy(attempt -> attempt == 0 ? 0L : 1000L);
  }

  /**
   * Starts the node's channel: publishing through {@code pool}, and delivering what any node
   * publishes from now on, heard on a connection made with {@code listenOn} (none when null: the
   * node then only publishes).
   */
  public static Future<EventChannel> start(Vertx vertx, Pool pool, PgConnectOptions listenOn) {
    return start(vertx, pool, listenOn, LISTEN_LIFETIME);
  }

  static Future<EventChannel> start(Vertx vertx, Pool pool, PgConnectOptions listenOn, Duration listenLifetime) {
    registerCodec(vertx);
    EventChannel channel = new EventChannel(vertx, pool, listenOn, listenLifetime);
    Promise<EventChannel> started = Promise.promise();
    channel.context.runOnContext(v -> EventStore.lastId(pool).onComplete(ar -> channel.context.runOnContext(x -> {
      if (ar.failed()) {
        started.fail(ar.cause());
        return;
      }
      channel.lastDelivered = ar.result();
      if (channel.subscriber != null) {
        channel.listen();
      }
      started.complete(channel);
    })));
    return started.future();
  }

  /** This node's id, the {@link ChannelEvent#origin()} of what it publishes. */
  public String nodeId() {
    return nodeId.toString();
  }

  /**
   * Stores and announces an event in a statement of its own. The future fails (and nothing is
   * published) for a payload over {@value #MAX_PAYLOAD_BYTES} bytes or a topic that is not a
   * short lower-case name.
   *
   * @return the event's id
   */
  public Future<Long> publish(String topic, JsonObject payload) {
    String refused = refusal(topic, payload);
    if (refused != null) {
      return Future.failedFuture(new IllegalArgumentException(refused));
    }
    Pending p = new Pending(topic, payload.copy(), envelope(topic, payload), Vertx.currentContext(), Promise.promise());
    context.runOnContext(v -> {
      toPublish.add(p);
      if (!publishing) {
        publishBatch();
      }
    });
    return p.id().future();
  }

  /** Writes the waiting publishes in one statement, then the ones that came meanwhile. */
  private void publishBatch() {
    List<Pending> batch = new java.util.ArrayList<>();
    while (!toPublish.isEmpty() && batch.size() < PUBLISH_BATCH) {
      batch.add(toPublish.poll());
    }
    if (batch.isEmpty()) {
      publishing = false;
      return;
    }
    publishing = true;
    EventStore.publishAll(pool, batch.stream().map(Pending::topic).toList(),
        batch.stream().map(p -> p.payload().encode()).toList(), batch.stream().map(Pending::envelope).toList(), nodeId)
        .onComplete(ar -> context.runOnContext(v -> {
          for (int i = 0; i < batch.size(); i++) {
            Pending p = batch.get(i);
            io.vertx.core.AsyncResult<Long> result = ar.succeeded() ? Future.succeededFuture(ar.result().get(i))
                : Future.failedFuture(ar.cause());
            // The publisher carries on where it published (its event loop), not on the channel's.
            if (p.caller() == null) {
              p.id().handle(result);
            } else {
              p.caller().runOnContext(x -> p.id().handle(result));
            }
          }
          publishBatch();
        }));
  }

  /**
   * Publishes inside the caller's transaction ({@code client} is its connection): the event
   * exists, and is announced, exactly when the transaction commits. Publish last in the
   * transaction: from here to its end, other publishers wait.
   */
  public Future<Long> publish(SqlClient client, String topic, JsonObject payload) {
    String refused = refusal(topic, payload);
    if (refused != null) {
      return Future.failedFuture(new IllegalArgumentException(refused));
    }
    return EventStore.publish(client, topic, payload, nodeId, envelope(topic, payload));
  }

  /** Why an event cannot be published, or null. */
  private static String refusal(String topic, JsonObject payload) {
    if (topic == null || !TOPIC.matcher(topic).matches()) {
      return "Not a channel topic: " + topic;
    }
    if (payload == null) {
      return "An event needs a payload (an empty object will do)";
    }
    int bytes = payload.encode().getBytes(StandardCharsets.UTF_8).length;
    if (bytes > MAX_PAYLOAD_BYTES) {
      return "A channel payload is at most " + MAX_PAYLOAD_BYTES + " bytes, not " + bytes
          + ": publish an id and let subscribers read the rest";
    }
    return null;
  }

  private String envelope(String topic, JsonObject payload) {
    return new JsonObject().put("t", topic).put("o", nodeId.toString()).put("p", payload).encode();
  }

  /**
   * Calls {@code handler} with every event of {@code topic} this node receives from now on, on
   * the calling context (from a verticle: its event loop). Call it on every event loop that
   * needs the events: each subscription gets each event.
   */
  public Subscription subscribe(String topic, Handler<ChannelEvent> handler) {
    if (topic == null || !TOPIC.matcher(topic).matches()) {
      throw new IllegalArgumentException("Not a channel topic: " + topic);
    }
    MessageConsumer<ChannelEvent> consumer = vertx.eventBus().localConsumer(ADDRESS + topic,
        message -> handler.handle(message.body()));
    return new Subscription(consumer);
  }

  /** A subscription: {@link #ready()} once registered, {@link #cancel()} to stop. */
  public static final class Subscription {
    private final MessageConsumer<ChannelEvent> consumer;

    private Subscription(MessageConsumer<ChannelEvent> consumer) {
      this.consumer = consumer;
    }

    public Future<Void> ready() {
      return consumer.completion();
    }

    public Future<Void> cancel() {
      return consumer.unregister();
    }
  }

  /** Deletes the events older than {@code age} (a periodic job, once per node); returns how many. */
  public Future<Integer> purge(Duration age) {
    return EventStore.purge(pool, age);
  }

  /** Events this node delivered since it started. */
  public long delivered() {
    return delivered.get();
  }

  /** Of those, the ones read back from the table rather than heard. */
  public long readBack() {
    return readBack.get();
  }

  /** How many times the listening connection was (re)made and listened. */
  public long listens() {
    return listens.get();
  }

  private void listen() {
    PgChannel channel = subscriber.channel(EventStore.PG_CHANNEL);
    // Listening again after a cut: read what was published meanwhile.
    channel.subscribeHandler(v -> context.runOnContext(x -> {
      listens.incrementAndGet();
      catchUp();
    }));
    channel.handler(notification -> context.runOnContext(x -> heard(notification)));
    connect();
    renewTimer = vertx.setPeriodic(listenLifetime.toMillis(), id -> renew());
  }

  private void connect() {
    if (closed) {
      return;
    }
    subscriber.connect().onFailure(t -> {
      // A first connection that fails is not retried by the subscriber itself.
      log.warn("Cannot listen for channel events ({}); trying again in 1 s", t.getMessage());
      subscriber.close().onComplete(x -> vertx.setTimer(1000, id -> context.runOnContext(y -> connect())));
    });
  }

  /** Closes the listening connection; the subscriber's reconnect policy opens a new one. */
  private void renew() {
    PgConnection connection = subscriber.actualConnection();
    if (connection != null && !closed) {
      connection.close();
    }
  }

  /** An announcement "id envelope". */
  private void heard(String notification) {
    ChannelEvent event;
    try {
      int space = notification.indexOf(' ');
      JsonObject envelope = new JsonObject(notification.substring(space + 1));
      event = new ChannelEvent(Long.parseLong(notification.substring(0, space)), envelope.getString("t"),
          envelope.getJsonObject("p"), envelope.getString("o"));
    } catch (RuntimeException e) {
      log.warn("Ignoring a malformed channel announcement: {}", e.getMessage());
      return;
    }
    if (catchingUp) {
      heldBack.add(event);
    } else if (event.id() == lastDelivered + 1) {
      deliver(event);
    } else if (event.id() > lastDelivered + 1) {
      // Some were missed (the connection was down): read them first.
      heldBack.add(event);
      catchUp();
    }
    // else: delivered already by a catch-up read
  }

  private void catchUp() {
    if (closed) {
      return;
    }
    if (catchingUp) {
      catchUpAgain = true;
      return;
    }
    catchingUp = true;
    readAfter();
  }

  private void readAfter() {
    EventStore.after(pool, lastDelivered, CATCH_UP_BATCH).onComplete(ar -> context.runOnContext(x -> {
      if (closed) {
        return;
      }
      if (ar.failed()) {
        catchingUp = false;
        log.warn("Channel catch-up failed ({}); trying again in 1 s", ar.cause().getMessage());
        vertx.setTimer(1000, id -> context.runOnContext(y -> catchUp()));
        return;
      }
      List<ChannelEvent> events = ar.result();
      for (ChannelEvent e : events) {
        if (e.id() > lastDelivered + 1) {
          log.warn("Channel events {} to {} were purged before this node read them", lastDelivered + 1, e.id() - 1);
        }
        readBack.incrementAndGet();
        deliver(e);
      }
      if (events.size() == CATCH_UP_BATCH) {
        readAfter();
        return;
      }
      catchingUp = false;
      boolean gap = false;
      while (!heldBack.isEmpty()) {
        ChannelEvent e = heldBack.poll();
        if (e.id() == lastDelivered + 1) {
          deliver(e);
        } else if (e.id() > lastDelivered + 1) {
          heldBack.addFirst(e);
          gap = true;
          break;
        }
      }
      if (gap || catchUpAgain) {
        catchUpAgain = false;
        catchUp();
      }
    }));
  }

  private void deliver(ChannelEvent event) {
    lastDelivered = event.id();
    delivered.incrementAndGet();
    vertx.eventBus().publish(ADDRESS + event.topic(), event, local);
  }

  @Override
  public void close() {
    closed = true;
    vertx.cancelTimer(renewTimer);
    if (subscriber != null) {
      subscriber.close();
    }
  }

  private static void registerCodec(Vertx vertx) {
    try {
      vertx.eventBus().registerCodec(new LocalCodec());
    } catch (IllegalStateException alreadyRegistered) {
      // one codec per Vert.x instance; another channel on it registered it
    }
  }

  /** Events stay on the node; each subscriber gets a copy of the payload, which JSON objects let change. */
  private static final class LocalCodec implements MessageCodec<ChannelEvent, ChannelEvent> {
    @Override
    public void encodeToWire(Buffer buffer, ChannelEvent event) {
      throw new UnsupportedOperationException("Channel events are delivered on the node only");
    }

    @Override
    public ChannelEvent decodeFromWire(int pos, Buffer buffer) {
      throw new UnsupportedOperationException("Channel events are delivered on the node only");
    }

    @Override
    public ChannelEvent transform(ChannelEvent event) {
      return new ChannelEvent(event.id(), event.topic(), event.payload().copy(), event.origin());
    }

    @Override
    public String name() {
      return CODEC;
    }

    @Override
    public byte systemCodecID() {
      return -1;
    }
  }
}
